package dev.moddesk.server.core;

/**
 * One server feature (session, staff, audit, ops, platform, review…). {@code ModDeskServer} calls
 * {@link #register} once before it starts listening and {@link #start}/{@link #stop} around its life.
 */
public interface Feature {
    /** Declares the feature's routes (and authenticators) with the registry. */
    void register(Api api);

    /** Starts background jobs, if any; called after the server accepts connections. */
    default void start() {
    }

    /** Stops background jobs; called before the database closes. Must not throw. */
    default void stop() {
    }
}
