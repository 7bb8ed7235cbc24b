package dev.moddesk.server.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The append-only audit log. {@link #record} must be called with the {@link Handle} of the transaction that makes
 * the change, so the entry exists exactly when the change does (a failed change rolls its entry back with it).
 *
 * <p>There is deliberately no update or delete method. The database refuses them too: a trigger on
 * {@code audit_log} raises an error for UPDATE and DELETE (PostgreSQL: a PL/pgSQL trigger; H2: a Java trigger,
 * {@link AuditLogAppendOnlyTrigger}, since H2 has no procedural SQL). Two kinds of maintenance are let through, each
 * only inside {@link #maintaining}: {@link Maintenance#RETENTION} may delete entries (the lifecycle job, past the
 * audit retention of at least 180 days) and {@link Maintenance#ERASURE} may rewrite an entry's target id, states
 * and reason (an erased user becomes a pseudonym) but never its time, actor or action.
 *
 * <p>All SQL that writes the log is here: {@link #record}, {@link #recordAll}, and the CTE of {@link #perRowInsert}
 * that one-statement writes elsewhere append to their own statement.
 *
 * <p>Reading the log with filters and cursors belongs to the audit feature; this class only writes.
 */
public final class AuditLog {

    private static final String COLUMNS =
            "at, actor_id, actor_name, action, target_type, target_id, before_json, after_json, reason, client_address";
    private static final String INSERT = "INSERT INTO audit_log (" + COLUMNS + ") VALUES (:at, :actorId, :actorName,"
            + " :action, :targetType, :targetId, :before, :after, :reason, :clientAddress)";

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * One entry about to be recorded. {@code before}/{@code after} are any objects Jackson turns into JSON objects
     * (records or maps; never include secrets such as password hashes); {@code actorId} is null for the platform
     * or the system.
     */
    public record Entry(Long actorId, String actorName, String action, String targetType, String targetId,
                        Object before, Object after, String reason, String clientAddress) {
        public Entry {
            if (action == null || action.isBlank()) {
                throw new IllegalArgumentException("action is required");
            }
        }

        /** An entry by {@code actor} (its staff id and name and client address). */
        public static Entry by(Principal actor, String action, String targetType, String targetId,
                               Object before, Object after, String reason) {
            return new Entry(actor.staffId(), actor.username(), action, targetType, targetId, before, after, reason,
                    actor.clientAddress());
        }
    }

    /** Appends {@code entry} inside the caller's transaction and returns its id. */
    public long record(Handle transaction, Entry entry) {
        if (!transaction.isInTransaction()) {
            throw new IllegalStateException("audit entries are written inside the change's transaction");
        }
        return transaction.createUpdate(INSERT)
                .bind("at", OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC))
                .bind("actorId", entry.actorId())
                .bind("actorName", entry.actorName())
                .bind("action", entry.action())
                .bind("targetType", entry.targetType())
                .bind("targetId", entry.targetId())
                .bind("before", toJson(entry.before()))
                .bind("after", toJson(entry.after()))
                .bind("reason", entry.reason())
                .bind("clientAddress", entry.clientAddress())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    /**
     * Appends every entry inside the caller's transaction as one JDBC batch (one round trip instead of one per entry),
     * for changes made many at a time such as bulk decisions. All entries get the same time.
     */
    public void recordAll(Handle transaction, List<Entry> entries) {
        if (!transaction.isInTransaction()) {
            throw new IllegalStateException("audit entries are written inside the change's transaction");
        }
        if (entries.isEmpty()) {
            return;
        }
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        PreparedBatch batch = transaction.prepareBatch(INSERT);
        for (Entry entry : entries) {
            batch.bind("at", at)
                    .bind("actorId", entry.actorId())
                    .bind("actorName", entry.actorName())
                    .bind("action", entry.action())
                    .bind("targetType", entry.targetType())
                    .bind("targetId", entry.targetId())
                    .bind("before", toJson(entry.before()))
                    .bind("after", toJson(entry.after()))
                    .bind("reason", entry.reason())
                    .bind("clientAddress", entry.clientAddress())
                    .add();
        }
        batch.execute();
    }

    /** What {@link #maintaining} lets a transaction do to existing entries. */
    public enum Maintenance {
        /** Delete entries older than the audit retention. */
        RETENTION("retention"),
        /** Rewrite target id, before/after and reason of entries about an erased user. */
        ERASURE("erasure");

        private final String word;

        Maintenance(String word) {
            this.word = word;
        }

        /** The value the append-only triggers look for. */
        public String word() {
            return word;
        }
    }

    /**
     * Runs {@code work} in the caller's transaction with the append-only trigger letting {@code maintenance} through,
     * and closes that door again afterwards. PostgreSQL: a transaction-local setting ({@code set_config(…, true)});
     * H2: a session variable, cleared in {@code finally} because the pooled connection lives on.
     */
    public static <T> T maintaining(Handle transaction, Maintenance maintenance, java.util.function.Supplier<T> work) {
        if (!transaction.isInTransaction()) {
            throw new IllegalStateException("audit maintenance runs inside a transaction");
        }
        boolean postgres = isPostgres(transaction);
        open(transaction, postgres, maintenance.word());
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            try {
                open(transaction, postgres, ""); // fails on PostgreSQL's aborted transaction, which ends it anyway
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        open(transaction, postgres, "");
        return result;
    }

    private static void open(Handle h, boolean postgres, String word) {
        if (postgres) {
            h.createQuery("SELECT set_config('" + AuditLogAppendOnlyTrigger.SETTING + "', :w, true)")
                    .bind("w", word).mapTo(String.class).one();
        } else {
            h.execute("SET @" + AuditLogAppendOnlyTrigger.H2_VARIABLE + " = " + (word.isEmpty() ? "NULL" : "'" + word + "'"));
        }
    }

    /** The maintenance word of this H2 session ({@link AuditLogAppendOnlyTrigger} asks), or null. */
    static String h2Maintenance(java.sql.Connection conn) throws java.sql.SQLException {
        try (java.sql.Statement s = conn.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT @" + AuditLogAppendOnlyTrigger.H2_VARIABLE)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static boolean isPostgres(Handle h) {
        try {
            return h.getConnection().getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
                    .contains("postgres");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell the database product", e);
        }
    }

    /** A parameter value of {@link #perRowInsert} with its JDBC type ({@link java.sql.Types}), so a null is typed. */
    public record Parameter(Object value, int sqlType) {
    }

    /**
     * For a one-statement write (PostgreSQL, where the change is a data-modifying CTE): the SQL of a CTE named
     * {@code name}, to append after the change's own CTEs, that inserts one entry per row of {@code from} with that
     * row's {@code targetId}, {@code before} and {@code after} (SQL expressions over {@code from}; the JSON ones as
     * text, see {@link #toJson}). The rest of each entry comes from the named parameters of
     * {@link #perRowParameters}. The SQL depends only on the arguments, so a caller can make it once.
     */
    public static String perRowInsert(String name, String from, String targetId, String before, String after) {
        return ",\n" + name + " AS (\n  INSERT INTO audit_log (" + COLUMNS + ")\n"
                + "  SELECT :audit_at, :audit_actor_id, :audit_actor_name, :audit_action, :audit_target_type, "
                + targetId + ", " + before + ", " + after + ", :audit_reason, :audit_client_address\n"
                + "  FROM " + from + ")";
    }

    /**
     * The values of {@link #perRowInsert}'s parameters, by name: the entries are by {@code author}'s actor, with its
     * action, target type and reason (its target id and states are ignored), at {@code at} (the change's own time).
     */
    public static Map<String, Parameter> perRowParameters(Instant at, Entry author) {
        Map<String, Parameter> p = new LinkedHashMap<>();
        p.put("audit_at", new Parameter(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE));
        p.put("audit_actor_id", new Parameter(author.actorId(), Types.BIGINT));
        p.put("audit_actor_name", new Parameter(author.actorName(), Types.VARCHAR));
        p.put("audit_action", new Parameter(author.action(), Types.VARCHAR));
        p.put("audit_target_type", new Parameter(author.targetType(), Types.VARCHAR));
        p.put("audit_reason", new Parameter(author.reason(), Types.VARCHAR));
        p.put("audit_client_address", new Parameter(author.clientAddress(), Types.VARCHAR));
        return p;
    }

    /** The JSON text of a before/after object, or null. */
    public static String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return Json.mapper().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not serialisable: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a stored before/after JSON object back into a map (null stays null). */
    public static Map<String, Object> fromJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored audit JSON is not an object", e);
        }
    }
}
