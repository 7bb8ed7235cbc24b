package dev.moddesk.server.review;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for a media URL a platform hosts itself ({@code video.url}, {@code video.posterUrl}): https, on the
 * default port, no user info, no fragment, and a host an admin listed with {@code --media-host} (exact, case-insensitive;
 * no sub-domains). Anything else is refused at ingest; the console applies the same rule again before it fetches.
 */
final class PlatformMediaUrl {
    static final int MAX_LENGTH = 2000;

    private PlatformMediaUrl() {
    }

    /** Whether a stored media reference is such a URL rather than a key in the media store. */
    static boolean isUrl(String reference) {
        return reference != null && reference.regionMatches(true, 0, "https://", 0, 8);
    }

    /** {@code url} as stored, or an IllegalArgumentException naming {@code field} and saying what is wrong. */
    static String check(String field, String url, List<String> allowedHosts) {
        if (url.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(field + " is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\') {
                throw new IllegalArgumentException(field + " must not contain spaces, control characters or backslashes");
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(field + " is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException(field + " must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(field + " must not carry user info or a fragment");
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            throw new IllegalArgumentException(field + " must use the default https port");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !allowedHosts.contains(host)) {
            throw new IllegalArgumentException(field + "'s host is not one the server's --media-host option lists");
        }
        return url;
    }
}
