package dev.moddesk.server.review;

import dev.moddesk.server.platform.IngestPayload;
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

    /** The URL in {@code field} of {@code video} as stored, or a keyed 422 naming the field and what is wrong. */
    static String check(IngestPayload video, String field, List<String> allowedHosts) {
        String url = video.string(field, MAX_LENGTH);
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\') {
                throw video.refuse(field, "review.ingest.mediaUrl.characters");
            }
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw video.refuse(field, "review.ingest.mediaUrl.notUrl");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw video.refuse(field, "review.ingest.mediaUrl.https");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw video.refuse(field, "review.ingest.mediaUrl.userInfo");
        }
        if (uri.getPort() != -1 && uri.getPort() != 443) {
            throw video.refuse(field, "review.ingest.mediaUrl.port");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || !allowedHosts.contains(host)) {
            throw video.refuse(field, "review.ingest.mediaUrl.host");
        }
        return url;
    }
}
