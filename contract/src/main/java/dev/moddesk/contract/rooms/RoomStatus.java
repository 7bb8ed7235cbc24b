package dev.moddesk.contract.rooms;

/** LIVE while it runs; ENDED when its host or the platform ended it; CLOSED when staff closed it. */
public enum RoomStatus {
    LIVE,
    ENDED,
    CLOSED
}
