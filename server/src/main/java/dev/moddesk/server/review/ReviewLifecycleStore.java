package dev.moddesk.server.review;

import dev.moddesk.server.core.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Review's lifecycle SQL: media of finished applications past retention, and one applicant's rows. */
final class ReviewLifecycleStore {

    private static final String FINISHED = "status IN ('APPROVED', 'REJECTED', 'WITHDRAWN', 'EXPIRED')";

    /** An application whose media files may go. */
    record MediaRow(long id, String videoKey, String posterKey) {
    }

    /** Finished applications decided (or, without a decision, submitted) before {@code cutoff} that still have media. */
    List<MediaRow> mediaBefore(Handle h, Instant cutoff, int limit) {
        return h.createQuery("SELECT id, video_media_key, video_poster_key FROM review_application WHERE " + FINISHED
                        + " AND COALESCE(decided_at, submitted_at) < :cutoff"
                        + " AND (video_media_key IS NOT NULL OR video_poster_key IS NOT NULL)"
                        + " ORDER BY id LIMIT :limit")
                .bind("cutoff", Sql.utc(cutoff)).bind("limit", limit)
                .map((rs, ctx) -> new MediaRow(rs.getLong("id"), rs.getString("video_media_key"),
                        rs.getString("video_poster_key"))).list();
    }

    /** Drops the media keys of {@code ids} if they are still finished and old (a rival node may have done it). */
    int dropMedia(Handle h, List<Long> ids, Instant cutoff) {
        return h.createUpdate("UPDATE review_application SET video_media_key = NULL, video_poster_key = NULL"
                        + " WHERE id IN (<ids>) AND " + FINISHED + " AND COALESCE(decided_at, submitted_at) < :cutoff"
                        + " AND (video_media_key IS NOT NULL OR video_poster_key IS NOT NULL)")
                .bindList("ids", ids).bind("cutoff", Sql.utc(cutoff)).execute();
    }

    /** Whether any application still names {@code key} as its video or poster (keys may be shared). */
    boolean mediaInUse(Handle h, String key) {
        return h.createQuery("SELECT COUNT(*) FROM review_application WHERE video_media_key = :k OR video_poster_key = :k")
                .bind("k", key).mapTo(Long.class).one() > 0;
    }

    /** One applicant's application with every personal column. */
    record ApplicantRow(long id, String externalId, String circleExternalId, String status, String nickname,
                        String city, Instant accountCreatedAt, String answersJson, String videoKey, String posterKey,
                        String videoCaption, String decisionKind, String reasonCode, String note, String question,
                        String message, Instant submittedAt, Instant decidedAt) {

        Map<String, Object> export(List<StoredAnswer> answers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("applicationId", externalId);
            m.put("circleId", circleExternalId);
            m.put("status", status);
            m.put("nickname", nickname);
            m.put("city", city);
            m.put("accountCreatedAt", accountCreatedAt);
            m.put("submittedAt", submittedAt);
            m.put("answers", answers.stream().map(StoredAnswer::text).toList());
            m.put("videoKey", videoKey);
            m.put("posterKey", posterKey);
            m.put("videoCaption", videoCaption);
            m.put("decision", decisionKind);
            m.put("reasonCode", reasonCode);
            m.put("decidedAt", decidedAt);
            m.put("question", question);
            m.put("message", message);
            return m;
        }
    }

    List<ApplicantRow> applications(Handle h, String userId) {
        return h.createQuery("SELECT a.*, c.external_id AS circle_external_id FROM review_application a"
                        + " JOIN review_circle c ON c.id = a.circle_id WHERE a.applicant_id = :u ORDER BY a.id")
                .bind("u", userId)
                .map((rs, ctx) -> new ApplicantRow(rs.getLong("id"), rs.getString("external_id"),
                        rs.getString("circle_external_id"), rs.getString("status"), rs.getString("applicant_nickname"),
                        rs.getString("applicant_city"), Sql.instant(rs, "applicant_created_at"),
                        rs.getString("answers_json"), rs.getString("video_media_key"),
                        rs.getString("video_poster_key"), rs.getString("video_caption"),
                        rs.getString("decision_kind"), rs.getString("decision_reason"), rs.getString("decision_note"),
                        rs.getString("decision_question"), rs.getString("decision_message"),
                        Sql.instant(rs, "submitted_at"), Sql.instant(rs, "decided_at")))
                .list();
    }

    /** Undecided applications of the user become WITHDRAWN (nobody can decide on an erased person's answers). */
    int withdrawUndecided(Handle h, String userId) {
        return h.createUpdate("UPDATE review_application SET status = 'WITHDRAWN', claimed_by = NULL,"
                        + " claimed_by_name = NULL, claim_expires_at = NULL"
                        + " WHERE applicant_id = :u AND status IN ('PENDING', 'NEEDS_INFO')")
                .bind("u", userId).execute();
    }

    /**
     * Removes the applicant's personal columns and names them by {@code pseudonym}; the status, decision kind,
     * reason code, deciding moderator and times stay. The version moves on, so a decision racing the erasure fails
     * its version check instead of writing over it.
     */
    int pseudonymize(Handle h, String userId, String pseudonym) {
        return h.createUpdate("UPDATE review_application SET applicant_id = :p, applicant_nickname = NULL,"
                        + " applicant_city = NULL, applicant_created_at = NULL, answers_json = '[]', search_text = '',"
                        + " video_media_key = NULL, video_poster_key = NULL, video_caption = NULL, risk_json = '[]',"
                        + " decision_note = NULL, decision_question = NULL, decision_message = NULL,"
                        + " version = version + 1 WHERE applicant_id = :u")
                .bind("u", userId).bind("p", pseudonym).execute();
    }

    int deleteFingerprints(Handle h, String userId, List<Long> applicationIds) {
        String byApplication = applicationIds.isEmpty() ? "" : " OR application_id IN (<ids>)";
        var u = h.createUpdate("DELETE FROM review_answer_fingerprint WHERE applicant_id = :u" + byApplication)
                .bind("u", userId);
        if (!applicationIds.isEmpty()) {
            u.bindList("ids", applicationIds);
        }
        return u.execute();
    }

    /** Stored decision answers (they carry the message to the applicant) of one application. */
    int deleteStoredAnswers(Handle h, long applicationId) {
        return h.createUpdate("DELETE FROM review_idempotency WHERE response_json LIKE :p ESCAPE '!'")
                .bind("p", "{\"applicationId\":" + applicationId + ",%").execute();
    }

    /** The owner names of the circles the user owns ({@code circle.upserted ownerId}). */
    List<String> ownedCircleNames(Handle h, String userId) {
        return h.createQuery("SELECT owner_name FROM review_circle WHERE owner_id = :u AND owner_name IS NOT NULL")
                .bind("u", userId).mapTo(String.class).list();
    }

    /**
     * Circles the user owns: by {@code ownerId}, or, for a circle the platform named only by its owner's name (no
     * {@code ownerId}), by that name being one the user goes by ({@code names}: what every part's find returned).
     */
    List<Map<String, Object>> ownedCircles(Handle h, String userId, Collection<String> names) {
        String byName = names.isEmpty() ? "" : " OR (owner_id IS NULL AND owner_name IN (<names>))";
        var q = h.createQuery("SELECT external_id, name, city, owner_id, owner_name FROM review_circle"
                + " WHERE owner_id = :u" + byName + " ORDER BY id").bind("u", userId);
        if (!names.isEmpty()) {
            q.bindList("names", List.copyOf(names));
        }
        return q.map((rs, ctx) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("circle", rs.getString("external_id"));
            m.put("name", rs.getString("name"));
            m.put("city", rs.getString("city"));
            m.put("ownerName", rs.getString("owner_name"));
            m.put("matchedBy", rs.getString("owner_id") == null ? "ownerName" : "ownerId");
            return m;
        }).list();
    }

    /** Circles named only by an owner name among {@code names} (no ownerId) lose that name. */
    int eraseNamedCircleOwners(Handle h, Collection<String> names, String erased) {
        if (names.isEmpty()) {
            return 0;
        }
        return h.createUpdate("UPDATE review_circle SET owner_name = :e WHERE owner_id IS NULL"
                        + " AND owner_name IN (<names>)")
                .bindList("names", List.copyOf(names)).bind("e", erased).execute();
    }

    /** The owner names among {@code names} that circles without an ownerId carry. */
    List<String> namedCircleOwners(Handle h, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        return h.createQuery("SELECT DISTINCT owner_name FROM review_circle WHERE owner_id IS NULL"
                        + " AND owner_name IN (<names>)")
                .bindList("names", List.copyOf(names)).mapTo(String.class).list();
    }

    /** The user's circles keep their owner under {@code pseudonym}, without the owner's name. */
    int eraseCircleOwner(Handle h, String userId, String pseudonym, String erased) {
        return h.createUpdate("UPDATE review_circle SET owner_id = :p, owner_name = :e WHERE owner_id = :u")
                .bind("u", userId).bind("p", pseudonym).bind("e", erased).execute();
    }

    /** Stored decision answers (any applicant's) that carry {@code text}: an application view names its circle's owner. */
    int deleteStoredAnswersHolding(Handle h, String text) {
        return h.createUpdate("DELETE FROM review_idempotency WHERE response_json LIKE :p ESCAPE '!'")
                .bind("p", Sql.containing(text)).execute();
    }
}
