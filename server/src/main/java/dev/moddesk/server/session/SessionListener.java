package dev.moddesk.server.session;

import dev.moddesk.server.core.Database;
import io.micrometer.core.instrument.Counter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears other nodes' session revocations (PostgreSQL LISTEN, on a thread of its own) and evicts them from this
 * node's {@link SessionCache}. The cache is open only while the listener is connected: on losing the connection it
 * is cleared and bypassed (every request reads its session from the database) until the listener is back, which it
 * tries every {@code retry}.
 */
final class SessionListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SessionListener.class);
    private static final int POLL_MILLIS = 500;
    private static final long PING_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Database.Settings settings;
    private final SessionCache cache;
    private final Counter lost;
    private final Duration retry;
    private final SessionNotificationStore store = new SessionNotificationStore();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile SessionNotificationStore.Listening current;

    SessionListener(Database.Settings settings, SessionCache cache, Counter lost, Duration retry) {
        this.settings = settings;
        this.cache = cache;
        this.lost = lost;
        this.retry = retry;
        this.thread = Thread.ofPlatform().name("moddesk-session-listener").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (closing.getCount() > 0) {
            boolean connected = false;
            try (SessionNotificationStore.Listening listening = store.listen(settings)) {
                current = listening;
                cache.listening(true);
                connected = true;
                log.info("Session cache on: listening for revocations");
                long pinged = System.nanoTime();
                while (closing.getCount() > 0) {
                    for (long staffId : listening.poll(POLL_MILLIS)) {
                        cache.evictStaff(staffId);
                    }
                    if (System.nanoTime() - pinged > PING_NANOS) {
                        listening.ping();
                        pinged = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                cache.listening(false);
                if (closing.getCount() == 0) {
                    return;
                }
                if (connected) {
                    lost.increment();
                    log.warn("Session cache off: the revocation listener lost its connection ({}); every request reads"
                            + " its session from the database until it is back", e.toString());
                } else {
                    log.debug("Session revocation listener could not connect: {}", e.toString());
                }
            } finally {
                current = null;
            }
            try {
                if (closing.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closing.countDown();
        cache.listening(false);
        SessionNotificationStore.Listening listening = current;
        if (listening != null) {
            listening.close();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
