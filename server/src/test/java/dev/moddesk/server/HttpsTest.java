package dev.moddesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.PemKeyStore;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code --tls-cert}/{@code --tls-key}: the server speaks HTTPS itself, from PEM files. */
class HttpsTest {
    private static TestCertificates certificates;

    @BeforeAll
    static void makeCertificates() {
        certificates = TestCertificates.create();
    }

    @Test
    void servesHttpsWithThePemCertificateAndAClientTrustingTheCaConnects() throws Exception {
        try (ModDeskServer server = start(certificates.serverChain(), certificates.serverKeyPkcs8())) {
            assertThat(server.baseUrl()).startsWith("https://127.0.0.1:");
            HttpClient trusting = HttpClient.newBuilder().sslContext(certificates.trustingCa()).build();

            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            HttpClient systemTrust = HttpClient.newHttpClient();
            assertThatThrownBy(() -> systemTrust.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("PKIX path building failed");
            assertThatThrownBy(() -> trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:"
                    + server.port() + "/health")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class).hasMessageContaining("localhost");
        }
    }

    @Test
    void readsPkcs1RsaAndSec1EcKeysToo() throws Exception {
        for (Path[] pair : new Path[][] {{certificates.serverChain(), certificates.serverKeyPkcs1()},
                {certificates.ecChain(), certificates.ecKeySec1()}}) {
            KeyStore store = PemKeyStore.load(pair[0], pair[1]);
            assertThat(store.getKey(PemKeyStore.ALIAS, PemKeyStore.PASSWORD)).isNotNull();
            try (ModDeskServer server = start(pair[0], pair[1])) {
                HttpClient trusting = HttpClient.newBuilder().sslContext(certificates.trustingCa()).build();
                assertThat(trusting.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aWrongFileStopsTheStartWithAMessageNamingIt() throws Exception {
        Path notAKey = Files.writeString(certificates.folder().resolve("not-a-key.pem"), "hello");
        assertThatThrownBy(() -> PemKeyStore.load(certificates.serverChain(), notAKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not-a-key.pem")
                .hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> PemKeyStore.load(certificates.serverChain(), certificates.ecKeySec1()))
                .hasMessageContaining("does not fit");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--port", "0", "--data-dir", certificates.folder().resolve("data").toString(),
            "--tls-cert", certificates.serverChain().toString(), "--tls-key", notAKey.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not-a-key.pem");
        assertThat(Main.run(new String[] {"--tls-cert", certificates.serverChain().toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    private static ModDeskServer start(Path chain, Path key) {
        return new ModDeskServer(ServerConfig.defaults(Database.Settings.h2InMemory("tls" + System.nanoTime()), null)
                .withPort(0).withTls(new ServerConfig.Tls(chain, key))).start();
    }
}
