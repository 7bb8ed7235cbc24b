package dev.moddesk.server.rooms.words;

import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The one {@link ManagedWordList} of a running server, shared by the features that screen with it (live rooms'
 * chat, held messages) and the one that edits it, like {@code RoomBuses}: keyed by the server's {@link Database}.
 */
public final class RoomWords {

    private static final Map<Database, ManagedWordList> BY_DATABASE =
            Collections.synchronizedMap(new WeakHashMap<>());

    private RoomWords() {
    }

    public static ManagedWordList of(Services services) {
        return BY_DATABASE.computeIfAbsent(services.database(), d -> new ManagedWordList(d.jdbi(),
                services.auditLog(), PlatformGateway.of(services).actions(), services.clock()));
    }
}
