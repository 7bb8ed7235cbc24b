package dev.moddesk.contract.rooms;

/** What a user report (举报) is about: one chat message, a user in a room, or the room itself. */
public enum ReportTarget {
    MESSAGE, USER, ROOM
}
