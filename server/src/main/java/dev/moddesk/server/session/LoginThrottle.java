package dev.moddesk.server.session;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The failed-login throttle, shared by every API node through the database. An attempt is reserved before its
 * password is checked: holding the lock stripes of its username and of its client address, it counts the failures in
 * the window and, when both are under their limits, records itself as a failure at once. Parallel guesses therefore
 * see each other's reservations, and at most the limit are evaluated by bcrypt; the rest are refused with 429. A right
 * password releases its reservation. The per-username limit is strict (guesses at one account); the per-address one
 * is much larger, because a whole office may sign in from one NAT address.
 */
final class LoginThrottle {
    /** Rows of {@code login_throttle_lock} (migration V3). */
    static final int STRIPES = 64;

    private final Jdbi jdbi;
    private final ServerConfig config;
    private final SessionStore store;

    LoginThrottle(Jdbi jdbi, ServerConfig config, SessionStore store) {
        this.jdbi = jdbi;
        this.config = config;
        this.store = store;
    }

    /** Reserves one attempt for {@code username} from {@code clientAddress}; returns the reservation or throws 429. */
    long reserve(String username, String clientAddress, Instant now) {
        return reserve(username, clientAddress, now, "session.throttled");
    }

    /**
     * As {@link #reserve(String, String, Instant)}, with the 429's text key: a wrong current password in a password
     * change counts against the same limits as a failed sign-in, but its refusal says what was tried.
     */
    long reserve(String username, String clientAddress, Instant now, String throttledKey) {
        int user = stripe("user\u0000" + username);
        int address = stripe("address\u0000" + clientAddress);
        return jdbi.inTransaction(h -> {
            // Always in ascending order, so two attempts that need the same two stripes cannot deadlock.
            store.lockStripe(h, Math.min(user, address));
            if (user != address) {
                store.lockStripe(h, Math.max(user, address));
            }
            Duration window = config.loginFailureWindow();
            Instant since = now.minus(window);
            Instant freeAt = later(
                    freeAt(store.failuresForUsername(h, username, since), config.loginMaxFailures(), window),
                    freeAt(store.failuresForAddress(h, clientAddress, since), config.loginMaxFailuresPerAddress(),
                            window));
            if (freeAt != null) {
                throw tooMany(now, freeAt, throttledKey);
            }
            return store.recordFailure(h, username, clientAddress, now);
        });
    }

    /** The attempt turned out not to be a failure (right password, or the check could not run). */
    void release(Handle h, long reservation) {
        store.deleteFailure(h, reservation);
    }

    private static Instant freeAt(SessionStore.Failures failures, int limit, Duration window) {
        return failures.count() >= limit ? failures.oldest().plus(window) : null;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static ProblemException tooMany(Instant now, Instant freeAt, String key) {
        long seconds = Math.max(1, (Duration.between(now, freeAt).toMillis() + 999) / 1000);
        return ProblemException.keyed(ProblemType.TOO_MANY_REQUESTS, key, seconds)
                .withExtension("retryAfterSeconds", seconds).withHeader("Retry-After", Long.toString(seconds));
    }

    /** The same stripe on every node (CRC-32 of the UTF-8 bytes, not a per-JVM hash). */
    static int stripe(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % STRIPES);
    }
}
