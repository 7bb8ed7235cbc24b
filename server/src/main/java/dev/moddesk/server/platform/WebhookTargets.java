package dev.moddesk.server.platform;

import dev.moddesk.server.core.ProblemException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may go. Unless the server runs with {@code --allow-private-webhooks}, an endpoint must be https and
 * every address its host resolves to must be {@link AddressKind#PUBLIC}, or a webhook would make the server send
 * requests into its own network (cloud metadata at 169.254.169.254, admin ports on loopback). The check runs when an
 * endpoint is saved (a 422 naming {@code url}) and again before every delivery: the delivery client resolves names
 * only through {@link #addresses}, so it connects to exactly the addresses that were checked, even when the DNS
 * answer changed after the endpoint was saved.
 */
final class WebhookTargets {

    private static final int MAX_URL_LENGTH = 2000;

    private final HostResolver resolver;
    private final boolean allowPrivate;

    WebhookTargets(HostResolver resolver, boolean allowPrivate) {
        this.resolver = resolver;
        this.allowPrivate = allowPrivate;
    }

    /** Save time: the endpoint's URL; a malformed or refused one is a keyed 422 naming {@code url}. */
    URI check(String url) {
        URI uri = parse(url);
        try {
            addresses(uri.getHost());
            requireScheme(uri);
        } catch (Refused e) {
            throw WebhookUrlRefused.of(e.key, e.args);
        } catch (UnknownHostException e) {
            throw WebhookUrlRefused.of("platform.webhookHostUnknown", List.of(uri.getHost()));
        }
        return uri;
    }

    /**
     * The addresses of {@code host} (a name, or an address literal in any form a C library accepts, e.g.
     * {@code 2130706433}), each of them allowed; otherwise {@link Refused}. The delivery client's DNS.
     */
    List<InetAddress> addresses(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress literal = literal(bare);
        List<InetAddress> found = literal != null ? List.of(literal) : resolver.resolve(bare);
        if (found.isEmpty()) {
            throw new UnknownHostException(bare);
        }
        if (!allowPrivate) {
            for (InetAddress address : found) {
                AddressKind kind = AddressKind.of(address);
                if (kind != AddressKind.PUBLIC) {
                    throw new Refused("platform.webhookAddressRefused",
                            List.of(bare, address.getHostAddress(), kind));
                }
            }
        }
        return found;
    }

    /**
     * Before each delivery: the scheme, and a host given as an address (the client never asks {@link #addresses}
     * about a literal, so it is checked here).
     */
    void checkBeforeSending(URI uri) throws UnknownHostException {
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (literal(bare) != null) {
            addresses(host);
        }
        requireScheme(uri);
    }

    /** Plain http only for a platform on the same private network: on the internet the body could be read. */
    private void requireScheme(URI uri) throws Refused {
        if (!allowPrivate && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new Refused("platform.webhookNeedsHttps", List.of());
        }
    }

    /** {@code host} as an address when it is written as one, else null (a name, resolved by DNS). */
    private static InetAddress literal(String host) {
        try {
            return host.indexOf(':') >= 0 ? InetAddress.ofLiteral(host) : Inet4Address.ofPosixLiteral(host);
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw ProblemException.invalid("url", "platform.field.urlLength", MAX_URL_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw ProblemException.invalid("url", "platform.field.urlSyntax", e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null
                || uri.getFragment() != null) {
            throw ProblemException.invalid("url", "platform.field.urlKind");
        }
        return uri;
    }

    /**
     * The server will not send to this target. An {@link UnknownHostException} because the delivery client's DNS may
     * only throw that; its message is the English text, recorded as the delivery's error.
     */
    static final class Refused extends UnknownHostException {
        private final String key;
        private final transient List<Object> args;

        Refused(String key, List<Object> args) {
            super(WebhookUrlRefused.of(key, args).getMessage());
            this.key = key;
            this.args = args;
        }
    }
}
