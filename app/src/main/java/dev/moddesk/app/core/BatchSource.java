package dev.moddesk.app.core;

import java.util.Collection;

/**
 * A bounded queue the per-frame drain takes from, filled on another thread. The stream client's queue fits as a
 * method reference ({@code queue::drainTo}), so core needs no import of it.
 */
@FunctionalInterface
public interface BatchSource<T> {
    /** Moves up to {@code max} items, oldest first, into {@code sink}; returns how many. */
    int drainTo(Collection<T> sink, int max);
}
