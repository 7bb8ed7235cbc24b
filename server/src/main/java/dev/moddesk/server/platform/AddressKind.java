package dev.moddesk.server.platform;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * What an IP address is, as far as sending webhooks goes. Only {@link #PUBLIC} addresses receive webhooks unless the
 * server runs with {@code --allow-private-webhooks}. An IPv6 address that carries an IPv4 one (IPv4-mapped
 * {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is what
 * the IPv4 address inside it is, because that is where a packet to it ends up.
 */
enum AddressKind {
    PUBLIC,
    /** 127.0.0.0/8, ::1. */
    LOOPBACK,
    /** 10/8, 172.16/12, 192.168/16, fc00::/7 (unique local), fec0::/10 (old site-local). */
    PRIVATE,
    /** 169.254/16 (where cloud metadata services live), fe80::/10. */
    LINK_LOCAL,
    /** 100.64/10, carrier-grade NAT: the provider's network, not the internet. */
    SHARED,
    /** 224/4, ff00::/8. */
    MULTICAST,
    /** 0.0.0.0/8, :: (connecting to them reaches this machine). */
    UNSPECIFIED,
    /** 240/4 (with 255.255.255.255), 192.0.0/24, 198.18/15, and IPv6 outside 2000::/3. */
    RESERVED;

    static AddressKind of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return ofIpv4(bytes);
        }
        byte[] inside = embeddedIpv4(bytes);
        return inside != null ? ofIpv4(inside) : ofIpv6(bytes);
    }

    private static AddressKind ofIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return UNSPECIFIED;
        }
        if (first == 127) {
            return LOOPBACK;
        }
        if (first == 10 || first == 172 && (second & 0xf0) == 16 || first == 192 && second == 168) {
            return PRIVATE;
        }
        if (first == 169 && second == 254) {
            return LINK_LOCAL;
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return SHARED;
        }
        if (first >= 224 && first <= 239) {
            return MULTICAST;
        }
        if (first >= 240 || first == 192 && second == 0 && b[2] == 0 || first == 198 && (second & 0xfe) == 18) {
            return RESERVED;
        }
        return PUBLIC;
    }

    private static AddressKind ofIpv6(byte[] b) {
        if (zero(b, 0, 15)) {
            return b[15] == 0 ? UNSPECIFIED : b[15] == 1 ? LOOPBACK : RESERVED;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return MULTICAST;
        }
        if ((first & 0xfe) == 0xfc || first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        return (first & 0xe0) == 0x20 ? PUBLIC : RESERVED;
    }

    /** The IPv4 address an IPv6 address carries, or null. */
    private static byte[] embeddedIpv4(byte[] b) {
        boolean mapped = zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zero(b, 0, 12) && !zero(b, 12, 15);
        boolean nat64 = b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && zero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        if ((b[0] & 0xff) == 0x20 && b[1] == 0x02) {
            return Arrays.copyOfRange(b, 2, 6);
        }
        return null;
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
