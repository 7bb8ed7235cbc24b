package dev.moddesk.contract.rooms;

/** What a live room is: a friends' chat, a voice room (host + up to 8 mic seats), KTV (song queue), watch-together. */
public enum RoomKind {
    FRIENDS,
    VOICE,
    KTV,
    WATCH_TOGETHER
}
