package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.CircleQuestion;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * All SQL of circle review. Timestamps are bound as UTC {@link OffsetDateTime}s, which both H2 and PostgreSQL take
 * for TIMESTAMP WITH TIME ZONE; "now" always comes from the service's clock, never from the database, so lease
 * expiry and the undo window follow one clock that tests can move.
 */
final class ReviewStore {

    private static final String APPLICATION_COLUMNS = """
            a.id, a.external_id, a.circle_id, c.external_id AS circle_external_id, c.name AS circle_name, c.city,
            a.applicant_id, a.applicant_nickname, a.applicant_city, a.applicant_created_at, a.applicant_locale, a.mode,
            a.answers_json, a.video_media_key, a.video_poster_key, a.video_duration, a.video_caption, a.risk_score,
            a.risk_json, a.risk_codes, a.status, a.version, a.submitted_at, a.claimed_by, a.claimed_by_name,
            a.claim_expires_at, a.decision_kind, a.decision_reason, a.decision_note, a.decision_question,
            a.decision_message, a.decision_cooldown, a.decided_by, a.decided_by_name, a.decided_at, a.undoable_until,
            a.publish_pending
            """;

    private volatile Boolean postgres;

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    boolean isPostgres(Handle h) {
        Boolean p = postgres;
        if (p == null) {
            try {
                p = h.getConnection().getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database product name", e);
            }
            postgres = p;
        }
        return p;
    }

    // ---- circles ------------------------------------------------------------------------------------------------

    record CircleWrite(String externalId, String name, String city, String topic, JoinMode joinMode,
                       List<String> questions, int memberCount, String ownerName) {
    }

    long upsertCircle(Handle h, CircleWrite c, Instant now) {
        Optional<Long> existing = h.createQuery("SELECT id FROM review_circle WHERE external_id = :ext")
                .bind("ext", c.externalId()).mapTo(Long.class).findOne();
        long id;
        if (existing.isPresent()) {
            id = existing.get();
            h.createUpdate("""
                    UPDATE review_circle SET name = :name, city = :city, topic = :topic, join_mode = :mode,
                           member_count = :members, owner_name = :owner, updated_at = :now WHERE id = :id""")
                    .bind("id", id).bind("name", c.name()).bind("city", c.city()).bind("topic", c.topic())
                    .bind("mode", c.joinMode().name()).bind("members", c.memberCount()).bind("owner", c.ownerName())
                    .bind("now", ts(now)).execute();
            h.createUpdate("DELETE FROM review_circle_question WHERE circle_id = :id").bind("id", id).execute();
        } else {
            id = h.createUpdate("""
                    INSERT INTO review_circle (external_id, name, city, topic, join_mode, member_count, owner_name, updated_at)
                    VALUES (:ext, :name, :city, :topic, :mode, :members, :owner, :now)""")
                    .bind("ext", c.externalId()).bind("name", c.name()).bind("city", c.city()).bind("topic", c.topic())
                    .bind("mode", c.joinMode().name()).bind("members", c.memberCount()).bind("owner", c.ownerName())
                    .bind("now", ts(now)).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        }
        var batch = h.prepareBatch("INSERT INTO review_circle_question (circle_id, position, text) VALUES (:c, :p, :t)");
        for (int i = 0; i < c.questions().size(); i++) {
            batch.bind("c", id).bind("p", i + 1).bind("t", c.questions().get(i)).add();
        }
        if (!c.questions().isEmpty()) {
            batch.execute();
        }
        return id;
    }

    Optional<Long> circleIdByExternal(Handle h, String externalId) {
        return h.createQuery("SELECT id FROM review_circle WHERE external_id = :ext").bind("ext", externalId)
                .mapTo(Long.class).findOne();
    }

    List<Circle> circles(Handle h, String city, Set<String> scope) {
        StringBuilder sql = new StringBuilder("SELECT * FROM review_circle WHERE 1 = 1");
        if (city != null) {
            sql.append(" AND city = :city");
        }
        if (!scope.isEmpty()) {
            sql.append(" AND city IN (<scope>)");
        }
        sql.append(" ORDER BY city, name, id");
        Query q = h.createQuery(sql.toString());
        if (city != null) {
            q.bind("city", city);
        }
        if (!scope.isEmpty()) {
            q.bindList("scope", List.copyOf(scope));
        }
        List<Circle> bare = q.map((rs, ctx) -> circle(rs, List.of())).list();
        if (bare.isEmpty()) {
            return bare;
        }
        Map<Long, List<CircleQuestion>> questions = questionsOf(h, bare.stream().map(Circle::id).toList());
        return bare.stream().map(c -> withQuestions(c, questions.getOrDefault(c.id(), List.of()))).toList();
    }

    /** One circle with its questions, in one round trip (one row per question, or one row when it has none). */
    Optional<Circle> circle(Handle h, long id) {
        List<CircleQuestion> questions = new ArrayList<>();
        List<Circle> bare = h.createQuery("""
                        SELECT c.*, q.position AS q_position, q.text AS q_text
                        FROM review_circle c LEFT JOIN review_circle_question q ON q.circle_id = c.id
                        WHERE c.id = :id ORDER BY q.position""").bind("id", id)
                .map((rs, ctx) -> {
                    String text = rs.getString("q_text");
                    if (text != null) {
                        questions.add(new CircleQuestion(rs.getInt("q_position"), text));
                    }
                    return circle(rs, List.of());
                }).list();
        return bare.isEmpty() ? Optional.empty() : Optional.of(withQuestions(bare.getFirst(), List.copyOf(questions)));
    }

    private static Circle withQuestions(Circle c, List<CircleQuestion> q) {
        return new Circle(c.id(), c.externalId(), c.name(), c.city(), c.topic(), c.joinMode(), q, c.memberCount(), c.ownerName());
    }

    private static Circle circle(ResultSet rs, List<CircleQuestion> questions) throws SQLException {
        return new Circle(rs.getLong("id"), rs.getString("external_id"), rs.getString("name"), rs.getString("city"),
                rs.getString("topic"), JoinMode.valueOf(rs.getString("join_mode")), questions, rs.getInt("member_count"),
                rs.getString("owner_name"));
    }

    private Map<Long, List<CircleQuestion>> questionsOf(Handle h, Collection<Long> circleIds) {
        Map<Long, List<CircleQuestion>> out = new HashMap<>();
        h.createQuery("SELECT circle_id, position, text FROM review_circle_question WHERE circle_id IN (<ids>) ORDER BY circle_id, position")
                .bindList("ids", List.copyOf(circleIds))
                .map((rs, ctx) -> {
                    out.computeIfAbsent(rs.getLong("circle_id"), k -> new ArrayList<>())
                            .add(new CircleQuestion(rs.getInt("position"), rs.getString("text")));
                    return null;
                }).list();
        return out;
    }

    // ---- applications -------------------------------------------------------------------------------------------

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
                    submitted_at)
                VALUES (:ext, :circle, :applicant, :nick, :acity, :created, :locale, :mode, :answers, :search, :video,
                    :poster, :duration, :caption, :risk, :riskJson, :riskCodes, 'PENDING', 1, :submitted)""")
                .bind("ext", a.externalId()).bind("circle", a.circleId()).bind("applicant", a.applicantId())
                .bind("nick", a.nickname()).bind("acity", a.applicantCity()).bind("created", ts(a.accountCreatedAt()))
                .bind("locale", a.locale()).bind("mode", a.mode().name()).bind("answers", a.answersJson())
                .bind("search", a.searchText()).bind("video", a.videoKey()).bind("poster", a.posterKey())
                .bind("duration", a.videoDuration()).bind("caption", a.videoCaption()).bind("risk", a.riskScore())
                .bind("riskJson", a.riskJson()).bind("riskCodes", a.riskCodes()).bind("submitted", ts(a.submittedAt()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<ApplicationRow> application(Handle h, long id, boolean forUpdate) {
        String lock = forUpdate ? (isPostgres(h) ? " FOR UPDATE OF a" : " FOR UPDATE") : "";
        return h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id = :id" + lock)
                .bind("id", id).map((rs, ctx) -> row(rs)).findOne();
    }

    /** The rows of {@code ids} that exist, locked for update in id order (so two bulk requests cannot deadlock). */
    Map<Long, ApplicationRow> applicationsForUpdate(Handle h, Collection<Long> ids) {
        Map<Long, ApplicationRow> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        boolean pg = isPostgres(h);
        if (pg && ids.size() == 1) {
            // One decision: plain JDBC (JDBI's statement machinery cost more CPU than this query).
            try (PreparedStatement ps = h.getConnection().prepareStatement("SELECT " + APPLICATION_COLUMNS
                    + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id = ? FOR UPDATE OF a")) {
                ps.setLong(1, ids.iterator().next());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        ApplicationRow r = row(rs);
                        out.put(r.id(), r);
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        }
        String lock = pg ? " FOR UPDATE OF a" : " FOR UPDATE";
        h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id IN (<ids>)"
                        + " ORDER BY a.id" + lock)
                .bindList("ids", List.copyOf(ids)).map((rs, ctx) -> row(rs)).forEach(r -> out.put(r.id(), r));
        return out;
    }

    Optional<Long> applicationIdByExternal(Handle h, String externalId) {
        return h.createQuery("SELECT id FROM review_application WHERE external_id = :ext").bind("ext", externalId)
                .mapTo(Long.class).findOne();
    }

    void updateRisk(Handle h, long id, int score, String riskJson, String riskCodes) {
        h.createUpdate("UPDATE review_application SET risk_score = :s, risk_json = :j, risk_codes = :c WHERE id = :id")
                .bind("id", id).bind("s", score).bind("j", riskJson).bind("c", riskCodes).execute();
    }

    private static final String STALE = """
            ((status = 'PENDING' AND submitted_at < :cutoff)
             OR (status = 'NEEDS_INFO' AND decided_at < :cutoff AND publish_pending = FALSE))""";

    /** Applications nobody decided (or whose applicant never answered a question) since {@code cutoff}. */
    List<Long> staleApplications(Handle h, Instant cutoff, int limit) {
        return h.createQuery("SELECT id FROM review_application WHERE " + STALE + " ORDER BY id LIMIT :limit")
                .bind("cutoff", ts(cutoff)).bind("limit", limit).mapTo(Long.class).list();
    }

    /** Marks one stale application EXPIRED and drops its claim; 0 if a decision or another node got there first. */
    int expire(Handle h, long id, Instant cutoff) {
        return h.createUpdate("""
                UPDATE review_application SET status = 'EXPIRED', version = version + 1, claimed_by = NULL,
                       claimed_by_name = NULL, claim_expires_at = NULL
                WHERE id = :id AND """ + STALE).bind("id", id).bind("cutoff", ts(cutoff)).execute();
    }

    Optional<String> secret(Handle h, String name) {
        return h.createQuery("SELECT secret FROM review_secret WHERE name = :name").bind("name", name)
                .mapTo(String.class).findOne();
    }

    void insertSecret(Handle h, String name, String secret) {
        h.createUpdate("INSERT INTO review_secret (name, secret) VALUES (:name, :secret)").bind("name", name)
                .bind("secret", secret).execute();
    }

    int withdraw(Handle h, long id) {
        return h.createUpdate("""
                UPDATE review_application SET status = 'WITHDRAWN', version = version + 1, claimed_by = NULL,
                       claimed_by_name = NULL, claim_expires_at = NULL
                WHERE id = :id AND status = 'PENDING'""").bind("id", id).execute();
    }

    private static ApplicationRow row(ResultSet rs) throws SQLException {
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

    // ---- queue --------------------------------------------------------------------------------------------------

    /** Position in the queue order; the cursor of the next page. */
    record QueueCursor(int risk, Instant submittedAt, long id) {
        String encode() {
            return risk + "_" + submittedAt.toEpochMilli() + "_" + id;
        }

        static QueueCursor decode(String s) {
            String[] parts = s.split("_");
            if (parts.length != 3) {
                throw new IllegalArgumentException("bad cursor");
            }
            return new QueueCursor(Integer.parseInt(parts[0]), Instant.ofEpochMilli(Long.parseLong(parts[1])),
                    Long.parseLong(parts[2]));
        }
    }

    private record Where(String sql, Map<String, Object> binds, List<String> scope) {
        void applyTo(SqlStatement<?> q) {
            binds.forEach(q::bind);
            if (!scope.isEmpty()) {
                q.bindList("scope", scope);
            }
        }
    }

    private static Where pendingWhere(QueueFilter f, Set<String> scope, Instant now, boolean unclaimedOnly) {
        StringBuilder sql = new StringBuilder(" WHERE a.status = 'PENDING'");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (f.city() != null && !f.city().isBlank()) {
            sql.append(" AND c.city = :city");
            binds.put("city", f.city());
        }
        if (!scope.isEmpty()) {
            sql.append(" AND c.city IN (<scope>)");
        }
        if (f.circleId() != null) {
            sql.append(" AND a.circle_id = :circleId");
            binds.put("circleId", f.circleId());
        }
        if (f.mode() != null && f.mode() != JoinMode.EITHER) {
            sql.append(" AND a.mode = :mode");
            binds.put("mode", f.mode().name());
        }
        if (f.minRisk() != null) {
            sql.append(" AND a.risk_score >= :minRisk");
            binds.put("minRisk", f.minRisk());
        }
        if (f.olderThanMinutes() != null) {
            sql.append(" AND a.submitted_at <= :olderThan");
            binds.put("olderThan", ts(now.minusSeconds(60L * f.olderThanMinutes())));
        }
        if (f.query() != null && !f.query().isBlank()) {
            sql.append(" AND (LOWER(a.applicant_nickname) LIKE :q OR LOWER(c.name) LIKE :q OR a.search_text LIKE :q"
                    + " OR a.applicant_id = :qExact)");
            binds.put("q", "%" + f.query().strip().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "") + "%");
            binds.put("qExact", f.query().strip());
        }
        if (unclaimedOnly) {
            sql.append(" AND (a.claimed_by IS NULL OR a.claim_expires_at < :now)");
            binds.put("now", ts(now));
        }
        return new Where(sql.toString(), binds, List.copyOf(scope));
    }

    static boolean byRisk(QueueFilter f) {
        return "risk".equalsIgnoreCase(f.sort());
    }

    private static String order(QueueFilter f) {
        return byRisk(f) ? " ORDER BY a.risk_score DESC, a.submitted_at, a.id" : " ORDER BY a.submitted_at, a.id";
    }

    List<ApplicationRow> queue(Handle h, QueueFilter f, Set<String> scope, Instant now, QueueCursor after, int limit) {
        Where where = pendingWhere(f, scope, now, false);
        StringBuilder sql = new StringBuilder("SELECT " + APPLICATION_COLUMNS
                + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id").append(where.sql());
        if (after != null) {
            if (byRisk(f)) {
                sql.append(" AND (a.risk_score < :cRisk OR (a.risk_score = :cRisk AND (a.submitted_at > :cAt"
                        + " OR (a.submitted_at = :cAt AND a.id > :cId))))");
            } else {
                sql.append(" AND (a.submitted_at > :cAt OR (a.submitted_at = :cAt AND a.id > :cId))");
            }
        }
        sql.append(order(f)).append(" LIMIT :limit");
        Query q = h.createQuery(sql.toString());
        where.applyTo(q);
        if (after != null) {
            q.bind("cRisk", after.risk()).bind("cAt", ts(after.submittedAt())).bind("cId", after.id());
        }
        return q.bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    /**
     * Candidates for claim-next on H2, in queue order, read unlocked (H2 would lock every matching row); the
     * conditional update of {@link #tryClaimFree} decides who wins. PostgreSQL uses {@link #claimNextPostgres}.
     */
    List<Long> claimCandidates(Handle h, QueueFilter f, Set<String> scope, Instant now, int limit) {
        Where where = pendingWhere(f, scope, now, true);
        String sql = "SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id" + where.sql()
                + order(f) + " LIMIT :limit";
        Query q = h.createQuery(sql);
        where.applyTo(q);
        return q.bind("limit", limit).mapTo(Long.class).list();
    }

    /** An application just claimed, with what its detail view needs: its circle (with questions) and its viewers. */
    record Claimed(ApplicationRow row, Circle circle, List<String> viewers) {
    }

    /**
     * PostgreSQL's claim-next in one statement and one round trip (run it outside a transaction): picks the first
     * free row in queue order (SKIP LOCKED, so concurrent claimers get different rows without waiting), claims it,
     * and returns it joined with its circle, the circle's questions and who else viewed it since {@code viewersSince}.
     * With {@code floor}, only rows submitted then or later are read (see {@link QueueFloors}; age order only).
     * Empty when nothing matching is free.
     */
    Optional<Claimed> claimNextPostgres(Connection c, QueueFilter f, Set<String> scope, long staffId, String staffName,
                                        Instant now, Instant until, Instant viewersSince, Instant floor) {
        Where where = pendingWhere(f, scope, now, true);
        String sql = "WITH next AS (SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                + where.sql() + (floor == null ? "" : " AND a.submitted_at >= :floor") + order(f)
                + " LIMIT 1 FOR UPDATE OF a SKIP LOCKED),"
                + " claimed AS (UPDATE review_application a SET claimed_by = :staff, claimed_by_name = :name,"
                + " claim_expires_at = :until FROM next WHERE a.id = next.id RETURNING a.*)"
                + " SELECT " + APPLICATION_COLUMNS + ", c.topic AS circle_topic, c.join_mode AS circle_join_mode,"
                + " c.member_count AS circle_member_count, c.owner_name AS circle_owner_name,"
                + " (SELECT json_agg(json_build_array(q.position, q.text) ORDER BY q.position)"
                + "    FROM review_circle_question q WHERE q.circle_id = c.id) AS circle_questions,"
                + " (SELECT json_agg(p.staff_name ORDER BY p.staff_name) FROM review_presence p"
                + "    WHERE p.application_id = a.id AND p.staff_id <> :staff AND p.seen_at >= :since) AS viewer_names"
                + " FROM claimed a JOIN review_circle c ON c.id = a.circle_id";
        Map<String, Object> binds = new HashMap<>(where.binds());
        binds.put("staff", staffId);
        binds.put("name", staffName);
        binds.put("until", ts(until));
        binds.put("since", ts(viewersSince));
        if (floor != null) {
            binds.put("floor", ts(floor));
        }
        // Plain JDBC: this runs for every claim, and JDBI's statement machinery cost more CPU than the query.
        try (PreparedStatement ps = prepare(c, sql, binds, where.scope());
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            ApplicationRow row = row(rs);
            List<CircleQuestion> questions = new ArrayList<>();
            String questionsJson = rs.getString("circle_questions");
            if (questionsJson != null) {
                for (JsonNode pair : readTree(questionsJson)) {
                    questions.add(new CircleQuestion(pair.get(0).asInt(), pair.get(1).asText()));
                }
            }
            Circle circle = new Circle(row.circleId(), row.circleExternalId(), row.circleName(), row.city(),
                    rs.getString("circle_topic"), JoinMode.valueOf(rs.getString("circle_join_mode")),
                    List.copyOf(questions), rs.getInt("circle_member_count"), rs.getString("circle_owner_name"));
            List<String> viewers = new ArrayList<>();
            String viewersJson = rs.getString("viewer_names");
            if (viewersJson != null) {
                readTree(viewersJson).forEach(n -> viewers.add(n.asText()));
            }
            return Optional.of(new Claimed(row, circle, List.copyOf(viewers)));
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    private static final Pattern NAMED_PARAMETER = Pattern.compile("(?<!:):([A-Za-z][A-Za-z0-9]*)|<scope>");

    /** SQL with {@code ?} placeholders and, in order, the parameter name of each ({@code null}: a scope element). */
    private record Positional(String sql, List<String> names) {
    }

    /** Rewritten statements by text and scope size; the queue filters make a few dozen shapes at most. */
    private static final Map<String, Positional> POSITIONAL = new ConcurrentHashMap<>();

    /**
     * Prepares {@code sql} written with JDBI's {@code :name} parameters and {@code <scope>} list for plain JDBC: each
     * name becomes a {@code ?} bound to its value, the list one {@code ?} per element.
     */
    private static PreparedStatement prepare(Connection c, String sql, Map<String, Object> binds, List<String> scope)
            throws SQLException {
        if (POSITIONAL.size() > 512) {
            POSITIONAL.clear(); // never expected; a bound on memory all the same
        }
        Positional positional = POSITIONAL.computeIfAbsent(scope.size() + "|" + sql, k -> {
            List<String> names = new ArrayList<>();
            Matcher m = NAMED_PARAMETER.matcher(sql);
            StringBuilder out = new StringBuilder(sql.length());
            while (m.find()) {
                if (m.group(1) == null) {
                    m.appendReplacement(out, String.join(", ", Collections.nCopies(scope.size(), "?")));
                    names.addAll(Collections.nCopies(scope.size(), null));
                } else {
                    m.appendReplacement(out, "?");
                    names.add(m.group(1));
                }
            }
            m.appendTail(out);
            return new Positional(out.toString(), names);
        });
        PreparedStatement ps = c.prepareStatement(positional.sql());
        try {
            int element = 0;
            for (int i = 0; i < positional.names().size(); i++) {
                String name = positional.names().get(i);
                if (name == null) {
                    ps.setObject(i + 1, scope.get(element++));
                } else if (binds.containsKey(name)) {
                    ps.setObject(i + 1, binds.get(name));
                } else {
                    throw new IllegalArgumentException("no value for :" + name);
                }
            }
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    private static JsonNode readTree(String json) throws SQLException {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new SQLException("unreadable JSON from the database: " + e.getMessage(), e);
        }
    }

    /** Claims or renews; succeeds only if the row is pending and free, expired, or already mine. */
    int tryClaim(Handle h, long id, long staffId, String staffName, Instant now, Instant until) {
        return h.createUpdate("""
                UPDATE review_application SET claimed_by = :staff, claimed_by_name = :name, claim_expires_at = :until
                WHERE id = :id AND status = 'PENDING'
                  AND (claimed_by IS NULL OR claim_expires_at < :now OR claimed_by = :staff)""")
                .bind("id", id).bind("staff", staffId).bind("name", staffName).bind("until", ts(until))
                .bind("now", ts(now)).execute();
    }

    /**
     * Claim-next's claim on H2: only a free or expired row, never one the caller already holds, so two claim-next
     * calls from one console (it claims ahead) cannot both be handed the same application.
     */
    int tryClaimFree(Handle h, long id, long staffId, String staffName, Instant now, Instant until) {
        return h.createUpdate("""
                UPDATE review_application SET claimed_by = :staff, claimed_by_name = :name, claim_expires_at = :until
                WHERE id = :id AND status = 'PENDING' AND (claimed_by IS NULL OR claim_expires_at < :now)""")
                .bind("id", id).bind("staff", staffId).bind("name", staffName).bind("until", ts(until))
                .bind("now", ts(now)).execute();
    }

    int release(Handle h, long id, long staffId) {
        return h.createUpdate("""
                UPDATE review_application SET claimed_by = NULL, claimed_by_name = NULL, claim_expires_at = NULL
                WHERE id = :id AND claimed_by = :staff""").bind("id", id).bind("staff", staffId).execute();
    }

    // ---- decisions ----------------------------------------------------------------------------------------------

    record DecisionWrite(long applicationId, int expectedVersion, ApplicationStatus status, DecisionKind kind,
                         String reasonCode, String note, String question, String message, Integer cooldownDays,
                         long staffId, String staffName, Instant decidedAt, Instant undoableUntil) {
    }

    /** Every write in one JDBC batch; the update count of each, in order (1 = written). */
    int[] decideAll(Handle h, List<DecisionWrite> writes) {
        PreparedBatch batch = h.prepareBatch("""
                UPDATE review_application SET status = :status, version = version + 1, decision_kind = :kind,
                       decision_reason = :reason, decision_note = :note, decision_question = :question,
                       decision_message = :message, decision_cooldown = :cooldown, decided_by = :staff,
                       decided_by_name = :name, decided_at = :at, undoable_until = :undoable, publish_pending = TRUE
                WHERE id = :id AND version = :version AND status = 'PENDING'""");
        for (DecisionWrite d : writes) {
            batch.bind("id", d.applicationId()).bind("version", d.expectedVersion()).bind("status", d.status().name())
                    .bind("kind", d.kind().name()).bind("reason", d.reasonCode()).bind("note", d.note())
                    .bind("question", d.question()).bind("message", d.message()).bind("cooldown", d.cooldownDays())
                    .bind("staff", d.staffId()).bind("name", d.staffName()).bind("at", ts(d.decidedAt()))
                    .bind("undoable", ts(d.undoableUntil())).add();
        }
        return batch.execute();
    }

    /** One accepted decision of a call, as the one-statement write needs it. */
    record DecisionRow(DecisionWrite write, boolean claim, long waitedSeconds, String beforeJson, String afterJson,
                       String idempotencyKey, String requestHash, String responseJson) {
    }

    /**
     * What a decision made from a remembered row (not one locked and read in the same transaction) pins: the row is
     * written only if it is still held by this moderator with exactly this claim expiry (in the future), its circle is
     * still in {@code city}, and the reason code (if any) is still active at {@code reasonVersion}.
     */
    record Pins(String staffName, Instant claimExpiresAt, Instant now, String city, String reasonCode,
                int reasonVersion) {
    }

    /** Who the audit entries of a one-statement write are by; null when the caller records them itself. */
    record AuditBy(Long actorId, String actorName, String reason, String clientAddress) {
    }

    private static final String DECIDE_ALL_POSTGRES = """
            WITH v AS (
              SELECT * FROM unnest(?::bigint[], ?::int[], ?::boolean[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                   ?::text[], ?::text[], ?::text[])
                AS v(id, expected, claim, message, waited, before_json, after_json, idem_key, request_hash, response_json)),
            u AS (
              UPDATE review_application a SET status = ?, version = a.version + 1, decision_kind = ?,
                     decision_reason = ?, decision_note = ?, decision_question = ?, decision_message = v.message,
                     decision_cooldown = ?, decided_by = ?, decided_by_name = ?, decided_at = ?, undoable_until = ?,
                     publish_pending = TRUE,
                     claimed_by = CASE WHEN v.claim THEN ? ELSE a.claimed_by END,
                     claimed_by_name = CASE WHEN v.claim THEN ? ELSE a.claimed_by_name END,
                     claim_expires_at = CASE WHEN v.claim THEN ? ELSE a.claim_expires_at END
              FROM v WHERE %s AND a.id = v.id AND a.version = v.expected AND a.status = 'PENDING'
              RETURNING a.id),
            d AS (
              INSERT INTO review_decision (application_id, staff_id, staff_name, kind, reason_code, decided_at, waited_seconds)
              SELECT v.id, ?, ?, ?, ?, ?, v.waited FROM v JOIN u ON u.id = v.id),
            i AS (
              INSERT INTO review_idempotency (staff_id, idem_key, request_hash, response_json, created_at)
              SELECT ?, v.idem_key, v.request_hash, v.response_json, ? FROM v JOIN u ON u.id = v.id)%s
            SELECT count(*) FROM u""";

    // The core audit log's columns (see AuditLog): written here so a decision costs one round trip.
    private static final String AUDIT_CTE = """
            ,
            au AS (
              INSERT INTO audit_log (at, actor_id, actor_name, action, target_type, target_id, before_json, after_json,
                                     reason, client_address)
              SELECT ?, ?, ?, 'review.decision', 'application', v.id::text, v.before_json, v.after_json, ?, ?
              FROM v JOIN u ON u.id = v.id)""";

    /**
     * PostgreSQL: writes every accepted decision of one call in one statement (claims where needed, the decisions,
     * the decision log, the idempotency records and, with {@code auditBy}, the audit entries). All rows share the
     * call's decision ({@code rows} differ only in application, version, claim, message and JSON). The rows are
     * locked and checked by the caller; returns how many were updated.
     */
    int decideAllPostgres(Handle h, List<DecisionRow> rows, Instant claimUntil, AuditBy auditBy) {
        return decideAllPostgres(h, rows, claimUntil, auditBy, null);
    }

    /** As above; with {@code pins} (one row only) the row is written only if it still matches them, else 0. */
    int decideAllPostgres(Handle h, List<DecisionRow> rows, Instant claimUntil, AuditBy auditBy, Pins pins) {
        return decideAllPostgres(h.getConnection(), rows, claimUntil, auditBy, pins);
    }

    /** As above, on a connection of its own (autocommit: the statement is the whole transaction). */
    int decideAllPostgres(Connection c, List<DecisionRow> rows, Instant claimUntil, AuditBy auditBy, Pins pins) {
        DecisionWrite first = rows.getFirst().write();
        int n = rows.size();
        Long[] ids = new Long[n];
        Integer[] expected = new Integer[n];
        Boolean[] claim = new Boolean[n];
        String[] message = new String[n];
        Long[] waited = new Long[n];
        String[] before = new String[n];
        String[] after = new String[n];
        String[] keys = new String[n];
        String[] hashes = new String[n];
        String[] responses = new String[n];
        for (int i = 0; i < n; i++) {
            DecisionRow r = rows.get(i);
            ids[i] = r.write().applicationId();
            expected[i] = r.write().expectedVersion();
            claim[i] = r.claim();
            message[i] = r.write().message();
            waited[i] = r.waitedSeconds();
            before[i] = r.beforeJson();
            after[i] = r.afterJson();
            keys[i] = r.idempotencyKey();
            hashes[i] = r.requestHash();
            responses[i] = r.responseJson();
        }
        if (pins != null && n != 1) {
            throw new IllegalArgumentException("pins are for one decision");
        }
        try (PreparedStatement ps = c.prepareStatement(
                DECIDE_ALL_POSTGRES.formatted((n == 1 ? "a.id = ?" : "a.id = ANY(?::bigint[])") + (pins == null ? ""
                                : " AND a.claimed_by = ? AND a.claimed_by_name = ? AND a.claim_expires_at = ?"
                                + " AND a.claim_expires_at > ?"
                                + " AND EXISTS (SELECT 1 FROM review_circle c WHERE c.id = a.circle_id AND c.city = ?)"
                                + (pins.reasonCode() == null ? "" : " AND EXISTS (SELECT 1 FROM review_reason_code r"
                                + " WHERE r.code = ? AND r.version = ? AND r.active = TRUE)")),
                        auditBy == null ? "" : AUDIT_CTE))) {
            int p = 1;
            ps.setArray(p++, c.createArrayOf("bigint", ids));
            ps.setArray(p++, c.createArrayOf("int4", expected));
            ps.setArray(p++, c.createArrayOf("bool", claim));
            ps.setArray(p++, c.createArrayOf("text", message));
            ps.setArray(p++, c.createArrayOf("bigint", waited));
            ps.setArray(p++, c.createArrayOf("text", before));
            ps.setArray(p++, c.createArrayOf("text", after));
            ps.setArray(p++, c.createArrayOf("text", keys));
            ps.setArray(p++, c.createArrayOf("text", hashes));
            ps.setArray(p++, c.createArrayOf("text", responses));
            // u
            ps.setString(p++, first.status().name());
            ps.setString(p++, first.kind().name());
            ps.setString(p++, first.reasonCode());
            ps.setString(p++, first.note());
            ps.setString(p++, first.question());
            ps.setObject(p++, first.cooldownDays(), Types.INTEGER);
            ps.setLong(p++, first.staffId());
            ps.setString(p++, first.staffName());
            ps.setObject(p++, ts(first.decidedAt()));
            ps.setObject(p++, ts(first.undoableUntil()));
            ps.setLong(p++, first.staffId());
            ps.setString(p++, first.staffName());
            ps.setObject(p++, ts(claimUntil));
            // The ids once more, plainly: the planner then reads each row by its key instead of joining an unnest()
            // it cannot estimate (with stale statistics it scanned every pending row for each decision).
            if (n == 1) {
                ps.setLong(p++, ids[0]);
            } else {
                ps.setArray(p++, c.createArrayOf("bigint", ids));
            }
            if (pins != null) {
                ps.setLong(p++, first.staffId());
                ps.setString(p++, pins.staffName());
                ps.setObject(p++, ts(pins.claimExpiresAt()));
                ps.setObject(p++, ts(pins.now()));
                ps.setString(p++, pins.city());
                if (pins.reasonCode() != null) {
                    ps.setString(p++, pins.reasonCode());
                    ps.setInt(p++, pins.reasonVersion());
                }
            }
            // d
            ps.setLong(p++, first.staffId());
            ps.setString(p++, first.staffName());
            ps.setString(p++, first.kind().name());
            ps.setString(p++, first.reasonCode());
            ps.setObject(p++, ts(first.decidedAt()));
            // i
            ps.setLong(p++, first.staffId());
            ps.setObject(p++, ts(first.decidedAt()));
            if (auditBy != null) {
                ps.setObject(p++, ts(first.decidedAt()));
                ps.setObject(p++, auditBy.actorId(), Types.BIGINT);
                ps.setString(p++, auditBy.actorName());
                ps.setString(p++, auditBy.reason());
                ps.setString(p++, auditBy.clientAddress());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** Claims {@code ids} for one staff member in one JDBC batch (rows already locked and checked free). */
    void claimAll(Handle h, List<Long> ids, long staffId, String staffName, Instant now, Instant until) {
        if (ids.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                UPDATE review_application SET claimed_by = :staff, claimed_by_name = :name, claim_expires_at = :until
                WHERE id = :id AND status = 'PENDING'
                  AND (claimed_by IS NULL OR claim_expires_at < :now OR claimed_by = :staff)""");
        for (long id : ids) {
            batch.bind("id", id).bind("staff", staffId).bind("name", staffName).bind("until", ts(until))
                    .bind("now", ts(now)).add();
        }
        batch.execute();
    }

    /** The decision log rows of {@code writes}, one batch; {@code waited} holds each one's seconds in the queue. */
    void insertDecisionLogs(Handle h, List<DecisionWrite> writes, long[] waited) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO review_decision (application_id, staff_id, staff_name, kind, reason_code, decided_at, waited_seconds)
                VALUES (:app, :staff, :name, :kind, :reason, :at, :waited)""");
        for (int i = 0; i < writes.size(); i++) {
            DecisionWrite d = writes.get(i);
            batch.bind("app", d.applicationId()).bind("staff", d.staffId()).bind("name", d.staffName())
                    .bind("kind", d.kind().name()).bind("reason", d.reasonCode()).bind("at", ts(d.decidedAt()))
                    .bind("waited", waited[i]).add();
        }
        batch.execute();
    }

    /** Back to pending, still claimed by the one who undid it; only while the undo window is open. */
    int undo(Handle h, long id, long staffId, String staffName, Instant now, Instant claimUntil) {
        return h.createUpdate("""
                UPDATE review_application SET status = 'PENDING', version = version + 1, decision_kind = NULL,
                       decision_reason = NULL, decision_note = NULL, decision_question = NULL, decision_message = NULL,
                       decision_cooldown = NULL, decided_by = NULL, decided_by_name = NULL, decided_at = NULL,
                       undoable_until = NULL, publish_pending = FALSE, claimed_by = :staff, claimed_by_name = :name,
                       claim_expires_at = :claimUntil
                WHERE id = :id AND decided_by = :staff AND publish_pending = TRUE AND undoable_until > :now""")
                .bind("id", id).bind("staff", staffId).bind("name", staffName).bind("now", ts(now))
                .bind("claimUntil", ts(claimUntil)).execute();
    }

    void markLatestDecisionUndone(Handle h, long applicationId) {
        h.createUpdate("""
                UPDATE review_decision SET undone = TRUE
                WHERE id = (SELECT MAX(id) FROM review_decision WHERE application_id = :app)""")
                .bind("app", applicationId).execute();
    }

    List<Long> dueForPublish(Handle h, Instant now, int limit) {
        return h.createQuery("""
                SELECT id FROM review_application WHERE publish_pending = TRUE AND undoable_until <= :now
                ORDER BY undoable_until LIMIT :limit""").bind("now", ts(now)).bind("limit", limit)
                .mapTo(Long.class).list();
    }

    /**
     * The rows of {@code ids} whose undo window has closed and whose action is still unpublished, locked in id order;
     * rows an undo or another publisher took meanwhile are left out.
     */
    List<ApplicationRow> lockDueForPublish(Handle h, List<Long> ids, Instant now) {
        String lock = isPostgres(h) ? " FOR UPDATE OF a" : " FOR UPDATE";
        return h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id IN (<ids>)"
                        + " AND a.publish_pending = TRUE AND a.undoable_until <= :now ORDER BY a.id" + lock)
                .bindList("ids", ids).bind("now", ts(now)).map((rs, ctx) -> row(rs)).list();
    }

    /** Ends the undo windows of rows locked by {@link #lockDueForPublish} for good. */
    void markAllPublished(Handle h, List<Long> ids) {
        h.createUpdate("UPDATE review_application SET publish_pending = FALSE WHERE id IN (<ids>)")
                .bindList("ids", ids).execute();
    }

    // ---- idempotency --------------------------------------------------------------------------------------------

    record StoredResponse(String requestHash, String responseJson) {
    }

    Optional<StoredResponse> idempotencyRecord(Handle h, long staffId, String key) {
        return h.createQuery("SELECT request_hash, response_json FROM review_idempotency WHERE staff_id = :s AND idem_key = :k")
                .bind("s", staffId).bind("k", key)
                .map((rs, ctx) -> new StoredResponse(rs.getString(1), rs.getString(2))).findOne();
    }

    void storeIdempotency(Handle h, long staffId, String key, String hash, String responseJson, Instant now) {
        h.createUpdate("""
                INSERT INTO review_idempotency (staff_id, idem_key, request_hash, response_json, created_at)
                VALUES (:s, :k, :h, :r, :now)""")
                .bind("s", staffId).bind("k", key).bind("h", hash).bind("r", responseJson).bind("now", ts(now)).execute();
    }

    /** The stored responses among {@code keys} of one staff member, by key. */
    Map<String, StoredResponse> idempotencyRecords(Handle h, long staffId, Collection<String> keys) {
        Map<String, StoredResponse> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        h.createQuery("SELECT idem_key, request_hash, response_json FROM review_idempotency WHERE staff_id = :s AND idem_key IN (<keys>)")
                .bind("s", staffId).bindList("keys", List.copyOf(keys))
                .map((rs, ctx) -> Map.entry(rs.getString(1), new StoredResponse(rs.getString(2), rs.getString(3))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** One idempotency record to store. */
    record NewResponse(String key, String requestHash, String responseJson) {
    }

    void storeIdempotencies(Handle h, long staffId, List<NewResponse> responses, Instant now) {
        if (responses.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO review_idempotency (staff_id, idem_key, request_hash, response_json, created_at)
                VALUES (:s, :k, :h, :r, :now)""");
        for (NewResponse r : responses) {
            batch.bind("s", staffId).bind("k", r.key()).bind("h", r.requestHash()).bind("r", r.responseJson())
                    .bind("now", ts(now)).add();
        }
        batch.execute();
    }

    int forgetIdempotencyBefore(Handle h, Instant cutoff) {
        return h.createUpdate("DELETE FROM review_idempotency WHERE created_at < :t").bind("t", ts(cutoff)).execute();
    }

    // ---- presence -----------------------------------------------------------------------------------------------

    void touchPresence(Handle h, long applicationId, long staffId, String staffName, Instant now) {
        int n = h.createUpdate("UPDATE review_presence SET seen_at = :now, staff_name = :name WHERE application_id = :a AND staff_id = :s")
                .bind("a", applicationId).bind("s", staffId).bind("name", staffName).bind("now", ts(now)).execute();
        if (n == 0) {
            h.createUpdate("INSERT INTO review_presence (application_id, staff_id, staff_name, seen_at) VALUES (:a, :s, :name, :now)")
                    .bind("a", applicationId).bind("s", staffId).bind("name", staffName).bind("now", ts(now)).execute();
        }
    }

    int forgetPresenceBefore(Handle h, Instant cutoff) {
        return h.createUpdate("DELETE FROM review_presence WHERE seen_at < :t").bind("t", ts(cutoff)).execute();
    }

    List<String> viewers(Handle h, long applicationId, long exceptStaffId, Instant since) {
        return h.createQuery("""
                SELECT staff_name FROM review_presence
                WHERE application_id = :a AND staff_id <> :me AND seen_at >= :since ORDER BY staff_name""")
                .bind("a", applicationId).bind("me", exceptStaffId).bind("since", ts(since)).mapTo(String.class).list();
    }

    // ---- reason codes -------------------------------------------------------------------------------------------

    record ReasonRow(String code, Long circleId, String titlesJson, String templatesJson, int cooldownDays,
                     int position, boolean active, int version) {
    }

    private static ReasonRow reasonRow(ResultSet rs) throws SQLException {
        return new ReasonRow(rs.getString("code"), nullableLong(rs, "circle_id"), rs.getString("titles_json"),
                rs.getString("templates_json"), rs.getInt("cooldown_days"), rs.getInt("position"),
                rs.getBoolean("active"), rs.getInt("version"));
    }

    List<ReasonRow> reasonCodes(Handle h, Long circleId, boolean activeOnly) {
        String sql = "SELECT * FROM review_reason_code WHERE (circle_id IS NULL"
                + (circleId != null ? " OR circle_id = :circle)" : ")")
                + (activeOnly ? " AND active = TRUE" : "")
                + " ORDER BY position, code";
        Query q = h.createQuery(sql);
        if (circleId != null) {
            q.bind("circle", circleId);
        }
        return q.map((rs, ctx) -> reasonRow(rs)).list();
    }

    Optional<ReasonRow> reasonCode(Handle h, String code, boolean forUpdate) {
        return h.createQuery("SELECT * FROM review_reason_code WHERE code = :code" + (forUpdate ? " FOR UPDATE" : ""))
                .bind("code", code).map((rs, ctx) -> reasonRow(rs)).findOne();
    }

    void insertReasonCode(Handle h, ReasonRow r) {
        h.createUpdate("""
                INSERT INTO review_reason_code (code, circle_id, titles_json, templates_json, cooldown_days, position, active, version)
                VALUES (:code, :circle, :titles, :templates, :cooldown, :position, :active, 1)""")
                .bind("code", r.code()).bind("circle", r.circleId()).bind("titles", r.titlesJson())
                .bind("templates", r.templatesJson()).bind("cooldown", r.cooldownDays()).bind("position", r.position())
                .bind("active", r.active()).execute();
    }

    int updateReasonCode(Handle h, ReasonRow r, int expectedVersion) {
        return h.createUpdate("""
                UPDATE review_reason_code SET circle_id = :circle, titles_json = :titles, templates_json = :templates,
                       cooldown_days = :cooldown, position = :position, active = :active, version = version + 1
                WHERE code = :code AND version = :version""")
                .bind("code", r.code()).bind("circle", r.circleId()).bind("titles", r.titlesJson())
                .bind("templates", r.templatesJson()).bind("cooldown", r.cooldownDays()).bind("position", r.position())
                .bind("active", r.active()).bind("version", expectedVersion).execute();
    }

    int nextReasonPosition(Handle h) {
        return h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM review_reason_code").mapTo(Integer.class).one();
    }

    // ---- risk inputs --------------------------------------------------------------------------------------------

    void insertFingerprints(Handle h, long applicationId, String applicantId, Collection<String> fingerprints) {
        var batch = h.prepareBatch("INSERT INTO review_answer_fingerprint (application_id, fingerprint, applicant_id) VALUES (:a, :f, :u)");
        for (String f : fingerprints) {
            batch.bind("a", applicationId).bind("f", f).bind("u", applicantId).add();
        }
        if (!fingerprints.isEmpty()) {
            batch.execute();
        }
    }

    int applicantsWithFingerprint(Handle h, String fingerprint) {
        return h.createQuery("SELECT COUNT(DISTINCT applicant_id) FROM review_answer_fingerprint WHERE fingerprint = :f")
                .bind("f", fingerprint).mapTo(Integer.class).one();
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

    // ---- history and health -------------------------------------------------------------------------------------

    List<ApplicationRow> applicationsOf(Handle h, String applicantId, int limit) {
        return h.createQuery("SELECT " + APPLICATION_COLUMNS
                        + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                        + " WHERE a.applicant_id = :u ORDER BY a.submitted_at DESC, a.id DESC LIMIT :limit")
                .bind("u", applicantId).bind("limit", limit).map((rs, ctx) -> row(rs)).list();
    }

    record PendingStats(int depth, Instant oldest) {
    }

    PendingStats pendingStats(Handle h, Set<String> scope) {
        Query q = h.createQuery("SELECT COUNT(*) AS n, MIN(a.submitted_at) AS oldest FROM review_application a"
                + " JOIN review_circle c ON c.id = a.circle_id WHERE a.status = 'PENDING'"
                + (scope.isEmpty() ? "" : " AND c.city IN (<scope>)"));
        if (!scope.isEmpty()) {
            q.bindList("scope", List.copyOf(scope));
        }
        return q.map((rs, ctx) -> new PendingStats(rs.getInt("n"), instant(rs, "oldest"))).one();
    }

    List<QueueHealth.Count> pendingByCity(Handle h, Set<String> scope) {
        Query q = h.createQuery("SELECT c.city, COUNT(*) AS n FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                + " WHERE a.status = 'PENDING'" + (scope.isEmpty() ? "" : " AND c.city IN (<scope>)")
                + " GROUP BY c.city ORDER BY n DESC, c.city");
        if (!scope.isEmpty()) {
            q.bindList("scope", List.copyOf(scope));
        }
        return q.map((rs, ctx) -> new QueueHealth.Count(rs.getString("city"), rs.getString("city"), rs.getInt("n"))).list();
    }

    List<QueueHealth.Count> pendingByCircle(Handle h, Set<String> scope) {
        Query q = h.createQuery("SELECT c.id, c.name, c.city, COUNT(*) AS n FROM review_application a"
                + " JOIN review_circle c ON c.id = a.circle_id WHERE a.status = 'PENDING'"
                + (scope.isEmpty() ? "" : " AND c.city IN (<scope>)")
                + " GROUP BY c.id, c.name, c.city ORDER BY n DESC, c.id");
        if (!scope.isEmpty()) {
            q.bindList("scope", List.copyOf(scope));
        }
        return q.map((rs, ctx) -> new QueueHealth.Count(String.valueOf(rs.getLong("id")),
                rs.getString("name") + " · " + rs.getString("city"), rs.getInt("n"))).list();
    }

    List<QueueHealth.ModeratorRate> decisionsSince(Handle h, Instant since) {
        return h.createQuery("""
                SELECT staff_id, MAX(staff_name) AS name, COUNT(*) AS n FROM review_decision
                WHERE decided_at >= :since AND undone = FALSE GROUP BY staff_id ORDER BY n DESC, staff_id""")
                .bind("since", ts(since))
                .map((rs, ctx) -> new QueueHealth.ModeratorRate(rs.getLong("staff_id"), rs.getString("name"), rs.getInt("n")))
                .list();
    }

    /** Median waiting time of recent decisions; computed here in SQL-neutral form (sorted values, middle one). */
    Long medianWaitSince(Handle h, Instant since) {
        int n = h.createQuery("SELECT COUNT(*) FROM review_decision WHERE decided_at >= :since AND undone = FALSE")
                .bind("since", ts(since)).mapTo(Integer.class).one();
        if (n == 0) {
            return null;
        }
        return h.createQuery("""
                SELECT waited_seconds FROM review_decision WHERE decided_at >= :since AND undone = FALSE
                ORDER BY waited_seconds LIMIT 1 OFFSET :middle""")
                .bind("since", ts(since)).bind("middle", n / 2).mapTo(Long.class).one();
    }

    List<ApplicantHistory.Item> historyItems(List<ApplicationRow> rows, Map<String, String> reasonTitles) {
        return rows.stream().map(r -> new ApplicantHistory.Item(r.id(), r.circleName(), r.city(), r.status(),
                r.submittedAt(), r.decisionReason(),
                r.decisionReason() == null ? null : reasonTitles.getOrDefault(r.decisionReason(), r.decisionReason()),
                r.decidedAt())).toList();
    }
}
