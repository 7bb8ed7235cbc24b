package dev.moddesk.contract.rooms;

/** Slow mode changed ({@code slow-mode}): seconds one user waits between messages, 0 = off; who set it. */
public record SlowModeChange(int seconds, String staffId, String staffName) implements RoomEventPayload {
    public SlowModeChange {
        if (seconds < 0) {
            throw new IllegalArgumentException("slow mode seconds must not be negative");
        }
    }
}
