package dev.moddesk.server.core;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * Salted, slow password hashing (bcrypt, cost 10). bcrypt reads at most 72 bytes, so longer passwords are refused
 * by validation rather than silently truncated. Never log a password or a hash.
 */
public final class PasswordHasher {
    /** Longest password in UTF-8 bytes that bcrypt fully uses. */
    public static final int MAX_BYTES = 72;
    private static final int COST = 10;

    /**
     * A hash to verify against when the username does not exist, so a login for an unknown user costs the same
     * time as one with a wrong password and does not reveal which usernames exist.
     */
    private static final String DECOY = hash("decoy-password-never-matches");

    private PasswordHasher() {
    }

    public static String hash(String password) {
        return BCrypt.withDefaults().hashToString(COST, password.toCharArray());
    }

    public static boolean matches(String password, String hash) {
        if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BCrypt.verifyer().verify(password.toCharArray(), hash == null ? DECOY : hash).verified;
    }
}
