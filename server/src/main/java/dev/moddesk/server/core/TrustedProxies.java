package dev.moddesk.server.core;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Which direct peers may say who the client is. Behind a reverse proxy every connection comes from the proxy, so the
 * login throttle and the audit log would see one address for all staff; {@code X-Forwarded-For} fixes that, but any
 * client can send it. So it is read only when the peer is in one of these ranges, and then from the right: each
 * trusted hop appends the address it saw, so the right-most address that is not itself a trusted proxy is the
 * client (whatever a client wrote further left is ignored).
 */
public record TrustedProxies(List<Range> ranges) {

    /** One CIDR range, IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is a /32 or /128). */
    public record Range(byte[] network, int prefix) {
        public Range {
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("prefix out of range");
            }
            network = network.clone();
        }

        /** Parses {@code address[/prefix]}; the address must be a literal (no name lookups). */
        public static Range parse(String cidr) {
            String text = cidr.strip();
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("not an IP address range: " + cidr);
            }
            byte[] bytes = address.getAddress();
            int prefix = bytes.length * 8;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an IP address range: " + cidr);
                }
                if (prefix < 0 || prefix > bytes.length * 8) {
                    throw new IllegalArgumentException("prefix of " + cidr + " must be 0-" + bytes.length * 8);
                }
            }
            return new Range(bytes, prefix);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    public TrustedProxies {
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
    }

    /** No proxy is trusted: the client address is always the peer's. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public static TrustedProxies of(String... cidrs) {
        return new TrustedProxies(java.util.Arrays.stream(cidrs).map(Range::parse).toList());
    }

    /**
     * The client's address: {@code peer} unless it is trusted, else the right-most {@code X-Forwarded-For} address
     * that is not trusted (the left-most when every one is). An entry that is not an address stops the walk at the
     * hop that wrote it. {@code forwardedFor} holds the header's values in order (a header may repeat).
     */
    public String clientAddress(String peer, List<String> forwardedFor) {
        InetAddress current = literal(peer);
        if (current == null || ranges.isEmpty() || !trusts(current) || forwardedFor == null) {
            return peer;
        }
        List<String> hops = forwardedFor.stream().flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip).filter(hop -> !hop.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0 && trusts(current); i--) {
            InetAddress hop = literal(withoutPort(hops.get(i)));
            if (hop == null) {
                break;
            }
            current = hop;
        }
        return current.getHostAddress();
    }

    private boolean trusts(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code [v6]:port} and {@code v4:port} as some proxies write them, else the text itself. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || text.toLowerCase(Locale.ROOT).equals("unknown")) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
