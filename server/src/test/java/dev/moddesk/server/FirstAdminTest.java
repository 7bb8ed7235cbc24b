package dev.moddesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.staff.StaffFeature;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A deployment without {@code --sandbox} starts with no staff: {@code admin create} makes the first account against
 * the configured database, and a server without staff says how, once, at WARN.
 */
class FirstAdminTest {
    private static final String PG_URL = System.getProperty("moddesk.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PG_USER = System.getProperty("moddesk.test.postgresUser", "postgres");
    private static final String PASSWORD = "a long first password";

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final List<String> schemas = new ArrayList<>();
    private Logger staffLog;

    @BeforeEach
    void listen() {
        staffLog = (Logger) LoggerFactory.getLogger(StaffFeature.class);
        warnings.start();
        staffLog.addAppender(warnings);
    }

    @AfterEach
    void dropSchemas() throws Exception {
        staffLog.detachAppender(warnings);
        for (String schema : schemas) {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void adminCreateMakesAnAccountThatSignsInOverHttp(Backend backend) throws Exception {
        List<String> dbOptions = dbOptions(backend);
        List<String> args = new ArrayList<>(List.of("admin", "create", "--username", "chief", "--role", "ADMIN",
                "--display-name", "The Chief"));
        args.addAll(dbOptions);

        int code = run(args, PASSWORD + "\n");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("chief").contains("ADMIN");
        try (ModDeskServer server = new ModDeskServer(ServerConfig.defaults(settings(backend), dataDir)
                .withPort(0)).start()) {
            TestClient client = new TestClient(server.baseUrl(), null);
            TestClient.Response login = client.post("/api/v1/session", new LoginRequest("chief", PASSWORD));
            assertThat(login.status()).as(login.toString()).isEqualTo(201);
            SessionToken token = login.as(SessionToken.class);
            assertThat(token.me().role()).isEqualTo(Role.ADMIN);
            assertThat(token.me().displayName()).isEqualTo("The Chief");
            JsonNode audit = client.withToken(token.token()).get("/api/v1/audit?action=staff.create").json();
            assertThat(audit.path("items").get(0).path("actor").asText()).isEqualTo("cli");
        }
        assertThat(warnings()).as("a server with staff does not warn").isEmpty();
    }

    @Test
    void aPasswordTheStaffApiRefusesIsRefusedAndNothingIsCreated() throws Exception {
        int code = run(List.of("admin", "create", "--username", "chief", "--role", "ADMIN", "--data-dir",
                dataDir.toString()), "short\n");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("password").contains("at least 10");
        try (ModDeskServer server = new ModDeskServer(ServerConfig.defaults(Database.Settings.h2File(dataDir),
                dataDir).withPort(0)).start()) {
            assertThat(warnings()).hasSize(1);
        }
    }

    @Test
    void badCommandLinesExitWith2() {
        assertThat(run(List.of("admin", "create", "--role", "ADMIN"), "")).isEqualTo(2);
        assertThat(run(List.of("admin", "create", "--username", "chief", "--role", "KING"), "")).isEqualTo(2);
        assertThat(run(List.of("admin", "create", "--username", "chief", "--role", "ADMIN", "--port", "1"), ""))
                .isEqualTo(2);
        assertThat(run(List.of("admin", "frobnicate"), "")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--username is required");
    }

    @Test
    void aServerWithNoStaffSaysHowToCreateTheFirstAccount() {
        try (TestServer server = TestServers.start(Backend.H2)) {
            assertThat(warnings()).singleElement().satisfies(line -> assertThat(line)
                    .contains("No staff account exists")
                    .contains("admin create --username NAME --role ADMIN"));
        }
    }

    @Test
    void aServerWithStaffDoesNotWarn() {
        try (TestServer server = TestServers.start(Backend.H2, config -> config.withSandbox(true).withSimRate(0),
                List.of())) {
            assertThat(server.server().sandboxAccounts()).isNotEmpty();
            assertThat(warnings()).isEmpty();
        }
    }

    @Test
    void helpShowsTheAdminCommand() {
        assertThat(run(List.of("--help"), "")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("admin create --username <name> --role <role>", "--display-name");
    }

    private List<String> warnings() {
        return warnings.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private int run(List<String> args, String stdin) {
        return Main.run(args.toArray(String[]::new), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String schema;

    private List<String> dbOptions(Backend backend) throws Exception {
        if (backend == Backend.H2) {
            return List.of("--data-dir", dataDir.toString());
        }
        schema = "fa_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        sql("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return List.of("--db-url", pgUrl(), "--db-user", PG_USER, "--data-dir", dataDir.toString());
    }

    private Database.Settings settings(Backend backend) {
        return backend == Backend.H2 ? Database.Settings.h2File(dataDir)
                : new Database.Settings(pgUrl(), PG_USER, null);
    }

    private String pgUrl() {
        return PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, null); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
