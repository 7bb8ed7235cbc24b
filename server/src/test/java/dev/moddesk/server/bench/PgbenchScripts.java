package dev.moddesk.server.bench;

import java.util.List;
import java.util.Map;

/**
 * The raw-SQL baseline as pgbench scripts: one pgbench transaction is one claim + decide pair, in two commits, for
 * the same eight moderators and filters as the HTTP run ({@code client_id % 8} picks the moderator). Run against a
 * copy of the seeded schema with {@code pgbench -n -f <script> -c 8 -j 2 -T 20 -M prepared -D floor=0}.
 *
 * <ul>
 *   <li>Claim: the server's claim-next statement (city filters on the application's own city column, as the server
 *   reads them) without its read of the circle, questions and viewers: the first
 *   free matching row in queue order, {@code FOR UPDATE SKIP LOCKED}, claimed by the same statement (autocommit).
 *   Like the server, an age-ordered claim starts at the submission time of the client's previous claim
 *   ({@code :floor}, epoch ms) and from the head when that found nothing. It always returns one row (id 0 when
 *   nothing was free) so that an empty queue does not abort the client; the pair then decides nothing, and the run
 *   reports decisions from the database, not pgbench's transaction count.</li>
 *   <li>Decide, {@link Style#ONE_STATEMENT}: one statement (autocommit) with data-modifying CTEs: the decision
 *   UPDATE pinned to the claimed version and holder, the decision-log row, the idempotency record and the audit
 *   entry, as the server's one-statement decision writes them. {@link Style#TRANSACTION}: the same four writes as
 *   four statements between BEGIN and COMMIT.</li>
 * </ul>
 * 60 % approvals, 35 % rejections with a reason code, 5 % questions, as {@link ClaimDecideLoad} decides roughly.
 */
final class PgbenchScripts {

    enum Style { ONE_STATEMENT, TRANSACTION }

    private PgbenchScripts() {
    }

    static String script(Style style, Map<String, Long> circleIds, List<Long> staffIds) {
        StringBuilder s = new StringBuilder();
        s.append("-- ModDesk raw-SQL baseline (").append(style).append("): one transaction = claim-next + decide\n");
        s.append("\\set m :client_id % ").append(BenchPlan.MODERATORS).append('\n');
        s.append("\\set r random(1, 100)\n");
        for (int m = 0; m < BenchPlan.MODERATORS; m++) {
            BenchPlan.ModeratorSpec spec = BenchPlan.MODERATOR_SPECS.get(m);
            s.append(m == 0 ? "\\if" : "\\elif").append(" :m = ").append(m).append('\n');
            s.append("\\set staff ").append(staffIds.get(m)).append('\n');
            s.append(claim(spec, circleIds));
        }
        s.append("\\endif\n");
        s.append("\\if :id > 0\n");
        s.append(style == Style.ONE_STATEMENT ? decideOneStatement() : decideTransaction());
        s.append("\\endif\n");
        return s.toString();
    }

    private static String claim(BenchPlan.ModeratorSpec spec, Map<String, Long> circleIds) {
        String floor = spec.byRisk() ? "" : " AND a.submitted_at >= to_timestamp(:floor / 1000.0)";
        String floorOut = spec.byRisk() ? "0" : "coalesce((extract(epoch FROM max(submitted_at)) * 1000)::bigint, 0)";
        return "WITH next AS (SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                + " WHERE " + spec.sqlWhere(circleIds) + floor + " ORDER BY " + spec.sqlOrder()
                + " LIMIT 1 FOR UPDATE OF a SKIP LOCKED),\n"
                + " claimed AS (UPDATE review_application a SET claimed_by = :staff, claimed_by_name = '"
                + displayName(spec) + "', claim_expires_at = now() + interval '5 minutes' FROM next"
                + " WHERE a.id = next.id RETURNING a.id, a.version, a.submitted_at)\n"
                + "SELECT coalesce(max(id), 0) AS id, coalesce(max(version), 0) AS version, " + floorOut
                + " AS floor FROM claimed \\gset\n";
    }

    static String displayName(BenchPlan.ModeratorSpec spec) {
        return "压测 " + spec.username();
    }

    private static final String KIND = "CASE WHEN :r <= 60 THEN 'APPROVE' WHEN :r <= 95 THEN 'REJECT' ELSE 'NEEDS_INFO' END";
    private static final String STATUS = "CASE WHEN :r <= 60 THEN 'APPROVED' WHEN :r <= 95 THEN 'REJECTED' ELSE 'NEEDS_INFO' END";
    private static final String REASON = "CASE WHEN :r > 60 AND :r <= 95 THEN 'ADS' END";
    private static final String NAME = "'压测 bench-mod' || :m";
    private static final String UPDATE = "UPDATE review_application a SET status = " + STATUS
            + ", version = a.version + 1, decision_kind = " + KIND + ", decision_reason = " + REASON
            + ", decision_question = CASE WHEN :r > 95 THEN '能再介绍一下你自己吗？' END"
            + ", decision_message = CASE WHEN :r > 60 AND :r <= 95 THEN"
            + " '你的入圈申请未通过：本圈不允许发布广告或引流信息。30天后可以重新申请。' END"
            + ", decision_cooldown = CASE WHEN :r > 60 AND :r <= 95 THEN 30 ELSE 0 END"
            + ", decided_by = :staff, decided_by_name = " + NAME + ", decided_at = now()"
            + ", undoable_until = now() + interval '10 seconds', publish_pending = TRUE"
            + " WHERE a.id = :id AND a.version = :version AND a.status = 'PENDING' AND a.claimed_by = :staff";
    private static final String DECISION_LOG = "INSERT INTO review_decision (application_id, staff_id, staff_name,"
            + " kind, reason_code, decided_at, waited_seconds)";
    private static final String IDEMPOTENCY = "INSERT INTO review_idempotency (staff_id, idem_key, request_hash,"
            + " response_json, created_at)";
    private static final String AUDIT = "INSERT INTO audit_log (at, actor_id, actor_name, action, target_type,"
            + " target_id, before_json, after_json, reason, client_address)";
    private static final String KEY = "'pgbench-' || :client_id || '-' || :id";
    private static final String HASH = "md5(:id::text) || md5(:staff::text)";
    private static final String RESPONSE = "'{\"applicationId\":' || :id || ',\"status\":\"' || " + STATUS
            + " || '\",\"version\":' || (:version + 1) || ',\"undoableUntil\":\"' || (now() + interval '10 seconds')"
            + " || '\"}'";
    private static final String BEFORE = "'{\"status\":\"PENDING\",\"version\":' || :version"
            + " || ',\"claimedBy\":' || :staff || '}'";
    private static final String AFTER = "'{\"status\":\"' || " + STATUS + " || '\",\"version\":' || (:version + 1)"
            + " || ',\"decision\":{\"kind\":\"' || " + KIND + " || '\",\"reasonCode\":\"' || coalesce(" + REASON
            + ", '') || '\",\"decidedBy\":' || :staff || '}}'";

    private static String decideOneStatement() {
        return "WITH u AS (" + UPDATE + " RETURNING a.id, a.submitted_at),\n"
                + " d AS (" + DECISION_LOG + " SELECT u.id, :staff::bigint, " + NAME + ", " + KIND + ", " + REASON
                + ", now(), extract(epoch FROM now() - u.submitted_at)::bigint FROM u),\n"
                + " i AS (" + IDEMPOTENCY + " SELECT :staff::bigint, " + KEY + ", " + HASH + ", " + RESPONSE
                + ", now() FROM u)\n"
                + AUDIT + " SELECT now(), :staff::bigint, " + NAME + ", 'review.decision', 'application', u.id::text, "
                + BEFORE + ", " + AFTER + ", NULL, '127.0.0.1' FROM u;\n";
    }

    private static String decideTransaction() {
        return "BEGIN;\n"
                + UPDATE + ";\n"
                + DECISION_LOG + " SELECT :id::bigint, :staff::bigint, " + NAME + ", " + KIND + ", " + REASON
                + ", now(), extract(epoch FROM now() - submitted_at)::bigint FROM review_application WHERE id = :id::bigint;\n"
                + AUDIT + " VALUES (now(), :staff, " + NAME + ", 'review.decision', 'application', :id::text, "
                + BEFORE + ", " + AFTER + ", NULL, '127.0.0.1');\n"
                + IDEMPOTENCY + " VALUES (:staff, " + KEY + ", " + HASH + ", " + RESPONSE + ", now());\n"
                + "COMMIT;\n";
    }
}
