package dev.moddesk.contract.rooms;

import java.time.Instant;

/**
 * Sandbox only: the simulated platform's hot room was asked to spike ({@code POST /api/v1/sandbox/hot-room}): from
 * its next step for {@code seconds}, {@code messagesPerSecond} lines a second more than its usual share.
 */
public record HotRoomSpike(String roomId, int seconds, double messagesPerSecond, Instant until) {
}
