package dev.moddesk.server.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.server.core.MediaSettings;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.review.MediaLinks;
import dev.moddesk.server.review.ReviewFeature;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestCertificates;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sandbox stores its clips as a real platform does: at start-up it uploads them through
 * {@code PUT /api/v1/platform/media/{key}} with its platform key, into the configured media folder (no class-path
 * store); a restart uploads again as replays. With {@code --tls-cert} it reaches its server over HTTPS by pinning the
 * server's own certificate ({@link SandboxHttp}).
 */
@ParameterizedClass
@EnumSource(Backend.class)
class SandboxMediaTest {

    @Parameter
    Backend backend;

    @TempDir
    Path mediaDir;

    @Test
    void theSandboxUploadsItsClipsThroughThePlatformRouteAndServesThemFromTheStore() throws Exception {
        try (TestServer server = TestServers.start(backend, c -> c.withSandbox(true).withSimRate(0)
                .withMedia(MediaSettings.defaults().withFolder(mediaDir)), List.of())) {
            assertThat(SandboxMedia.keys()).contains("hiking.mp4", "hiking.jpg").hasSize(12);
            for (String key : SandboxMedia.keys()) {
                try (InputStream bundled = getClass().getResourceAsStream("/sandbox/media/" + key)) {
                    assertThat(Files.readAllBytes(mediaDir.resolve(key))).as(key).isEqualTo(bundled.readAllBytes());
                }
            }
            String path = new MediaLinks(ReviewFeature.sharedSecret(server.server().services()), Duration.ofHours(1))
                    .signedPath("pets.mp4", server.server().services().clock().instant());
            HttpResponse<byte[]> played = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(played.statusCode()).isEqualTo(200);
            assertThat(played.body()).isEqualTo(Files.readAllBytes(mediaDir.resolve("pets.mp4")));
        }
        // A second start on the same folder: every upload is a replay of the same bytes; the files are not rewritten.
        Object inode = Files.getAttribute(mediaDir.resolve("hiking.mp4"), "unix:ino");
        try (TestServer again = TestServers.start(backend, c -> c.withSandbox(true).withSimRate(0)
                .withMedia(MediaSettings.defaults().withFolder(mediaDir)), List.of())) {
            assertThat(Files.getAttribute(mediaDir.resolve("hiking.mp4"), "unix:ino")).isEqualTo(inode);
            try (var staged = Files.list(mediaDir.resolve(".incoming"))) {
                assertThat(staged).isEmpty();
            }
        }
    }

    @Test
    void overHttpsWithAPrivateCaTheSandboxStillUploadsItsClips() throws Exception {
        // The JVM does not trust the test CA: only the pinned own certificate lets the sandbox reach its server.
        TestCertificates certificates = TestCertificates.create();
        try (TestServer server = TestServers.start(backend, c -> c.withSandbox(true).withSimRate(0)
                .withTls(new ServerConfig.Tls(certificates.serverChain(), certificates.serverKeyPkcs8()))
                .withMedia(MediaSettings.defaults().withFolder(mediaDir)), List.of())) {
            assertThat(server.baseUrl()).startsWith("https://");
            for (String key : SandboxMedia.keys()) {
                try (InputStream bundled = getClass().getResourceAsStream("/sandbox/media/" + key)) {
                    assertThat(Files.readAllBytes(mediaDir.resolve(key))).as(key).isEqualTo(bundled.readAllBytes());
                }
            }
        }
    }

    @Test
    void theSandboxClientTrustsOnlyItsOwnServersCertificate() throws Exception {
        TestCertificates certificates = TestCertificates.create();
        TestCertificates other = TestCertificates.create();
        try (TestServer server = TestServers.start(backend, c -> c.withSimRate(0)
                .withTls(new ServerConfig.Tls(certificates.serverChain(), certificates.serverKeyPkcs8())),
                List.of())) {
            HttpRequest health = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/health")).build();
            assertThat(SandboxHttp.client(new ServerConfig.Tls(certificates.serverChain(),
                    certificates.serverKeyPkcs8())).send(health, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            // A client pinned to another certificate (signed by another CA) refuses this server.
            assertThatThrownBy(() -> SandboxHttp.client(new ServerConfig.Tls(other.serverChain(),
                    other.serverKeyPkcs8())).send(health, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void theUploadsMeetTheRoutesChecksLikeAnyPlatformsDo() throws Exception {
        // Below the clips' size the upload route refuses them (413): the sandbox has no way around the route.
        try (TestServer server = TestServers.start(backend, c -> c.withSandbox(true).withSimRate(0)
                .withMedia(MediaSettings.defaults().withFolder(mediaDir).withMaxUploadBytes(1024)), List.of())) {
            assertThat(server.baseUrl()).isNotNull();
            for (String key : SandboxMedia.keys()) {
                assertThat(Files.exists(mediaDir.resolve(key))).as(key).isFalse();
            }
        }
    }
}
