package dev.moddesk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.lifecycle.BackupResult;
import dev.moddesk.server.ModDeskServer;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.PasswordHasher;
import dev.moddesk.server.staff.StaffStore;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/backup.md's H2 path: an online backup through the admin route, restored by unzipping into a new folder. */
class BackupsTest {

    @TempDir
    Path dataDir;

    @TempDir
    Path restoredDir;

    @Test
    void anOnlineH2BackupRestoresIntoAServerWithTheSameData() throws Exception {
        BackupResult backup;
        ModDeskServer server = new ModDeskServer(ServerConfig.defaults(Database.Settings.h2File(dataDir), dataDir)
                .withPort(0)).start();
        try {
            server.services().database().jdbi().useTransaction(h -> new StaffStore().insert(h, "backup-admin",
                    "Backup admin", PasswordHasher.hash(TestServer.PASSWORD), Role.ADMIN, List.of(),
                    server.services().clock().instant()));
            TestClient admin = login(server.baseUrl(), "backup-admin");
            TestClient.Response answer = admin.post("/api/v1/lifecycle/backups", null);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            backup = answer.as(BackupResult.class);
            assertThat(backup.file()).matches("moddesk-\\d{8}-\\d{6}\\.zip");
            assertThat(admin.get("/api/v1/audit?action=lifecycle.backup").json().path("items")).hasSize(1);
        } finally {
            server.stop();
        }
        Path zip = dataDir.resolve("backups").resolve(backup.file());
        assertThat(Files.size(zip)).isEqualTo(backup.bytes());
        unzip(zip, restoredDir);
        ModDeskServer restored = new ModDeskServer(ServerConfig.defaults(Database.Settings.h2File(restoredDir),
                restoredDir).withPort(0)).start();
        try {
            assertThat(login(restored.baseUrl(), "backup-admin").get("/api/v1/me").status()).isEqualTo(200);
        } finally {
            restored.stop();
        }
    }

    /**
     * The command on a stopped server's folder. (That it refuses a folder a running server holds is H2's file lock
     * across processes, error 90020; inside one JVM H2 shares the open database instead, so it is not tested here.)
     */
    @Test
    void theOfflineCommandBacksUpAStoppedServersDatabase() throws Exception {
        new ModDeskServer(ServerConfig.defaults(Database.Settings.h2File(dataDir), dataDir).withPort(0)).start().stop();
        Path zip = restoredDir.resolve("offline.zip");
        assertThat(run(new ByteArrayOutputStream(), "backup", "--to", zip.toString(), "--data-dir",
                dataDir.toString())).isZero();
        assertThat(Files.size(zip)).isPositive();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "backup", "--to", zip.toString(), "--data-dir", dataDir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("exists already");
        assertThat(run(new ByteArrayOutputStream(), "backup", "--data-dir", dataDir.toString())).isEqualTo(2);
        assertThat(run(new ByteArrayOutputStream(), "backup", "--to", restoredDir.resolve("x.zip").toString(),
                "--db-url", "jdbc:postgresql://db/x")).isEqualTo(2);
    }

    @Test
    void aPostgresServerSaysToUsePgDump() {
        try (TestServer server = TestServers.start(Backend.POSTGRES)) {
            TestClient.Response answer = server.as(Role.ADMIN).post("/api/v1/lifecycle/backups", null);
            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.problem().detail()).contains("pg_dump");
        }
    }

    private static int run(ByteArrayOutputStream err, String... args) {
        return dev.moddesk.server.MainAccess.run(args, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static TestClient login(String baseUrl, String username) {
        TestClient.Response r = new TestClient(baseUrl, null).post("/api/v1/session",
                new LoginRequest(username, TestServer.PASSWORD));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return new TestClient(baseUrl, r.json().path("token").asText());
    }

    private static void unzip(Path zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).isTrue();
                Files.copy(in, target);
            }
        }
    }
}
