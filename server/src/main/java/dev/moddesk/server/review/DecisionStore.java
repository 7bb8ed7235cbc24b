package dev.moddesk.server.review;

import static dev.moddesk.server.review.ApplicationStore.row;
import static dev.moddesk.server.review.ApplicationStore.ts;

import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.DecisionKind;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The SQL of decisions written as JDBC batches (the portable path), undo, and idempotency records. */
final class DecisionStore {

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
}
