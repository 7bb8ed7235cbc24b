package dev.moddesk.server.review;

import static dev.moddesk.server.review.ApplicationStore.APPLICATION_COLUMNS;
import static dev.moddesk.server.review.ApplicationStore.instant;
import static dev.moddesk.server.review.ApplicationStore.row;
import static dev.moddesk.server.review.ApplicationStore.ts;

import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;

/** The SQL of the queue: filtered pages, claims by id, presence, queue health and an applicant's history. */
final class QueueStore {

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

    record Where(String sql, Map<String, Object> binds, List<String> scope) {
        void applyTo(SqlStatement<?> q) {
            binds.forEach(q::bind);
            if (!scope.isEmpty()) {
                q.bindList("scope", scope);
            }
        }
    }

    private static Where pendingWhere(QueueFilter f, Set<String> scope, Instant now, boolean unclaimedOnly) {
        return pendingWhere(f, scope, now, unclaimedOnly, " AND a.city IN (<scope>)");
    }

    /**
     * The queue's WHERE clause for {@code f}; {@code scopeSql} restricts the city to {@code :scope} or
     * {@code <scope>}, written as the caller's statement binds a list.
     */
    static Where pendingWhere(QueueFilter f, Set<String> scope, Instant now, boolean unclaimedOnly, String scopeSql) {
        StringBuilder sql = new StringBuilder(" WHERE a.status = 'PENDING'");
        Map<String, Object> binds = new LinkedHashMap<>();
        if (f.city() != null && !f.city().isBlank()) {
            sql.append(" AND a.city = :city");
            binds.put("city", f.city());
        }
        if (!scope.isEmpty()) {
            sql.append(scopeSql);
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

    static final String RISK_ORDER = " ORDER BY a.risk_score DESC, a.submitted_at, a.id";
    static final String AGE_ORDER = " ORDER BY a.submitted_at, a.id";

    static String order(QueueFilter f) {
        return byRisk(f) ? RISK_ORDER : AGE_ORDER;
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
     * conditional update of {@link #tryClaimFree} decides who wins. PostgreSQL uses {@code PostgresReviewStore}.
     */
    List<Long> claimCandidates(Handle h, QueueFilter f, Set<String> scope, Instant now, int limit) {
        Where where = pendingWhere(f, scope, now, true);
        String sql = "SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id" + where.sql()
                + order(f) + " LIMIT :limit";
        Query q = h.createQuery(sql);
        where.applyTo(q);
        return q.bind("limit", limit).mapTo(Long.class).list();
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

    List<QueueHealth.ModeratorRate> decisionsSince(Handle h, Instant since, Set<String> scope) {
        Query q = h.createQuery("SELECT d.staff_id, MAX(d.staff_name) AS name, COUNT(*) AS n FROM review_decision d"
                + decisionScope(scope) + " WHERE d.decided_at >= :since AND d.undone = FALSE"
                + (scope.isEmpty() ? "" : " AND c.city IN (<scope>)")
                + " GROUP BY d.staff_id ORDER BY n DESC, d.staff_id").bind("since", ts(since));
        if (!scope.isEmpty()) {
            q.bindList("scope", List.copyOf(scope));
        }
        return q.map((rs, ctx) -> new QueueHealth.ModeratorRate(rs.getLong("staff_id"), rs.getString("name"), rs.getInt("n")))
                .list();
    }

    /** Median waiting time of recent decisions in the scope; computed here in SQL-neutral form (sorted values, middle one). */
    Long medianWaitSince(Handle h, Instant since, Set<String> scope) {
        String where = decisionScope(scope) + " WHERE d.decided_at >= :since AND d.undone = FALSE"
                + (scope.isEmpty() ? "" : " AND c.city IN (<scope>)");
        Query count = h.createQuery("SELECT COUNT(*) FROM review_decision d" + where).bind("since", ts(since));
        if (!scope.isEmpty()) {
            count.bindList("scope", List.copyOf(scope));
        }
        int n = count.mapTo(Integer.class).one();
        if (n == 0) {
            return null;
        }
        Query middle = h.createQuery("SELECT d.waited_seconds FROM review_decision d" + where
                + " ORDER BY d.waited_seconds LIMIT 1 OFFSET :middle").bind("since", ts(since)).bind("middle", n / 2);
        if (!scope.isEmpty()) {
            middle.bindList("scope", List.copyOf(scope));
        }
        return middle.mapTo(Long.class).one();
    }

    /** Decisions carry no city: a scoped reader reaches it through the application's circle (an unscoped one skips the joins). */
    private static String decisionScope(Set<String> scope) {
        return scope.isEmpty() ? ""
                : " JOIN review_application a ON a.id = d.application_id JOIN review_circle c ON c.id = a.circle_id";
    }

    /**
     * An applicant's trail. Applications outside the reader's cities stay in it (a spammer's trail is what the panel
     * is for) but redacted: city, status, reason and dates, not the circle.
     */
    List<ApplicantHistory.Item> historyItems(List<ApplicationRow> rows, Map<String, String> reasonTitles, ReviewActor reader) {
        return rows.stream().map(r -> {
            boolean redacted = !reader.mayReview(r.city());
            return new ApplicantHistory.Item(r.id(), redacted ? null : r.circleName(), r.city(), r.status(),
                    r.submittedAt(), r.decisionReason(),
                    r.decisionReason() == null ? null : reasonTitles.getOrDefault(r.decisionReason(), r.decisionReason()),
                    r.decidedAt(), redacted);
        }).toList();
    }
}
