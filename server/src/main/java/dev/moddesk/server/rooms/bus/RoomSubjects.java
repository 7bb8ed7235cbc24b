package dev.moddesk.server.rooms.bus;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Names on the broker. A room id comes from the platform (hostile: dots, wildcards, spaces, newlines), so it never
 * appears raw in a subject: each room's subject is {@code <prefix>.rooms.<base64url of its UTF-8 id>}, a single token
 * of letters, digits, {@code -} and {@code _}.
 */
final class RoomSubjects {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final String prefix;

    /** {@code prefix}: letters, digits, {@code -} and {@code _} only (it also names the stream). */
    RoomSubjects(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("a NATS prefix is 1 to 64 letters, digits, - or _");
        }
        this.prefix = prefix;
    }

    String stream() {
        return prefix + "_ROOMS";
    }

    String all() {
        return prefix + ".rooms.>";
    }

    String of(String roomId) {
        if (roomId == null || roomId.isEmpty()) {
            throw new IllegalArgumentException("a room id is required");
        }
        return prefix + ".rooms." + ENCODER.encodeToString(roomId.getBytes(StandardCharsets.UTF_8));
    }

    /** The room of {@code subject}, or null when it is not one of ours. */
    String roomOf(String subject) {
        String head = prefix + ".rooms.";
        if (subject == null || !subject.startsWith(head)) {
            return null;
        }
        try {
            return new String(DECODER.decode(subject.substring(head.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
