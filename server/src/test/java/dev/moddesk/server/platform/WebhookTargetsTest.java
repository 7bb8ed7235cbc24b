package dev.moddesk.server.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.server.core.ProblemException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which addresses webhooks may go to, with a resolver that answers from a table (no DNS, no traffic). */
class WebhookTargetsTest {

    private static HostResolver table(Map<String, List<String>> answers) {
        return host -> {
            List<String> found = answers.get(host);
            if (found == null) {
                throw new UnknownHostException(host);
            }
            return found.stream().map(InetAddress::ofLiteral).toList();
        };
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, LOOPBACK", "127.255.1.2, LOOPBACK", "::1, LOOPBACK", "10.0.0.1, PRIVATE",
            "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.0.10, PRIVATE", "fc00::1, PRIVATE",
            "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE", "169.254.169.254, LINK_LOCAL", "fe80::1, LINK_LOCAL",
            "100.64.0.1, SHARED", "100.127.255.254, SHARED", "224.0.0.1, MULTICAST", "239.1.2.3, MULTICAST",
            "ff02::1, MULTICAST", "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
            "255.255.255.255, RESERVED", "240.0.0.1, RESERVED", "198.18.0.1, RESERVED", "::ffff:127.0.0.1, LOOPBACK",
            "::ffff:a9fe:a9fe, LINK_LOCAL", "::10.0.0.1, PRIVATE", "64:ff9b::a9fe:a9fe, LINK_LOCAL",
            "2002:7f00:1::1, LOOPBACK", "2002:c0a8:101::1, PRIVATE", "93.184.216.34, PUBLIC", "8.8.8.8, PUBLIC",
            "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC", "169.255.0.1, PUBLIC", "2606:4700::1111, PUBLIC",
            "2002:5db8:d822::1, PUBLIC"})
    void everyAddressHasItsKind(String address, AddressKind kind) {
        assertThat(AddressKind.of(InetAddress.ofLiteral(address))).isEqualTo(kind);
    }

    @Test
    void anIpv4MappedAddressKeptInItsIpv6FormIsWhatItCarries() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(AddressKind.of(address)).isEqualTo(AddressKind.LOOPBACK);
    }

    @Test
    void everyAddressTheNameResolvesToIsChecked() {
        WebhookTargets targets = new WebhookTargets(table(Map.of(
                "hooks.example.com", List.of("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"),
                "mixed.example.com", List.of("93.184.216.34", "10.1.2.3"),
                "mapped.example.com", List.of("::ffff:169.254.169.254"))), false);

        assertThat(targets.check("https://hooks.example.com/hook").getHost()).isEqualTo("hooks.example.com");
        assertThatThrownBy(() -> targets.check("https://mixed.example.com/hook"))
                .isInstanceOf(WebhookUrlRefused.class).hasMessageContaining("10.1.2.3").hasMessageContaining("private");
        assertThatThrownBy(() -> targets.check("https://mapped.example.com/hook"))
                .isInstanceOf(WebhookUrlRefused.class).hasMessageContaining("169.254.169.254");
        assertThatThrownBy(() -> targets.check("https://nowhere.example.com/hook"))
                .isInstanceOf(WebhookUrlRefused.class).hasMessageContaining("nowhere.example.com");
    }

    @Test
    void addressLiteralsInEveryFormAreCheckedWithoutAskingTheResolver() {
        WebhookTargets targets = new WebhookTargets(host -> {
            throw new AssertionError("a literal went to DNS: " + host);
        }, false);
        for (String url : List.of("https://2130706433/", "https://[::ffff:127.0.0.1]/", "https://0.0.0.0/",
                "https://017700000001/", "https://[::]/")) {
            assertThatThrownBy(() -> targets.check(url)).as(url).isInstanceOf(WebhookUrlRefused.class)
                    .satisfies(e -> assertThat(((ProblemException) e).fieldErrors()).extracting("field")
                            .containsExactly("url"));
        }
        assertThat(targets.check("https://93.184.216.34:8443/hook").getPort()).isEqualTo(8443);
    }

    @Test
    void plainHttpNeedsTheOptionAndTheOptionAllowsPrivateAddresses() throws Exception {
        WebhookTargets strict = new WebhookTargets(table(Map.of()), false);
        WebhookTargets open = new WebhookTargets(table(Map.of("receiver.lan", List.of("192.168.1.20"))), true);

        assertThatThrownBy(() -> strict.check("http://93.184.216.34/hook")).isInstanceOf(WebhookUrlRefused.class)
                .hasMessageContaining("https");
        assertThat(open.check("http://127.0.0.1:9/hook").getPort()).isEqualTo(9);
        assertThat(open.addresses("receiver.lan")).extracting(InetAddress::getHostAddress)
                .containsExactly("192.168.1.20");
        assertThatThrownBy(() -> strict.addresses("127.0.0.1")).isInstanceOf(WebhookTargets.Refused.class);
    }

    @Test
    void theRefusalReadsInChinese() {
        WebhookTargets targets = new WebhookTargets(table(Map.of()), false);
        assertThatThrownBy(() -> targets.check("https://169.254.169.254/latest"))
                .isInstanceOfSatisfying(WebhookUrlRefused.class, e -> assertThat(e.detail(Locale.SIMPLIFIED_CHINESE))
                        .contains("169.254.169.254", "链路本地", "--allow-private-webhooks"));
    }
}
