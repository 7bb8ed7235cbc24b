package dev.moddesk.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.of("10.0.0.0/8", "192.168.1.7", "fd00::/8");

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(proxies.clientAddress("203.0.113.9", List.of("1.2.3.4"))).isEqualTo("203.0.113.9");
        assertThat(TrustedProxies.none().clientAddress("10.0.0.1", List.of("1.2.3.4"))).isEqualTo("10.0.0.1");
    }

    @Test
    void aTrustedPeerNamesTheClientAsTheRightMostUntrustedHop() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.4"))).isEqualTo("198.51.100.4");
        // a client wrote 1.2.3.4 itself; the proxy appended the address it really saw
        assertThat(proxies.clientAddress("10.1.2.3", List.of("1.2.3.4, 198.51.100.4, 192.168.1.7")))
                .isEqualTo("198.51.100.4");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("1.2.3.4", "198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(proxies.clientAddress("10.1.2.3", List.of("10.9.9.9, 10.8.8.8"))).isEqualTo("10.9.9.9");
        assertThat(proxies.clientAddress("10.1.2.3", List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void ipv6RangesAndForwardedAddressesWithPorts() {
        assertThat(proxies.clientAddress("fd12::1", List.of("[2001:db8::5]:4433"))).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(proxies.clientAddress("fe80::1", List.of("2001:db8::5"))).isEqualTo("fe80::1");
        assertThat(proxies.clientAddress("10.0.0.2", List.of("198.51.100.4:5100"))).isEqualTo("198.51.100.4");
        assertThat(TrustedProxies.of("::1/128").clientAddress("0:0:0:0:0:0:0:1", List.of("198.51.100.4")))
                .isEqualTo("198.51.100.4");
    }

    @Test
    void garbageStopsAtTheHopThatWroteIt() {
        assertThat(proxies.clientAddress("10.0.0.2", List.of("evil.example, 198.51.100.4"))).isEqualTo("198.51.100.4");
        assertThat(proxies.clientAddress("10.0.0.2", List.of("unknown"))).isEqualTo("10.0.0.2");
    }

    @Test
    void rangesMustBeLiteralAddresses() {
        assertThat(TrustedProxies.Range.parse("172.16.0.0/12").prefix()).isEqualTo(12);
        assertThatThrownBy(() -> TrustedProxies.Range.parse("proxy.example/8"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.Range.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.Range.parse("fd00::/129")).isInstanceOf(IllegalArgumentException.class);
    }
}
