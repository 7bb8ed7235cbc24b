package dev.moddesk.server.rooms;

import java.time.Duration;

/**
 * The stream's limits: frames queued per connection before a room's full stream is dropped as lagging, rooms per
 * connection, and liveness (a heartbeat after {@code heartbeatAfter} without sending, a ping after {@code pingAfter}
 * without hearing, the link given up after {@code deadAfter} without hearing).
 */
record StreamSettings(int queueCapacity, int maxRooms, Duration heartbeatAfter, Duration pingAfter,
                      Duration deadAfter) {
    static StreamSettings defaults() {
        return new StreamSettings(20_000, 100, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
