package dev.moddesk.server.lifecycle;

import dev.moddesk.server.core.DataLifecycle;
import dev.moddesk.server.core.PersonalData;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** The access request (PIPL art. 45): everything every {@link PersonalData} part holds about one user, as one JSON. */
final class UserExport {

    private final DataLifecycle lifecycle;

    UserExport(DataLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    Map<String, Object> export(Handle h, String userId, Instant at) {
        // As for an erasure: first what every part finds (names and texts the user goes by), then each part's data.
        java.util.Set<String> texts = new java.util.HashSet<>();
        java.util.Set<PersonalData.Reference> references = new java.util.HashSet<>();
        for (PersonalData part : lifecycle.personalData()) {
            PersonalData.Found f = part.find(h, userId);
            texts.addAll(f.texts());
            references.addAll(f.references());
        }
        PersonalData.Found found = new PersonalData.Found(texts, references);
        Map<String, Object> parts = new LinkedHashMap<>();
        for (PersonalData part : lifecycle.personalData()) {
            parts.put(part.part(), part.export(h, userId, found));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("userId", userId);
        document.put("exportedAt", at);
        document.put("parts", parts);
        return document;
    }

    /**
     * A file name for the export that is safe in a header and on every disk whatever the user id holds:
     * {@code moddesk-user-<id with every char but [A-Za-z0-9._-] as _, at most 40>-<8 hex of its SHA-256>.json}.
     * The hash keeps two ids that map to the same letters apart.
     */
    static String fileName(String userId) {
        StringBuilder safe = new StringBuilder();
        userId.codePoints().limit(40).forEach(c -> safe.append(c < 128 && (Character.isLetterOrDigit(c)
                || c == '-' || c == '_') ? (char) c : '_'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return "moddesk-user-" + safe + "-" + HexFormat.of().formatHex(hash, 0, 4) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
