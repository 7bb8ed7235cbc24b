package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.testing.FakeSandboxJar;
import dev.moddesk.contract.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher against a stand-in jar that prints the server's documented stdout lines. */
class SandboxServerTest {
    @TempDir
    Path dir;

    @Test
    void startsReadsAccountsAndUrlThenStopsTheProcess() throws Exception {
        Path jar = FakeSandboxJar.write(dir);
        SandboxServer server = SandboxServer.start(jar, dir.resolve("data"), Duration.ofSeconds(60));
        try {
            assertThat(server.url()).startsWith("http://");
            assertThat(server.accounts()).extracting(SandboxServer.Account::role)
                    .containsExactly(Role.ADMIN, Role.OPS, Role.MODERATOR);
            SandboxServer.Account admin = server.account(Role.ADMIN).orElseThrow();
            ApiClient api = new ApiClient(ApiClient.parseServerUrl(server.url()), ApiClient.defaultHttpClient(), Json.mapper());
            assertThat(new SessionApi(api).login(admin.username(), admin.password()).get(20, TimeUnit.SECONDS).me().role()).isEqualTo(Role.ADMIN);
            assertThat(admin.toString()).doesNotContain(admin.password());
        } finally {
            server.close();
        }
        assertThat(server.running()).isFalse();
    }

    @Test
    void missingJarSaysHowToBuildIt() {
        assertThatThrownBy(() -> SandboxServer.start(dir.resolve("nope.jar"), dir, Duration.ofSeconds(5)))
                .isInstanceOf(SandboxServer.StartException.class)
                .hasMessageContaining("server jar is missing").hasMessageContaining("nope.jar");
    }

    @Test
    void aServerThatDiesBeforeListeningIsReportedWithItsOutput() throws Exception {
        Path jar = FakeSandboxJar.write(dir);
        Path data = dir.resolve("data");
        java.nio.file.Files.createDirectories(data);
        java.nio.file.Files.writeString(data.resolve("FAIL"), "x");
        assertThatThrownBy(() -> SandboxServer.start(jar, data, Duration.ofSeconds(60)))
                .isInstanceOf(SandboxServer.StartException.class)
                .hasMessageContaining("stopped before it was ready")
                .satisfies(e -> assertThat(((SandboxServer.StartException) e).output()).contains("error: database locked"));
    }

    @Test
    void parsesTheDocumentedLines() {
        var m = SandboxServer.ACCOUNT.matcher("sandbox account: ops / Zq9-x_ (OPS)");
        assertThat(m.find()).isTrue();
        assertThat(m.group(2)).isEqualTo("Zq9-x_");
        var l = SandboxServer.LISTENING.matcher("ModDesk server listening on http://127.0.0.1:53211");
        assertThat(l.find()).isTrue();
        assertThat(l.group(1)).isEqualTo("http://127.0.0.1:53211");
    }
}
