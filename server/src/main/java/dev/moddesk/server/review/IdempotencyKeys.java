package dev.moddesk.server.review;

import dev.moddesk.contract.review.DecisionResult;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** Answers to idempotent writes: replaying a stored answer, and the retry after two requests raced with one key. */
final class IdempotencyKeys {

    private final ReviewStores stores;
    private final ReviewJson json;

    IdempotencyKeys(ReviewStores stores, ReviewJson json) {
        this.stores = stores;
        this.json = json;
    }

    /** The stored answer to {@code key} of {@code actor}; 422 when the key was used for another request. */
    Optional<DecisionResult> replay(Handle h, ReviewActor actor, String key, String hash) {
        return stores.decisions().idempotencyRecord(h, actor.staffId(), key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw ReviewFailure.keyReused(key);
            }
            return json.read(stored.responseJson(), DecisionResult.class);
        });
    }

    /**
     * Runs {@code work} with {@code true} (it may skip reading stored idempotency answers up front), and once more
     * with {@code false} when its idempotency insert violated the key: two requests with the same new key raced, or
     * a key was reused for another pending application. The second run reads the stored answers first, so it
     * answers as a replay or with 422.
     */
    static <T> T withKeyRaceRetry(Function<Boolean, T> work) {
        try {
            return work.apply(true);
        } catch (JdbiException e) {
            if (isUniqueViolation(e)) {
                return work.apply(false);
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
