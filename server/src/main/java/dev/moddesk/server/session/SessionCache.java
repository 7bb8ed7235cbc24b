package dev.moddesk.server.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions this node has read, keyed by the token's SHA-256 (never the token), so a staff request need not read
 * its session from the database. An entry is trusted for at most {@code trust} after it was read (then read again);
 * a revocation evicts it at once ({@link #evictStaff}, from this node's own change or another node's notification).
 *
 * <p>Where revocations reach this node by notification (PostgreSQL), the cache is open only while the listener is
 * connected: losing it clears the cache and bypasses it until the listener is back, so a missed notification never
 * keeps a revoked session alive for longer than {@code trust}. A generation counter, moved by every eviction, keeps a
 * read that began before a change from being cached after it.
 */
final class SessionCache {
    /** Beyond this many entries, stale ones are dropped, and if none are, nothing more is cached. */
    static final int MAX_ENTRIES = 50_000;

    private record Entry(SessionStore.ActiveSession session, Instant readAt) {
    }

    private final Duration trust;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean open;

    /** {@code open}: whether the cache is used from the start (false: only once {@link #listening} says so). */
    SessionCache(Duration trust, boolean open) {
        this.trust = trust;
        this.open = open;
    }

    private boolean enabled() {
        return open && trust.isPositive();
    }

    /** The cached session of {@code tokenHash}, if it was read less than {@code trust} before {@code now}. */
    Optional<SessionStore.ActiveSession> get(String tokenHash, Instant now) {
        if (!enabled()) {
            return Optional.empty();
        }
        Entry e = entries.get(tokenHash);
        if (e == null) {
            return Optional.empty();
        }
        if (!trusted(e, now)) {
            entries.remove(tokenHash, e);
            return Optional.empty();
        }
        return Optional.of(e.session());
    }

    private boolean trusted(Entry e, Instant now) {
        return !now.isBefore(e.readAt()) && now.isBefore(e.readAt().plus(trust));
    }

    /** Take before reading a session from the database, and pass to {@link #put}. */
    long generation() {
        return generation.get();
    }

    /**
     * Caches {@code session}, read at {@code readAt}, unless an eviction happened since {@code generationBefore}
     * (the read may predate the change it announced).
     */
    void put(String tokenHash, SessionStore.ActiveSession session, Instant readAt, long generationBefore) {
        if (!enabled()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !trusted(e, readAt));
            if (entries.size() >= MAX_ENTRIES) {
                return;
            }
        }
        entries.put(tokenHash, new Entry(session, readAt));
        if (generation.get() != generationBefore) {
            entries.remove(tokenHash);
        }
    }

    /** Every cached session of {@code staffId} goes: its account or sessions changed. */
    void evictStaff(long staffId) {
        generation.incrementAndGet();
        entries.values().removeIf(e -> e.session().staffId() == staffId);
    }

    /** The listener connected ({@code true}: cache from now on) or was lost ({@code false}: bypass); clears. */
    void listening(boolean connected) {
        open = connected;
        generation.incrementAndGet();
        entries.clear();
    }

    boolean isOpen() {
        return open;
    }

    int size() {
        return entries.size();
    }
}
