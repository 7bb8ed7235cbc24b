package dev.moddesk.server.review;

import dev.moddesk.contract.review.QueueFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where claim-next may start reading the queue, per filter (PostgreSQL, queue in age order).
 *
 * <p>A decided application leaves a dead entry at the head of the pending-queue indexes until the table is vacuumed,
 * and claim-next reads the queue from its head: after 40,000 decisions it stepped over 200 index pages of them for
 * every claim (0.15 ms of database CPU, against 0.02 ms just after a VACUUM). Everything older than the application a
 * claim-next just got was, at that moment, decided, claimed or being claimed, so the next claim-next with the same
 * filter may start there.
 *
 * <p>An older application becomes free again when someone releases it, undoes a decision, a claim lapses, or it is
 * submitted late. Releases and submissions on this node lower the floor as soon as they have committed (an undo keeps
 * the application claimed by whoever undid it, so it frees nothing until released) ({@link #lowerTo}: not before the
 * commit, or a claim-next that could not yet see the row would set a floor above it); for the rest
 * (a lapsed claim, another node's release) claim-next reads from the head again at least every {@link #REFRESH}, and
 * whenever a claim from the floor finds nothing. So the floor never hides an application for longer than that, and
 * never makes the queue look empty.
 */
final class QueueFloors {

    static final Duration REFRESH = Duration.ofSeconds(1);
    private static final int MAX_FILTERS = 1_000;

    /** The filter and the moderator's cities: together they say which rows a claim-next can see. */
    record Key(QueueFilter filter, Set<String> scope) {
    }

    private record Floor(Instant submittedAt, Instant readFromHeadAt) {
    }

    /** Where one claim-next starts: {@code floor} null means from the head. */
    record Start(Key key, Instant floor, long lowerings, Instant at) {
        boolean fromHead() {
            return floor == null;
        }
    }

    private final Map<Key, Floor> floors = new ConcurrentHashMap<>();
    private final AtomicLong lowerings = new AtomicLong();

    /** Where a claim-next with this key may start at {@code now}. */
    Start start(Key key, Instant now) {
        long seen = lowerings.get();
        Floor f = floors.get(key);
        if (f == null || now.isBefore(f.readFromHeadAt()) || !now.isBefore(f.readFromHeadAt().plus(REFRESH))) {
            return head(key, now);
        }
        return new Start(key, f.submittedAt(), seen, now);
    }

    /** A claim-next with this key that reads from the head at {@code now}. */
    Start head(Key key, Instant now) {
        return new Start(key, null, lowerings.get(), now);
    }

    /**
     * The claim-next that began with {@code start} got an application submitted at {@code submittedAt}. Ignored when
     * something was made free again meanwhile: that read may have passed it.
     */
    void claimed(Start start, Instant submittedAt) {
        if (floors.size() >= MAX_FILTERS && !floors.containsKey(start.key())) {
            floors.clear(); // a bound on memory: forgetting only costs reads from the head
        }
        floors.compute(start.key(), (k, old) -> {
            if (lowerings.get() != start.lowerings()) {
                return old;
            }
            if (start.fromHead()) {
                return new Floor(submittedAt, start.at());
            }
            // From the floor: rows below it were seen taken by the read from the head that set it.
            return old == null ? null : new Floor(submittedAt.isAfter(old.submittedAt()) ? submittedAt
                    : old.submittedAt(), old.readFromHeadAt());
        });
    }

    /**
     * An application submitted at {@code submittedAt} may be free again: no floor may pass it. Call it once the change
     * that freed it has committed.
     */
    void lowerTo(Instant submittedAt) {
        lowerings.incrementAndGet();
        floors.replaceAll((k, f) -> f.submittedAt().isAfter(submittedAt)
                ? new Floor(submittedAt, f.readFromHeadAt()) : f);
    }
}
