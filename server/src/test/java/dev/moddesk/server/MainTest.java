package dev.moddesk.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.server.core.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        assertThat(run("--help")).isZero();
        String help = out.toString(StandardCharsets.UTF_8);
        assertThat(help).contains("--port", "--bind", "--db-url", "--db-user", "--db-password", "--data-dir",
                "--sandbox", "--exit-on-stdin-eof", "--help", "--version", "7470", "127.0.0.1",
                "--login-limit-per-address <n>", "(default: 100; each username: 5)", "--allow-private-webhooks",
                "--trusted-proxy");
    }

    @Test
    void unknownOptionExitsWith2AndSaysWhy() {
        assertThat(run("--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown option --frobnicate");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badValuesExitWith2() {
        assertThat(run("--port", "seventy")).isEqualTo(2);
        assertThat(run("--port", "70000")).isEqualTo(2);
        assertThat(run("--port")).isEqualTo(2);
        assertThat(run("--db-url", "mysql://x")).isEqualTo(2);
        assertThat(run("--sandbox=yes")).isEqualTo(2);
        assertThat(run("--login-limit-per-address", "0")).isEqualTo(2);
        assertThat(run("--trusted-proxy", "proxy.example")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--port must be a number from 0 to 65535");
    }

    @Test
    void anAuditRetentionUnderSixMonthsIsRefusedWithTheReason() {
        assertThat(run("--retention-audit-days", "179")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--retention-audit-days",
                "at least 180 days", "Cybersecurity Law art. 21", "179 days was asked");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void retentionOptionsAreInTheHelpWithTheirDefaultsAndParse() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--retention-audit-days <n>",
                "(default: 180; never less", "--retention-held-messages-days <n>", "(default: 90)",
                "--retention-media-days <n>", "--retention-webhook-deliveries-days <n>",
                "--retention-ingest-events-days <n>", "(default: 30)");
        Main.Options options = Main.parse(new String[] {"--retention-audit-days=365", "--retention-media-days", "7",
                "--retention-held-messages-days", "60", "--retention-webhook-deliveries-days", "14",
                "--retention-ingest-events-days", "45"}, Map.of(), "Linux", Path.of("/home/li"));
        assertThat(options.retention().auditLog().toDays()).isEqualTo(365);
        assertThat(options.retention().decidedMedia().toDays()).isEqualTo(7);
        assertThat(options.retention().heldMessages().toDays()).isEqualTo(60);
        assertThat(options.retention().webhookDeliveries().toDays()).isEqualTo(14);
        assertThat(options.retention().ingestEvents().toDays()).isEqualTo(45);
        assertThat(run("--retention-media-days", "0")).isEqualTo(2);
        assertThat(run("--retention-media-days", "many")).isEqualTo(2);
    }

    @Test
    void theHeldDeadlineIsAnOptionInMinutes() throws Exception {
        assertThat(Main.parse(new String[] {}, Map.of(), "Linux", Path.of("/home/li")).heldDeadline())
                .isEqualTo(java.time.Duration.ofMinutes(10));
        assertThat(Main.parse(new String[] {"--held-deadline-minutes", "3"}, Map.of(), "Linux", Path.of("/home/li"))
                .heldDeadline()).isEqualTo(java.time.Duration.ofMinutes(3));
        assertThat(run("--held-deadline-minutes", "0")).isEqualTo(2);
        assertThat(run("--held-deadline-minutes", "1; rm -rf /")).isEqualTo(2);
    }

    @Test
    void versionPrintsTheVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("moddesk-server ");
    }

    @Test
    void parsesValuesInBothForms() throws Exception {
        Main.Options options = Main.parse(new String[] {"--port=0", "--bind", "0.0.0.0", "--sandbox",
                "--db-url", "jdbc:postgresql://db/moddesk", "--data-dir", "/tmp/md", "--exit-on-stdin-eof",
                "--login-limit-per-address=250", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy=fd00::/8"},
                Map.of(), "Linux", Path.of("/home/li"));
        assertThat(options.loginLimitPerAddress()).isEqualTo(250);
        assertThat(options.allowPrivateWebhooks()).isFalse();
        assertThat(Main.parse(new String[] {"--allow-private-webhooks"}, Map.of(), "Linux", Path.of("/home/li"))
                .allowPrivateWebhooks()).isTrue();
        assertThat(Main.parse(new String[0], Map.of(), "Linux", Path.of("/home/li")).loginLimitPerAddress())
                .isEqualTo(ServerConfig.DEFAULT_LOGIN_LIMIT_PER_ADDRESS);
        assertThat(options.port()).isZero();
        assertThat(options.bind()).isEqualTo("0.0.0.0");
        assertThat(options.sandbox()).isTrue();
        assertThat(options.exitOnStdinEof()).isTrue();
        assertThat(options.dbUrl()).isEqualTo("jdbc:postgresql://db/moddesk");
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/md"));
        assertThat(options.trustedProxies().ranges()).hasSize(2);
        assertThat(options.trustedProxies().clientAddress("10.1.1.1", java.util.List.of("198.51.100.4")))
                .isEqualTo("198.51.100.4");
        assertThatThrownBy(() -> Main.parse(new String[] {"--bind", ""}, Map.of(), "Linux", Path.of("/h")))
                .isInstanceOf(Main.UsageException.class);
    }

    @Test
    void idempotencyRetentionTakesDaysOrAnIsoDurationAndDefaultsToSevenDays() throws Exception {
        Path home = Path.of("/home/li");
        assertThat(Main.parse(new String[0], Map.of(), "Linux", home).idempotencyRetention())
                .isEqualTo(java.time.Duration.ofDays(7));
        assertThat(Main.parse(new String[] {"--idempotency-retention", "30"}, Map.of(), "Linux", home)
                .idempotencyRetention()).isEqualTo(java.time.Duration.ofDays(30));
        assertThat(Main.parse(new String[] {"--idempotency-retention=PT36H"}, Map.of(), "Linux", home)
                .idempotencyRetention()).isEqualTo(java.time.Duration.ofHours(36));
        assertThat(Main.parse(new String[] {"--idempotency-retention=p14d"}, Map.of(), "Linux", home)
                .idempotencyRetention()).isEqualTo(java.time.Duration.ofDays(14));
        for (String bad : new String[] {"0", "PT5M", "-P1D", "a week", "P99999D", "7d; rm -rf /"}) {
            assertThatThrownBy(() -> Main.parse(new String[] {"--idempotency-retention", bad}, Map.of(), "Linux",
                    home)).as(bad).isInstanceOf(Main.UsageException.class)
                    .hasMessageContaining("--idempotency-retention must be");
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--idempotency-retention", "(default: 7 days)");
    }

    @Test
    void sessionCacheSecondsAreAnOptionInTheHelp() throws Exception {
        Path home = Path.of("/home/li");
        assertThat(Main.parse(new String[0], Map.of(), "Linux", home).sessionCacheTrust())
                .isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(Main.parse(new String[] {"--session-cache-seconds", "0"}, Map.of(), "Linux", home)
                .sessionCacheTrust()).as("0 turns the cache off").isZero();
        assertThat(Main.parse(new String[] {"--session-cache-seconds=30"}, Map.of(), "Linux", home)
                .sessionCacheTrust()).isEqualTo(java.time.Duration.ofSeconds(30));
        for (String bad : new String[] {"-1", "301", "5s", ""}) {
            assertThatThrownBy(() -> Main.parse(new String[] {"--session-cache-seconds", bad}, Map.of(), "Linux",
                    home)).as(bad).isInstanceOf(Main.UsageException.class)
                    .hasMessageContaining("--session-cache-seconds must be");
        }
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--session-cache-seconds", "(default: 5; 0: no cache)");
    }

    @Test
    void dataFolderFollowsEachOperatingSystemsConvention() {
        Path home = Path.of("/home/li");
        assertThat(Main.defaultDataDir(Map.of(), "Linux", home)).isEqualTo(home.resolve(".local/share/moddesk"));
        assertThat(Main.defaultDataDir(Map.of("XDG_DATA_HOME", "/xdg"), "Linux", home))
                .isEqualTo(Path.of("/xdg/moddesk"));
        assertThat(Main.defaultDataDir(Map.of(), "Mac OS X", home))
                .isEqualTo(home.resolve("Library/Application Support/ModDesk"));
        assertThat(Main.defaultDataDir(Map.of("APPDATA", "/appdata"), "Windows 11", home))
                .isEqualTo(Path.of("/appdata", "ModDesk"));
    }
}
