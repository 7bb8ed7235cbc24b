package dev.moddesk.server.review;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pre-signed media URLs. A media player (JavaFX Media) cannot send an Authorization header, so the URL itself carries
 * an expiry and an HMAC-SHA256 of key and expiry; {@code GET /api/v1/media/{key}?exp=&sig=} checks it.
 */
public final class MediaLinks {

    /** Keys are file names under the media root; nothing that could climb out of it. */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final byte[] secret;
    private final Duration validity;

    public MediaLinks(byte[] secret, Duration validity) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("media signing secret must have at least 16 bytes");
        }
        this.secret = secret.clone();
        this.validity = validity;
    }

    public static boolean validKey(String key) {
        return key != null && KEY.matcher(key).matches() && !key.contains("..");
    }

    /**
     * Where a player fetches a stored media reference: an https URL a platform hosts itself as it is, a key in the
     * media store as a signed server-relative URL.
     */
    public String link(String reference, Instant now) {
        return PlatformMediaUrl.isUrl(reference) ? reference : signedPath(reference, now);
    }

    /** A server-relative URL valid for the configured time from {@code now}. */
    public String signedPath(String key, Instant now) {
        if (!validKey(key)) {
            throw new IllegalArgumentException("bad media key: " + key);
        }
        long exp = now.plus(validity).getEpochSecond();
        return "/api/v1/media/" + key + "?exp=" + exp + "&sig=" + sign(key, exp);
    }

    public boolean verify(String key, String exp, String sig, Instant now) {
        if (!validKey(key) || exp == null || sig == null) {
            return false;
        }
        long expiry;
        try {
            expiry = Long.parseLong(exp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (now.getEpochSecond() > expiry) {
            return false;
        }
        return MessageDigest.isEqual(sign(key, expiry).getBytes(StandardCharsets.US_ASCII),
                sig.getBytes(StandardCharsets.US_ASCII));
    }

    private String sign(String key, long exp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((key + "\n" + exp).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
