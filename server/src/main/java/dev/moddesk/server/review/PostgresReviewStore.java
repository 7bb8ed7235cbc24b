package dev.moddesk.server.review;

import static dev.moddesk.server.review.ApplicationStore.APPLICATION_COLUMNS;
import static dev.moddesk.server.review.ApplicationStore.row;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.CircleQuestion;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Review's SQL where PostgreSQL can do more in one statement: claim-next claims the first free row with SKIP LOCKED
 * and returns it with its circle and viewers, outside a transaction, in one round trip; a decision's row update,
 * decision log, idempotency record and audit entry are one statement of data-modifying CTEs. Both take a pooled
 * connection directly rather than a JDBI handle ({@link DirectConnections}).
 */
final class PostgresReviewStore implements ReviewRepository {

    private static final String LOCK = " FOR UPDATE OF a";

    private final DirectConnections connections;
    private final ReviewStores stores;
    /** Where claim-next may start reading the queue: past the dead index entries of decided rows. */
    private final QueueFloors floors;

    PostgresReviewStore(DataSource dataSource, ReviewStores stores, QueueFloors floors) {
        this.connections = new DirectConnections(dataSource);
        this.stores = stores;
        this.floors = floors;
    }

    @Override
    public boolean writesDecisionsInOneStatement() {
        return true;
    }

    @Override
    public Optional<ApplicationRow> lockApplication(Handle h, long id) {
        return stores.applications().lockedApplication(h, id, LOCK);
    }

    @Override
    public Map<Long, ApplicationRow> lockApplications(Handle h, Collection<Long> ids) {
        if (ids.size() != 1) {
            return stores.applications().lockedApplications(h, ids, LOCK);
        }
        // One decision: plain JDBC (JDBI's statement machinery cost more CPU than this query).
        Map<Long, ApplicationRow> out = new HashMap<>();
        try (PreparedStatement ps = h.getConnection().prepareStatement("SELECT " + APPLICATION_COLUMNS
                + " FROM review_application a JOIN review_circle c ON c.id = a.circle_id WHERE a.id = ?" + LOCK)) {
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

    @Override
    public List<ApplicationRow> lockDueForPublish(Handle h, List<Long> ids, Instant now) {
        return stores.applications().lockedDueForPublish(h, ids, now, LOCK);
    }

    /**
     * One statement picks (SKIP LOCKED), claims and reads the row with its circle and viewers: no second claimer can
     * get it, and outside a transaction it costs one round trip. In age order it starts at the queue floor.
     */
    @Override
    public Optional<Claimed> claimNext(ReviewActor actor, QueueFilter f, Clock clock) {
        Instant now = clock.instant();
        QueueFloors.Key key = QueueStore.byRisk(f) ? null : new QueueFloors.Key(f, actor.cities());
        QueueFloors.Start start = key == null ? null : floors.start(key, now);
        Optional<Claimed> claimed = claimNext(actor, f, now, start);
        if (claimed.isEmpty() && start != null && !start.fromHead()) {
            // Nothing from the floor on: an older application may have come free meanwhile, so look from the head.
            start = floors.head(key, now);
            claimed = claimNext(actor, f, now, start);
        }
        if (start != null && claimed.isPresent()) {
            floors.claimed(start, claimed.get().row().submittedAt());
        }
        return claimed;
    }

    private Optional<Claimed> claimNext(ReviewActor actor, QueueFilter f, Instant now, QueueFloors.Start start) {
        return connections.withConnection(c -> claimNextStatement(c, f, actor.cities(), actor.staffId(), actor.name(),
                now, now.plus(ClaimService.LEASE), now.minus(ApplicationLoader.PRESENCE_WINDOW),
                start == null ? null : start.floor()));
    }

    @Override
    public void writeDecisions(Handle h, List<DecisionStore.DecisionRow> rows, Instant now, Instant claimUntil,
                               AuditLog.Entry inlineAudit, Runnable recordAudit) {
        // One statement writes everything (and the audit entries too, when they go to the core's table).
        int count = decideAll(h.getConnection(), rows, claimUntil, inlineAudit, null);
        if (count != rows.size()) {
            // The rows are locked and were checked, so this is not a user's conflict: fail the whole call.
            throw new IllegalStateException(rows.size() - count + " applications changed under their locks");
        }
        if (inlineAudit == null) {
            recordAudit.run();
        }
    }

    @Override
    public int decideRemembered(Handle h, DecisionStore.DecisionRow row, Instant claimUntil,
                                AuditLog.Entry inlineAudit, DecisionStore.Pins pins) {
        return h != null ? decideAll(h.getConnection(), List.of(row), claimUntil, inlineAudit, pins)
                : connections.withConnection(c -> decideAll(c, List.of(row), claimUntil, inlineAudit, pins));
    }

    /**
     * PostgreSQL's claim-next in one statement and one round trip (run it outside a transaction): picks the first
     * free row in queue order (SKIP LOCKED, so concurrent claimers get different rows without waiting), claims it,
     * and returns it joined with its circle, the circle's questions and who else viewed it since {@code viewersSince}.
     * With {@code floor}, only rows submitted then or later are read (see {@link QueueFloors}; age order only).
     * Empty when nothing matching is free.
     */
    private Optional<Claimed> claimNextStatement(Connection c, QueueFilter f, Set<String> scope, long staffId, String staffName,
                                        Instant now, Instant until, Instant viewersSince, Instant floor) {
        return runClaimNext(c, "", f, scope, staffId, staffName, now, until, viewersSince, floor,
                rs -> rs.next() ? Optional.of(claimed(rs, now)) : Optional.empty());
    }

    /**
     * The plan of {@code actor}'s claim-next with {@code f} from the head of the queue, as PostgreSQL's
     * {@code EXPLAIN (ANALYZE, FORMAT JSON)}: the statement runs in a transaction that is rolled back, so nothing is
     * claimed. Tests read from it how many rows a claim walks past.
     */
    String explainClaimNext(ReviewActor actor, QueueFilter f, Instant now) {
        return connections.withConnection(c -> {
            c.setAutoCommit(false);
            try {
                return runClaimNext(c, "EXPLAIN (ANALYZE, FORMAT JSON) ", f, actor.cities(), actor.staffId(),
                        actor.name(), now, now.plus(ClaimService.LEASE), now.minus(ApplicationLoader.PRESENCE_WINDOW),
                        null, rs -> {
                            StringBuilder plan = new StringBuilder();
                            while (rs.next()) {
                                plan.append(rs.getString(1));
                            }
                            return plan.toString();
                        });
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    private <T> T runClaimNext(Connection c, String prefix, QueueFilter f, Set<String> scope, long staffId,
                               String staffName, Instant now, Instant until, Instant viewersSince, Instant floor,
                               DirectConnections.Read<T> read) {
        // One city as an equality: PostgreSQL then reads that city's rows in queue order from its index (V91); with
        // = ANY(array) on the index's first column it would read all of them and sort.
        QueueStore.Where where = QueueStore.pendingWhere(f, scope, now, true,
                scope.size() == 1 ? " AND a.city = :scope_city" : " AND a.city = ANY(:scope)");
        if (CLAIM_SQL.size() >= 512) {
            CLAIM_SQL.clear(); // never expected (the WHERE clause has a few dozen shapes); a bound on memory all the same
        }
        NamedSql named = CLAIM_SQL.computeIfAbsent(new ClaimShape(where.sql(), floor != null, QueueStore.byRisk(f)),
                PostgresReviewStore::claimNextSql);
        // Plain JDBC: this runs for every claim, and JDBI's statement machinery cost more CPU than the query.
        try (PreparedStatement ps = c.prepareStatement(prefix + named.jdbc())) {
            NamedSql.Binder b = named.bind(ps);
            for (Map.Entry<String, Object> e : where.binds().entrySet()) {
                b.setObject(e.getKey(), e.getValue());
            }
            if (where.scope().size() == 1) {
                b.setString("scope_city", where.scope().getFirst());
            } else if (!where.scope().isEmpty()) {
                b.setArray("scope", "text", where.scope().toArray());
            }
            if (floor != null) {
                b.setInstant("floor", floor);
            }
            b.setLong("staff", staffId).setString("name", staffName).setInstant("until", until)
                    .setInstant("since", viewersSince);
            try (ResultSet rs = b.executeQuery()) {
                return read.apply(rs);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /** What a claim-next statement's text depends on: the filter's WHERE clause (values are bound), floor, order. */
    private record ClaimShape(String where, boolean floor, boolean byRisk) {
    }

    /** Claim-next statements by shape; the eight filters of a busy desk make a handful. */
    private static final Map<ClaimShape, NamedSql> CLAIM_SQL = new ConcurrentHashMap<>();

    private static NamedSql claimNextSql(ClaimShape shape) {
        String sql = "WITH next AS (SELECT a.id FROM review_application a JOIN review_circle c ON c.id = a.circle_id"
                + shape.where() + (shape.floor() ? " AND a.submitted_at >= :floor" : "")
                + (shape.byRisk() ? QueueStore.RISK_ORDER : QueueStore.AGE_ORDER)
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
        return NamedSql.parse(sql);
    }

    /** The claimed row with its circle (questions as JSON pairs) and viewers (a JSON array of names). */
    private static Claimed claimed(ResultSet rs, Instant now) throws SQLException {
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
        return new Claimed(row, circle, List.copyOf(viewers), now);
    }

    private static JsonNode readTree(String json) throws SQLException {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new SQLException("unreadable JSON from the database: " + e.getMessage(), e);
        }
    }

    /**
     * One statement writes every accepted decision of a call: {@code v} holds the per-row values ({@code %3$s}:
     * {@link #V_ONE} or {@link #V_ROWS}), {@code u} updates the rows (and claims those not yet claimed), {@code d} logs
     * the decisions and {@code i} stores the idempotency records, both only for rows {@code u} updated. {@code %1$s}
     * pins the rows, {@code %2$s} is the audit entries' CTE (or nothing).
     */
    private static final String DECIDE_ALL = """
            WITH v AS (%3$s),
            u AS (
              UPDATE review_application a SET status = :status, version = a.version + 1, decision_kind = :kind,
                     decision_reason = :reason, decision_note = :note, decision_question = :question,
                     decision_message = v.message, decision_cooldown = :cooldown, decided_by = :staff,
                     decided_by_name = :staff_name, decided_at = :decided_at, undoable_until = :undoable_until,
                     publish_pending = TRUE,
                     claimed_by = CASE WHEN v.claim THEN :staff ELSE a.claimed_by END,
                     claimed_by_name = CASE WHEN v.claim THEN :staff_name ELSE a.claimed_by_name END,
                     claim_expires_at = CASE WHEN v.claim THEN :claim_until ELSE a.claim_expires_at END
              FROM v WHERE %1$s AND a.id = v.id AND a.version = v.expected AND a.status = 'PENDING'
              RETURNING a.id),
            d AS (
              INSERT INTO review_decision (application_id, staff_id, staff_name, kind, reason_code, decided_at, waited_seconds)
              SELECT v.id, :staff, :staff_name, :kind, :reason, :decided_at, v.waited FROM v JOIN u ON u.id = v.id),
            i AS (
              INSERT INTO review_idempotency (staff_id, idem_key, request_hash, response_json, created_at)
              SELECT :staff, v.idem_key, v.request_hash, v.response_json, :decided_at FROM v JOIN u ON u.id = v.id)%2$s
            SELECT count(*) FROM u""";

    /** {@code v} for many rows: the per-row values as arrays, unnested. */
    private static final String V_ROWS = """
            SELECT * FROM unnest(:ids::bigint[], :expected::int[], :claim::boolean[], :message::text[],
                                 :waited::bigint[], :before_json::text[], :after_json::text[], :idem_key::text[],
                                 :request_hash::text[], :response_json::text[])
              AS v(id, expected, claim, message, waited, before_json, after_json, idem_key, request_hash, response_json)""";
    /**
     * {@code v} for one row (every single decision): the same columns as plain parameters. Building ten one-element
     * arrays in the driver and parsing and unnesting them in PostgreSQL cost more than the rest of the statement.
     */
    private static final String V_ONE = """
            SELECT CAST(:ids AS bigint) AS id, CAST(:expected AS int) AS expected, CAST(:claim AS boolean) AS claim,
                   CAST(:message AS text) AS message, CAST(:waited AS bigint) AS waited,
                   CAST(:before_json AS text) AS before_json, CAST(:after_json AS text) AS after_json,
                   CAST(:idem_key AS text) AS idem_key, CAST(:request_hash AS text) AS request_hash,
                   CAST(:response_json AS text) AS response_json""";

    // The ids once more, plainly: the planner then reads each row by its key instead of joining an unnest() it cannot
    // estimate (with stale statistics it scanned every pending row for each decision).
    private static final String ONE_ROW = "a.id = :id";
    private static final String MANY_ROWS = "a.id = ANY(:id_list::bigint[])";
    /** A remembered row is written only if it is still as this node claimed it (see {@link DecisionStore.Pins}). */
    private static final String PINS = " AND a.claimed_by = :staff AND a.claimed_by_name = :pin_name"
            + " AND a.claim_expires_at = :pin_expires AND a.claim_expires_at > :pin_now"
            + " AND EXISTS (SELECT 1 FROM review_circle c WHERE c.id = a.circle_id AND c.city = :pin_city)";
    private static final String REASON_PIN = " AND EXISTS (SELECT 1 FROM review_reason_code r"
            + " WHERE r.code = :pin_reason AND r.version = :pin_reason_version AND r.active = TRUE)";

    /** The audit entries, one per updated row, in the same statement (the core's audit log writes the SQL). */
    private static final String AUDIT_CTE = AuditLog.perRowInsert("au", "v JOIN u ON u.id = v.id", "v.id::text",
            "v.before_json", "v.after_json");

    /** The decision statement of each shape (one row or many, pins, audit entries), formatted once. */
    private static final AtomicReferenceArray<NamedSql> DECIDE_SQL = new AtomicReferenceArray<>(2 * 3 * 2);

    /**
     * The decision statement for one row or many; {@code pinned} 0 without pins, 1 with them, 2 with the reason code's
     * too; with the audit entries' CTE or without. Made on first use (formatting and hashing the text for every
     * decision cost more than binding it); a race makes the same statement twice, harmlessly.
     */
    private static NamedSql decideSql(boolean oneRow, int pinned, boolean audit) {
        int index = ((oneRow ? 0 : 1) * 3 + pinned) * 2 + (audit ? 1 : 0);
        NamedSql sql = DECIDE_SQL.get(index);
        if (sql == null) {
            String where = (oneRow ? ONE_ROW : MANY_ROWS) + (pinned == 0 ? "" : PINS + (pinned == 1 ? "" : REASON_PIN));
            sql = NamedSql.parse(DECIDE_ALL.formatted(where, audit ? AUDIT_CTE : "", oneRow ? V_ONE : V_ROWS));
            DECIDE_SQL.set(index, sql);
        }
        return sql;
    }

    /**
     * Writes every accepted decision of one call in one statement (claims where needed, the decisions, the decision
     * log, the idempotency records and, with {@code auditBy}, the audit entries). All rows share the call's decision
     * ({@code rows} differ only in application, version, claim, message and JSON); the rows are locked and checked by
     * the caller. With {@code pins} (one row only) the row is written only if it still matches them. On a connection
     * of its own (autocommit) the statement is the whole transaction. Returns how many rows were updated.
     */
    private int decideAll(Connection c, List<DecisionStore.DecisionRow> rows, Instant claimUntil,
                          AuditLog.Entry auditBy, DecisionStore.Pins pins) {
        DecisionStore.DecisionWrite first = rows.getFirst().write();
        int n = rows.size();
        if (pins != null && n != 1) {
            throw new IllegalArgumentException("pins are for one decision");
        }
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
            DecisionStore.DecisionRow r = rows.get(i);
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
        NamedSql sql = decideSql(n == 1, pins == null ? 0 : pins.reasonCode() == null ? 1 : 2, auditBy != null);
        try (PreparedStatement ps = c.prepareStatement(sql.jdbc())) {
            NamedSql.Binder b = sql.bind(ps);
            if (n == 1) { // v
                b.setLong("ids", ids[0]).setInt("expected", expected[0]).setNullable("claim", claim[0], Types.BOOLEAN)
                        .setString("message", message[0]).setNullable("waited", waited[0], Types.BIGINT)
                        .setString("before_json", before[0]).setString("after_json", after[0])
                        .setString("idem_key", keys[0]).setString("request_hash", hashes[0])
                        .setString("response_json", responses[0]);
            } else {
                b.setArray("ids", "bigint", ids)
                        .setArray("expected", "int4", expected)
                        .setArray("claim", "bool", claim)
                        .setArray("message", "text", message)
                        .setArray("waited", "bigint", waited)
                        .setArray("before_json", "text", before)
                        .setArray("after_json", "text", after)
                        .setArray("idem_key", "text", keys)
                        .setArray("request_hash", "text", hashes)
                        .setArray("response_json", "text", responses);
            }
            b // u, d, i
                    .setString("status", first.status().name())
                    .setString("kind", first.kind().name())
                    .setString("reason", first.reasonCode())
                    .setString("note", first.note())
                    .setString("question", first.question())
                    .setNullable("cooldown", first.cooldownDays(), Types.INTEGER)
                    .setLong("staff", first.staffId())
                    .setString("staff_name", first.staffName())
                    .setInstant("decided_at", first.decidedAt())
                    .setInstant("undoable_until", first.undoableUntil())
                    .setInstant("claim_until", claimUntil);
            if (n == 1) {
                b.setLong("id", ids[0]);
            } else {
                b.setArray("id_list", "bigint", ids);
            }
            if (pins != null) {
                b.setString("pin_name", pins.staffName())
                        .setInstant("pin_expires", pins.claimExpiresAt())
                        .setInstant("pin_now", pins.now())
                        .setString("pin_city", pins.city());
                if (pins.reasonCode() != null) {
                    b.setString("pin_reason", pins.reasonCode()).setInt("pin_reason_version", pins.reasonVersion());
                }
            }
            if (auditBy != null) {
                for (Map.Entry<String, AuditLog.Parameter> p
                        : AuditLog.perRowParameters(first.decidedAt(), auditBy).entrySet()) {
                    if (p.getValue().value() == null) {
                        b.setNullable(p.getKey(), null, p.getValue().sqlType());
                    } else {
                        b.setObject(p.getKey(), p.getValue().value());
                    }
                }
            }
            try (ResultSet rs = b.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }
}
