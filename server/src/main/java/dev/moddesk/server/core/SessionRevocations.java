package dev.moddesk.server.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Tells this node's session cache that a staff member's account or sessions changed (sign-out, disabled, role or
 * scope change, password change or reset, deletion), so their cached sessions are read again at once. A feature that
 * changes an account calls {@link #staffChanged} after its transaction commits; the session feature listens. Other
 * nodes hear of the same change from the database (PostgreSQL NOTIFY, sent by triggers in that transaction).
 */
public final class SessionRevocations {
    private final List<LongConsumer> listeners = new CopyOnWriteArrayList<>();

    /** {@code listener} hears the staff id of every change from now on. */
    public void listen(LongConsumer listener) {
        listeners.add(listener);
    }

    /** The account {@code staffId} or its sessions changed (call after the commit). */
    public void staffChanged(long staffId) {
        for (LongConsumer listener : listeners) {
            listener.accept(staffId);
        }
    }
}
