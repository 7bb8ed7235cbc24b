package dev.moddesk.server.rooms;

import dev.moddesk.server.core.Sql;
import dev.moddesk.server.rooms.bus.SeqReservations;
import org.jdbi.v3.core.Jdbi;

/** The in-process bus's per-room marks in {@code room_seq_reservation}, each write its own short transaction. */
final class StoredSeqReservations implements SeqReservations {
    private final Jdbi jdbi;
    private final RoomStore store;

    StoredSeqReservations(Jdbi jdbi, RoomStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    @Override
    public long reserved(String roomId) {
        return jdbi.withHandle(h -> store.reserved(h, roomId));
    }

    @Override
    public void reserve(String roomId, long upTo) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(h -> store.reserve(h, roomId, upTo));
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !Sql.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }
}
