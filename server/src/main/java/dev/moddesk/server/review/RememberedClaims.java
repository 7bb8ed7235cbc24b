package dev.moddesk.server.review;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rows as this node last claimed them for a moderator (claim-next, claim, renewal): a decision on one of them is
 * written by one statement pinned to this state, without locking and reading the row first (PostgreSQL).
 */
final class RememberedClaims {

    private static final int MAX = 20_000;

    private final Map<Long, ApplicationRow> rows = new ConcurrentHashMap<>();

    void remember(ApplicationRow claimed) {
        if (rows.size() > MAX) {
            rows.clear(); // a bound on memory; forgetting only costs the quick path
        }
        rows.put(claimed.id(), claimed);
    }

    /** The row as last claimed here, or null. */
    ApplicationRow get(long id) {
        return rows.get(id);
    }

    void forget(long id) {
        rows.remove(id);
    }
}
