package dev.moddesk.contract.rooms;

/** One song of a KTV room's queue, and who sings it. {@code id} is the platform's id of the queue entry. */
public record Song(String id, String title, String singerId, String singerName) {
}
