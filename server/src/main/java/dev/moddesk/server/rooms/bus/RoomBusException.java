package dev.moddesk.server.rooms.bus;

/** The room bus could not do what was asked (the broker is unreachable or refused); the caller may try again. */
public final class RoomBusException extends RuntimeException {
    public RoomBusException(String message, Throwable cause) {
        super(message, cause);
    }

    public RoomBusException(String message) {
        super(message);
    }
}
