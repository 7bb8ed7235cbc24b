package dev.moddesk.app.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file name an access request is saved under, from a user id that may hold anything (path separators, {@code ..},
 * device names such as {@code CON}, control characters): {@code moddesk-user-<[A-Za-z0-9_-], 40 at most>-<8 hex of
 * SHA-256 of the id>.json}, the same shape the server sends. The prefix keeps a reserved device name from being the
 * whole name, and the hash keeps two ids that clean to the same text apart.
 */
public final class ExportFileName {
    private static final int MAX_KEPT = 40;

    private ExportFileName() {
    }

    public static String of(String userId) {
        String id = userId == null ? "" : userId;
        StringBuilder kept = new StringBuilder();
        for (int i = 0; i < id.length() && kept.length() < MAX_KEPT; i++) {
            char c = id.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
                kept.append(c);
            }
        }
        return "moddesk-user-" + (kept.isEmpty() ? "x" : kept) + "-" + hash(id) + ".json";
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
