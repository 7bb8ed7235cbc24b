package dev.moddesk.contract.rooms;

/** A watch-together room's source changed ({@code source}); {@code source} is null when it stopped. */
public record SourceChange(WatchSource source) implements RoomEventPayload {
}
