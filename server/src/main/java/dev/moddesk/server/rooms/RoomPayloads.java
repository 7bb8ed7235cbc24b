package dev.moddesk.server.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.Song;
import dev.moddesk.contract.rooms.WatchSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the payloads of the platform's room events. Everything in them is the platform's users' input: each field is
 * checked for type and length, and a bad one is refused with an {@link IllegalArgumentException} naming the field
 * (the event is then REJECTED, see {@code IngestHandler}). Control characters are refused (chat text may have line
 * breaks); ids also may not carry line separators or bidi controls.
 */
final class RoomPayloads {
    static final int MAX_ID = 200;
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2000;
    static final int MAX_URL = 2000;
    static final int MAX_SEATS = 8;
    static final int MAX_SONGS = 200;

    private RoomPayloads() {
    }

    static String roomId(JsonNode payload) {
        return id(payload, "roomId");
    }

    static String id(JsonNode node, String field) {
        String value = text(node, field, MAX_ID, true);
        if (value.isBlank() || hasControl(value, false) || hasFormatting(value)) {
            throw new IllegalArgumentException(field + ": required, 1 to " + MAX_ID + " printable characters");
        }
        return value;
    }

    static String optionalId(JsonNode node, String field) {
        return node.hasNonNull(field) ? id(node, field) : null;
    }

    static String name(JsonNode node, String field) {
        String value = text(node, field, MAX_NAME, true);
        if (hasControl(value, false)) {
            throw new IllegalArgumentException(field + ": control characters are not allowed");
        }
        return value;
    }

    static String optionalName(JsonNode node, String field) {
        return node.hasNonNull(field) ? name(node, field) : null;
    }

    /** A chat line: up to {@link #MAX_TEXT} characters, line breaks allowed, other control characters not. */
    static String messageText(JsonNode node) {
        String value = text(node, "text", MAX_TEXT, true);
        if (hasControl(value, true)) {
            throw new IllegalArgumentException("text: control characters other than line breaks are not allowed");
        }
        return value;
    }

    static RoomKind kind(JsonNode node) {
        String value = text(node, "kind", 20, true);
        try {
            return RoomKind.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kind: one of FRIENDS, VOICE, KTV, WATCH_TOGETHER");
        }
    }

    static Instant optionalInstant(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        try {
            return Instant.parse(text(node, field, 40, true));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": an ISO-8601 instant such as 2026-11-24T08:00:00Z");
        }
    }

    static int optionalInt(JsonNode node, String field, int min, int max, int fallback) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new IllegalArgumentException(field + ": a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    static Seat seat(JsonNode node, int seatCount) {
        JsonNode seat = node.get("seat");
        if (seat == null || !seat.isObject()) {
            throw new IllegalArgumentException("seat: required, an object");
        }
        int number = optionalInt(seat, "number", 1, Math.max(1, seatCount), -1);
        if (number < 1) {
            throw new IllegalArgumentException("seat.number: required, 1 to " + seatCount);
        }
        String occupantId = optionalId(seat, "occupantId");
        String occupantName = occupantId == null ? null : optionalName(seat, "occupantName");
        return new Seat(number, occupantId, occupantName, bool(seat, "muted"), bool(seat, "locked"));
    }

    static List<Song> songs(JsonNode node) {
        JsonNode queue = node.get("queue");
        if (queue == null || !queue.isArray() || queue.size() > MAX_SONGS) {
            throw new IllegalArgumentException("queue: required, an array of at most " + MAX_SONGS + " songs");
        }
        List<Song> songs = new ArrayList<>(queue.size());
        for (JsonNode s : queue) {
            if (!s.isObject()) {
                throw new IllegalArgumentException("queue: each song is an object");
            }
            songs.add(new Song(id(s, "id"), name(s, "title"), optionalId(s, "singerId"), optionalName(s, "singerName")));
        }
        return songs;
    }

    /** The watch-together source, or null when the payload says it stopped. */
    static WatchSource source(JsonNode node) {
        JsonNode source = node.get("source");
        if (source == null || source.isNull()) {
            return null;
        }
        if (!source.isObject()) {
            throw new IllegalArgumentException("source: an object or null");
        }
        String url = text(source, "url", MAX_URL, true);
        if (hasControl(url, false) || url.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("source.url: no spaces or control characters");
        }
        return new WatchSource(name(source, "title"), url, optionalId(source, "sharedById"),
                optionalName(source, "sharedByName"));
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": true or false");
        }
        return value.asBoolean();
    }

    private static String text(JsonNode node, String field, int max, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + ": required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        String s = value.asText();
        if (s.length() > max) {
            throw new IllegalArgumentException(field + ": at most " + max + " characters");
        }
        return s;
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
