package dev.moddesk.server.lifecycle;

import dev.moddesk.contract.lifecycle.ErasedUser;
import dev.moddesk.server.core.Services;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stable, irreversible stand-ins for erased users: {@code erased-} + the first 24 hex digits (96 bits) of
 * HMAC-SHA256(secret, user id). The same user always gets the same pseudonym on every node, so facts about them stay
 * linked to each other; without the secret nobody can test a guessed id against it. The secret is
 * {@code MODDESK_PSEUDONYM_SECRET} (16+ characters) or else generated once into {@code lifecycle_secret}.
 */
final class Pseudonyms {

    private final byte[] secret;

    Pseudonyms(byte[] secret) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("the pseudonym secret needs at least 16 bytes");
        }
        this.secret = secret.clone();
    }

    static Pseudonyms forServer(Services services) {
        String configured = System.getenv("MODDESK_PSEUDONYM_SECRET");
        if (configured != null && configured.length() >= 16) {
            return new Pseudonyms(configured.getBytes(StandardCharsets.UTF_8));
        }
        LifecycleStore store = new LifecycleStore();
        byte[] secret = services.database().jdbi().withHandle(h -> {
            Optional<String> existing = store.secret(h, "pseudonym");
            if (existing.isPresent()) {
                return HexFormat.of().parseHex(existing.get());
            }
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                store.insertSecret(h, "pseudonym", HexFormat.of().formatHex(fresh));
                return fresh;
            } catch (RuntimeException anotherNodeWasFirst) {
                return HexFormat.of().parseHex(store.secret(h, "pseudonym").orElseThrow(() -> anotherNodeWasFirst));
            }
        });
        return new Pseudonyms(secret);
    }

    String of(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(userId.getBytes(StandardCharsets.UTF_8));
            return ErasedUser.PREFIX + HexFormat.of().formatHex(digest, 0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
