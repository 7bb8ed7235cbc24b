package dev.moddesk.contract.platform;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies the {@code ModDesk-Signature} header of webhook deliveries:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}.
 *
 * <p>A receiver verifies with the endpoint's secret, the header and the raw body bytes exactly as received (before
 * any JSON parsing), and rejects the request when {@link #verify} is false. The timestamp is signed too, so an
 * attacker cannot replay an old delivery with a fresh timestamp; the tolerance bounds how old a delivery may be.
 * Several {@code v1} entries may appear (one per valid secret while a secret is rotated); one match is enough.
 */
public final class WebhookSignature {

    public static final String HEADER = "ModDesk-Signature";
    public static final String ACTION_ID_HEADER = "ModDesk-Action-Id";
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private WebhookSignature() {
    }

    /** The hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String sign(String secret, long timestamp, byte[] body) {
        requireSecret(secret);
        Mac mac = mac(secret);
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(mac.doFinal(body));
    }

    public static String sign(String secret, long timestamp, String body) {
        return sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The complete header value, {@code t=...,v1=...}. */
    public static String header(String secret, long timestamp, byte[] body) {
        return "t=" + timestamp + ",v1=" + sign(secret, timestamp, body);
    }

    public static String header(String secret, long timestamp, String body) {
        return header(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * True when {@code header} carries a valid signature of {@code body} under {@code secret} and its timestamp is
     * within {@code tolerance} of {@code now} (either direction, for clock skew). Never throws on a malformed header.
     */
    public static boolean verify(String secret, String header, byte[] body, Instant now, Duration tolerance) {
        if (secret == null || secret.isEmpty() || header == null || body == null || now == null || tolerance == null) {
            return false;
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return false;
        }
        long skew = Math.abs(now.getEpochSecond() - timestamp);
        if (skew > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String signature : signatures) {
            // MessageDigest.isEqual runs in time independent of where the first difference is.
            match |= MessageDigest.isEqual(expected, signature.toLowerCase().getBytes(StandardCharsets.US_ASCII));
        }
        return match;
    }

    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        return body != null && verify(secret, header, body.getBytes(StandardCharsets.UTF_8), now, tolerance);
    }

    private static void requireSecret(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret is required");
        }
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
