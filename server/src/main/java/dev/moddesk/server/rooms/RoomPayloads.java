package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.Song;
import dev.moddesk.contract.rooms.WatchSource;
import dev.moddesk.server.platform.IngestPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payloads of the platform's room events. Everything in them is the platform's users' input: each field is
 * checked for type and length, and a bad one is refused with a keyed 422 naming the field (see {@link IngestPayload};
 * the event is then REJECTED). Control characters are refused (chat text may have line
 * breaks); ids also may not carry line separators or bidi controls.
 */
public final class RoomPayloads {
    static final int MAX_ID = 200;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_URL = 2000;
    static final int MAX_SEATS = 8;
    static final int MAX_SONGS = 200;

    private RoomPayloads() {
    }

    public static String roomId(IngestPayload payload) {
        return id(payload, "roomId");
    }

    public static String id(IngestPayload node, String field) {
        String value = node.string(field, MAX_ID);
        if (value.isBlank() || hasControl(value, false) || hasFormatting(value)) {
            throw node.refuse(field, "rooms.ingest.id", MAX_ID);
        }
        return value;
    }

    static String optionalId(IngestPayload node, String field) {
        return node.has(field) ? id(node, field) : null;
    }

    public static String name(IngestPayload node, String field) {
        String value = node.string(field, MAX_NAME);
        if (hasControl(value, false)) {
            throw node.refuse(field, "rooms.ingest.control");
        }
        return value;
    }

    static String optionalName(IngestPayload node, String field) {
        return node.has(field) ? name(node, field) : null;
    }

    /** A chat line: up to {@link #MAX_TEXT} characters, line breaks allowed, other control characters not. */
    public static String messageText(IngestPayload node) {
        String value = node.string("text", MAX_TEXT);
        if (hasControl(value, true)) {
            throw node.refuse("text", "rooms.ingest.controlInText");
        }
        return value;
    }

    static RoomKind kind(IngestPayload node) {
        return node.oneOf("kind", RoomKind.class);
    }

    static Instant optionalInstant(IngestPayload node, String field) {
        return node.instant(field, null);
    }

    static int optionalInt(IngestPayload node, String field, int min, int max, int fallback) {
        return (int) node.wholeNumber(field, min, max, (long) fallback);
    }

    static Seat seat(IngestPayload node, int seatCount) {
        IngestPayload seat = node.object("seat");
        int number = (int) seat.wholeNumber("number", 1, Math.max(1, seatCount), null);
        String occupantId = optionalId(seat, "occupantId");
        String occupantName = occupantId == null ? null : optionalName(seat, "occupantName");
        return new Seat(number, occupantId, occupantName, bool(seat, "muted"), bool(seat, "locked"));
    }

    static List<Song> songs(IngestPayload node) {
        if (!node.has("queue")) {
            throw node.refuse("queue", "ingest.field.required");
        }
        List<IngestPayload> queue = node.objects("queue", MAX_SONGS);
        List<Song> songs = new ArrayList<>(queue.size());
        for (IngestPayload s : queue) {
            songs.add(new Song(id(s, "id"), name(s, "title"), optionalId(s, "singerId"), optionalName(s, "singerName")));
        }
        return songs;
    }

    /** The watch-together source, or null when the payload says it stopped. */
    static WatchSource source(IngestPayload node) {
        IngestPayload source = node.optionalObject("source");
        if (source == null) {
            return null;
        }
        String url = source.string("url", MAX_URL);
        if (hasControl(url, false) || url.chars().anyMatch(Character::isWhitespace)) {
            throw source.refuse("url", "rooms.ingest.url");
        }
        return new WatchSource(name(source, "title"), url, optionalId(source, "sharedById"),
                optionalName(source, "sharedByName"));
    }

    static boolean bool(IngestPayload node, String field) {
        return node.bool(field, false);
    }

    private static boolean hasControl(String s, boolean lineBreaksAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && !(lineBreaksAllowed && (c == '\n' || c == '\r' || c == '\t'))) {
                return true;
            }
        }
        return false;
    }

    /** Line separators and bidi controls: fine in what users wrote (the console shows them inert), not in an id. */
    private static boolean hasFormatting(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
                return true;
            }
        }
        return false;
    }
}
