package dev.moddesk.server.rooms.bus;

import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Services;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The one {@link RoomBus} of a running server, shared by every feature that reads or appends room events (the rooms
 * feature, room actions), like {@code PlatformGateway}: the first feature to ask creates it with its factory, the
 * others get the same bus. Keyed by the server's {@link Database}, so it goes with the server.
 */
public final class RoomBuses {

    private static final Map<Database, RoomBus> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

    private RoomBuses() {
    }

    /** The server's bus, created by {@code create} if no feature asked before. */
    public static RoomBus of(Services services, Function<Services, RoomBus> create) {
        return BY_DATABASE.computeIfAbsent(services.database(), d -> create.apply(services));
    }

    /** The server's bus; an in-process one (no stored sequence marks) if no feature created it before. */
    public static RoomBus of(Services services) {
        return of(services, s -> new InProcessRoomBus(s.clock(), SeqReservations.NONE));
    }
}
