package dev.moddesk.server.review;

import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.JoinMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The SQL of review's applications: rows, risk inputs, expiry, withdrawal, publication. Timestamps are bound as UTC
 * {@link OffsetDateTime}s, which both H2 and PostgreSQL take for TIMESTAMP WITH TIME ZONE; "now" always comes from the
 * services' clock, never from the database, so lease expiry and the undo window follow one clock that tests can move.
 */
final class ApplicationStore {

    static final String APPLICATION_COLUMNS = """
            a.id, a.external_id, a.circle_id, c.external_id AS circle_external_id, c.name AS circle_name, c.city,
            a.applicant_id, a.applicant_nickname, a.applicant_city, a.applicant_created_at, a.applicant_locale, a.mode,
            a.answers_json, a.video_media_key, a.video_poster_key, a.video_duration, a.video_caption, a.risk_score,
            a.risk_json, a.risk_codes, a.status, a.version, a.submitted_at, a.claimed_by, a.claimed_by_name,
            a.claim_expires_at, a.decision_kind, a.decision_reason, a.decision_note, a.decision_question,
            a.decision_message, a.decision_cooldown, a.decided_by, a.decided_by_name, a.decided_at, a.undoable_until,
            a.publish_pending
            """;

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static ApplicationRow row(ResultSet rs) throws SQLException {
        String kind = rs.getString("decision_kind");
        return new ApplicationRow(
                rs.getLong("id"), rs.getString("external_id"), rs.getLong("circle_id"), rs.getString("circle_external_id"),
                rs.getString("circle_name"), rs.getString("city"), rs.getString("applicant_id"),
                rs.getString("applicant_nickname"), rs.getString("applicant_city"), instant(rs, "applicant_created_at"),
                rs.getString("applicant_locale"), JoinMode.valueOf(rs.getString("mode")), rs.getString("answers_json"),
                rs.getString("video_media_key"), rs.getString("video_poster_key"), nullableInt(rs, "video_duration"),
                rs.getString("video_caption"), rs.getInt("risk_score"), rs.getString("risk_json"),
                rs.getString("risk_codes"), ApplicationStatus.valueOf(rs.getString("status")), rs.getInt("version"),
                instant(rs, "submitted_at"), nullableLong(rs, "claimed_by"), rs.getString("claimed_by_name"),
                instant(rs, "claim_expires_at"), kind == null ? null : DecisionKind.valueOf(kind),
                rs.getString("decision_reason"), rs.getString("decision_note"), rs.getString("decision_question"),
                rs.getString("decision_message"), nullableInt(rs, "decision_cooldown"), nullableLong(rs, "decided_by"),
                rs.getString("decided_by_name"), instant(rs, "decided_at"), instant(rs, "undoable_until"),
                rs.getBoolean("publish_pending"));
    }

    record ApplicationWrite(String externalId, long circleId, String applicantId, String nickname, String applicantCity,
                            Instant accountCreatedAt, String locale, JoinMode mode, String answersJson, String searchText,
                            String videoKey, String posterKey, Integer videoDuration, String videoCaption,
                            int riskScore, String riskJson, String riskCodes, Instant submittedAt) {
    }

    long insertApplication(Handle h, ApplicationWrite a) {
        return h.createUpdate("""
                INSERT INTO review_application (external_id, circle_id, applicant_id, applicant_nickname, applicant_city,
                    applicant_created_at, applicant_locale, mode, answers_json, search_text, video_media_key,
                    video_poster_key, video_duration, video_caption, risk_score, risk_json, risk_codes, status, version,
                    submitted_at, city)
                VALUES (:ext, :circle, :applicant, :nick, :acity, :created, :locale, :mode, :answers, :search, :video,
                    :poster, :duration, :caption, :risk, :riskJson, :riskCodes, 'PENDING', 1, :submitted,
                    (SELECT c.city FROM review_circle c WHERE c.id = :circle))""")
                .bind("ext", a.externalId()).bind("circle", a.circleId()).bind("applicant", a.applicantId())
                .bind("nick", a.nickname()).bind("acity", a.applicantCity()).bind("created", ts(a.accountCreatedAt()))
                .bind("locale", a.locale()).bind("mode", a.mode().name()).bind("answers", a.answersJson())
                .bind("search", a.searchText()).bind("video", a.videoKey()).bind("poster", a.posterKey())
                .bind("duration", a.videoDuration()).bind("caption", a.videoCaption()).bind("risk", a.riskScore())
                .bind("riskJson", a.riskJson()).bind("riskCodes", a.riskCodes()).bind("submitted", ts(a.submittedAt()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<ApplicationRow> application(Handle h, long id) {
        return lockedApplication(h, id, "");
    }

    /** One row, locked with the dialect's {@code lock} clause (empty: not locked). */
    Optional<ApplicationRow> lockedApplication(Handle h, long id, String lock) {
        return h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id = :id" + lock)
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /** The rows of {@code ids} that exist, locked with {@code lock} in id order (so two callers cannot deadlock). */
    Map<Long, ApplicationRow> lockedApplications(Handle h, Collection<Long> ids, String lock) {
        Map<Long, ApplicationRow> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id IN (<ids>)"
                        + " ORDER BY a.id" + lock)
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> row(rs)).forEach(r -> out.put(r.id(), r));
        return out;
    }

    /**
     * The rows of {@code ids} whose undo window has closed and whose action is still unpublished, locked with
     * {@code lock} in id order; rows an undo or another publisher took meanwhile are left out.
     */
    List<ApplicationRow> lockedDueForPublish(Handle h, List<Long> ids, Instant now, String lock) {
        return h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id IN (<ids>)"
                        + " AND a.publish_pending = TRUE AND a.undoable_until <= :now ORDER BY a.id" + lock)
                .bindList("ids", ids).bind("now", ts(now)).map((rs, ctx) -> row(rs)).list();
    }

    Optional<Long> applicationIdByExternal(Handle h, String externalId) {
        return h.createQuery("SELECT id FROM review_application WHERE external_id = :ext").bind("ext", externalId)
                .mapTo(Long.class).findOne();
    }

    void updateRisk(Handle h, long id, int score, String riskJson, String riskCodes) {
        h.createUpdate("UPDATE review_application SET risk_score = :s, risk_json = :j, risk_codes = :c WHERE id = :id")
                .bind("id", id).bind("s", score).bind("j", riskJson).bind("c", riskCodes).execute();
    }

    /** Stale, and nobody is reviewing it: a live claim means a moderator is about to decide. */
    private static final String STALE = """
            ((status = 'PENDING' AND submitted_at < :cutoff)
             OR (status = 'NEEDS_INFO' AND decided_at < :cutoff AND publish_pending = FALSE))
            AND (claimed_by IS NULL OR claim_expires_at < :now)""";

    /** Applications nobody decided (or whose applicant never answered a question) since {@code cutoff}, unclaimed. */
    List<Long> staleApplications(Handle h, Instant cutoff, Instant now, int limit) {
        return h.createQuery("SELECT id FROM review_application WHERE " + STALE + " ORDER BY id LIMIT :limit")
                .bind("cutoff", ts(cutoff)).bind("now", ts(now)).bind("limit", limit).mapTo(Long.class).list();
    }

    /**
     * Marks one stale application EXPIRED and drops its lapsed claim; 0 if a decision, a new claim or another node got
     * there first.
     */
    int expire(Handle h, long id, Instant cutoff, Instant now) {
        return h.createUpdate("""
                UPDATE review_application SET status = 'EXPIRED', version = version + 1, claimed_by = NULL,
                       claimed_by_name = NULL, claim_expires_at = NULL
                WHERE id = :id AND """ + STALE).bind("id", id).bind("cutoff", ts(cutoff)).bind("now", ts(now)).execute();
    }

    int withdraw(Handle h, long id) {
        return h.createUpdate("""
                UPDATE review_application SET status = 'WITHDRAWN', version = version + 1, claimed_by = NULL,
                       claimed_by_name = NULL, claim_expires_at = NULL
                WHERE id = :id AND status = 'PENDING'""").bind("id", id).execute();
    }

    /** Withdraws a decided application whose action is not published yet (its undo window open, or just closed). */
    int withdrawUnpublished(Handle h, long id) {
        return h.createUpdate("""
                UPDATE review_application SET status = 'WITHDRAWN', version = version + 1, claimed_by = NULL,
                       claimed_by_name = NULL, claim_expires_at = NULL, publish_pending = FALSE, undoable_until = NULL
                WHERE id = :id AND publish_pending = TRUE AND status IN ('APPROVED', 'REJECTED', 'NEEDS_INFO')""")
                .bind("id", id).execute();
    }

    void rememberEarlyWithdrawal(Handle h, String externalId, Instant at) {
        boolean known = h.createQuery("SELECT COUNT(*) FROM review_early_withdrawal WHERE external_id = :ext")
                .bind("ext", externalId).mapTo(Integer.class).one() > 0;
        if (!known) {
            h.createUpdate("INSERT INTO review_early_withdrawal (external_id, withdrawn_at) VALUES (:ext, :at)")
                    .bind("ext", externalId).bind("at", ts(at)).execute();
        }
    }

    int forgetEarlyWithdrawal(Handle h, String externalId) {
        return h.createUpdate("DELETE FROM review_early_withdrawal WHERE external_id = :ext").bind("ext", externalId)
                .execute();
    }

    void insertFingerprints(Handle h, long applicationId, String applicantId, Collection<String> fingerprints) {
        var batch = h.prepareBatch("INSERT INTO review_answer_fingerprint (application_id, fingerprint, applicant_id) VALUES (:a, :f, :u)");
        for (String f : fingerprints) {
            batch.bind("a", applicationId).bind("f", f).bind("u", applicantId).add();
        }
        if (!fingerprints.isEmpty()) {
            batch.execute();
        }
    }

    /** Pending applications sharing a fingerprint, to flag the whole ring once it forms. */
    List<ApplicationRow> pendingWithFingerprint(Handle h, String fingerprint) {
        return h.createQuery("SELECT " + APPLICATION_COLUMNS + """
                 FROM review_application a JOIN review_circle c ON c.id = a.circle_id
                WHERE a.status = 'PENDING' AND a.id IN (SELECT application_id FROM review_answer_fingerprint WHERE fingerprint = :f)""")
                .bind("f", fingerprint).map((rs, ctx) -> row(rs)).list();
    }

    record Rejection(String reasonCode, Instant decidedAt, int cooldownDays) {
    }

    List<Rejection> rejections(Handle h, String applicantId, long circleId) {
        return h.createQuery("""
                SELECT decision_reason, decided_at, decision_cooldown FROM review_application
                WHERE applicant_id = :u AND circle_id = :c AND status = 'REJECTED' AND decided_at IS NOT NULL""")
                .bind("u", applicantId).bind("c", circleId)
                .map((rs, ctx) -> new Rejection(rs.getString(1), instant(rs, "decided_at"),
                        Optional.ofNullable(nullableInt(rs, "decision_cooldown")).orElse(0)))
                .list();
    }

    List<ApplicationRow> applicationsOf(Handle h, String applicantId, int limit) {
        return h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                        + " WHERE a.applicant_id = :u ORDER BY a.submitted_at DESC, a.id DESC LIMIT :limit")
                .bind("u", applicantId).bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    List<Long> dueForPublish(Handle h, Instant now, int limit) {
        return h.createQuery("""
                SELECT id FROM review_application WHERE publish_pending = TRUE AND undoable_until <= :now
                ORDER BY undoable_until LIMIT :limit""").bind("now", ts(now)).bind("limit", limit)
                .mapTo(Long.class).list();
    }

    /** Ends the undo windows of rows locked by {@link #lockedDueForPublish} for good. */
    void markAllPublished(Handle h, List<Long> ids) {
        h.createUpdate("UPDATE review_application SET publish_pending = FALSE WHERE id IN (<ids>)")
                .bindList("ids", ids).execute();
    }
}
