package dev.moddesk.app.api;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Where the console may fetch an application's video or poster from. The URL comes from a platform (through the
 * server), so it is hostile until checked: only the server itself (a server-relative signed link, or an absolute URL
 * with the server's scheme, host and port) or an https URL on the default port, without user info, whose host is
 * exactly one the server's admin listed ({@code --media-host}, read from {@code GET /api/v1/review/media-hosts}).
 * Nothing else is ever requested: not http, not another port, not a look-alike or sub-domain, not {@code file:}.
 */
public final class MediaAddresses {

    private MediaAddresses() {
    }

    /** The URL to fetch {@code url} from, or empty when it must not be fetched. */
    public static Optional<HttpUrl> allowed(HttpUrl server, List<String> hosts, String url) {
        if (server == null || url == null || url.isBlank() || url.length() > 4096) {
            return Optional.empty();
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '\\') {
                return Optional.empty(); // parsers disagree about these (a backslash is a slash to OkHttp)
            }
        }
        HttpUrl resolved = server.resolve(url);
        if (resolved == null) {
            return Optional.empty();
        }
        if (resolved.scheme().equals(server.scheme()) && resolved.host().equals(server.host())
                && resolved.port() == server.port() && resolved.username().isEmpty() && resolved.password().isEmpty()) {
            return Optional.of(resolved);
        }
        boolean listedHost = hosts != null && hosts.stream().anyMatch(h -> h.toLowerCase(Locale.ROOT)
                .equals(resolved.host()));
        if (!resolved.isHttps() || resolved.port() != 443 || !resolved.username().isEmpty()
                || !resolved.password().isEmpty() || !listedHost) {
            return Optional.empty();
        }
        return Optional.of(resolved);
    }
}
