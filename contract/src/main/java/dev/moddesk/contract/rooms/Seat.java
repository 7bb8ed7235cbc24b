package dev.moddesk.contract.rooms;

/**
 * One mic seat (麦位) of a room, numbered from 1. {@code occupantId}/{@code occupantName} are null while it is free.
 * {@code muted}: the seat's mic is muted; {@code locked}: nobody may take it.
 */
public record Seat(int number, String occupantId, String occupantName, boolean muted, boolean locked) {
    public Seat {
        if (number < 1) {
            throw new IllegalArgumentException("seat number must be at least 1");
        }
    }

    public boolean taken() {
        return occupantId != null;
    }
}
