package dev.moddesk.server.review;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The media a platform may upload, recognised by their first bytes; a key's extension must name the same kind. */
enum MediaKind {
    MP4("video/mp4", List.of(".mp4")),
    JPEG("image/jpeg", List.of(".jpg", ".jpeg")),
    PNG("image/png", List.of(".png"));

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private final String contentType;
    private final List<String> extensions;

    MediaKind(String contentType, List<String> extensions) {
        this.contentType = contentType;
        this.extensions = extensions;
    }

    String contentType() {
        return contentType;
    }

    List<String> extensions() {
        return extensions;
    }

    boolean named(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lower::endsWith);
    }

    /** The kind a file's first bytes (at least 12 of them when there are) show, if any. */
    static Optional<MediaKind> sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8 && (head[2] & 0xff) == 0xff) {
            return Optional.of(JPEG);
        }
        if (length >= PNG_SIGNATURE.length && java.util.Arrays.equals(head, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0,
                PNG_SIGNATURE.length)) {
            return Optional.of(PNG);
        }
        if (length >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            return Optional.of(MP4);
        }
        return Optional.empty();
    }

    /** The kind a key's extension names, if any. */
    static Optional<MediaKind> ofKey(String key) {
        for (MediaKind kind : values()) {
            if (kind.named(key)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
