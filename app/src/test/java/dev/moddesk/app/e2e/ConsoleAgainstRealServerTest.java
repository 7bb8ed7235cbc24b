package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.AuditQuery;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's API client against the real server process, as the sandbox command runs it. */
class ConsoleAgainstRealServerTest {
    @TempDir
    static Path dataDir;

    static RealServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(dataDir);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theConsoleAcceptsTheServersApiVersion() {
        ServerInfo info = server.client().checkCompatible().join();

        assertThat(info.apiVersion()).isEqualTo(ServerInfo.API_VERSION);
        assertThat(info.sandbox()).isTrue();
    }

    @Test
    void aWrongPasswordIsReportedAsBadCredentialsAndTheRightOneSignsIn() {
        ApiClient client = server.client();
        RealServerAccounts admin = RealServerAccounts.of(server, Role.ADMIN);

        assertThatThrownBy(() -> client.login(admin.username(), admin.password() + "x").join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(ApiException.find(e).orElseThrow().is(ProblemType.BAD_CREDENTIALS)).isTrue());
        assertThat(client.signedIn()).isFalse();

        Me me = client.login(admin.username(), admin.password()).join().me();
        assertThat(me.role()).isEqualTo(Role.ADMIN);
        assertThat(client.me().join().username()).isEqualTo(admin.username());
    }

    @Test
    void anAdminCreatesStaffAndTheAuditLogShowsIt() {
        ApiClient admin = server.signedIn(Role.ADMIN);

        StaffMember created = admin.createStaff(new CreateStaffRequest("e2e.reviewer", "成都审核员", "correct-horse-battery",
                Role.MODERATOR, List.of("成都"))).join();
        StaffMember promoted = admin.updateStaff(created.id(), new UpdateStaffRequest(null, Role.OPS, null)).join();

        assertThat(promoted.role()).isEqualTo(Role.OPS);
        assertThat(admin.staff().join()).extracting(StaffMember::username).contains("e2e.reviewer");
        Page<AuditEntry> page = admin.audit(new AuditQuery(null, "staff.create", "staff", Long.toString(created.id()),
                null, null, null, 20)).join();
        assertThat(page.items()).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo(server.account(Role.ADMIN).username());
            assertThat(entry.after()).containsEntry("username", "e2e.reviewer");
        });
    }

    @Test
    void aModeratorIsRefusedEveryAdminActionWithAReadableProblem() {
        ApiClient moderator = server.signedIn(Role.MODERATOR);

        assertThatThrownBy(() -> moderator.staff().join())
                .satisfies(e -> assertThat(ApiException.find(e).orElseThrow().is(ProblemType.FORBIDDEN)).isTrue());
        assertThatThrownBy(() -> moderator.createStaff(new CreateStaffRequest("sneaky", "x", "0123456789abc",
                Role.ADMIN, List.of())).join())
                .satisfies(e -> assertThat(ApiException.find(e).orElseThrow().is(ProblemType.FORBIDDEN)).isTrue());
        // A moderator still reads the audit log, limited to their own entries.
        Page<AuditEntry> own = moderator.audit(AuditQuery.firstPage(50)).join();
        assertThat(own.items()).isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.actor()).isEqualTo(server.account(Role.MODERATOR).username()));
    }

    @Test
    void disablingAnAccountEndsItsSessionAtOnce() {
        ApiClient admin = server.signedIn(Role.ADMIN);
        StaffMember victim = admin.createStaff(new CreateStaffRequest("e2e.leaver", "离职员工", "leaving-soon-123",
                Role.MODERATOR, List.of())).join();
        ApiClient leaver = server.client();
        leaver.login("e2e.leaver", "leaving-soon-123").join();
        assertThat(leaver.me().join().username()).isEqualTo("e2e.leaver");

        admin.disableStaff(victim.id()).join();

        assertThatThrownBy(() -> leaver.me().join())
                .satisfies(e -> assertThat(ApiException.find(e).orElseThrow().problemType())
                        .contains(ProblemType.UNAUTHORIZED));
        assertThatThrownBy(() -> server.client().login("e2e.leaver", "leaving-soon-123").join())
                .satisfies(e -> assertThat(ApiException.find(e).orElseThrow().is(ProblemType.ACCOUNT_DISABLED)).isTrue());
    }

    @Test
    void signingOutEndsTheToken() {
        ApiClient ops = server.signedIn(Role.OPS);

        ops.logout().join();

        assertThat(ops.signedIn()).isFalse();
        assertThat(server.running()).isTrue();
    }

    /** The seeded sandbox account of a role, as printed by the server. */
    private record RealServerAccounts(String username, String password) {
        static RealServerAccounts of(RealServer server, Role role) {
            var account = server.account(role);
            return new RealServerAccounts(account.username(), account.password());
        }
    }
}
