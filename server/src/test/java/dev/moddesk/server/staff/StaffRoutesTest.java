package dev.moddesk.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class StaffRoutesTest {
    static TestServer server;
    static TestClient admin;
    static final AtomicInteger names = new AtomicInteger();

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServers.start(backend);
        admin = server.as(Role.ADMIN);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    private static String freshName() {
        return "zhang.min" + names.incrementAndGet();
    }

    private static StaffMember create(String username, Role role, List<String> cities) {
        TestClient.Response response = admin.post("/api/v1/staff",
                new CreateStaffRequest(username, "张敏", TestServer.PASSWORD, role, cities));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.as(StaffMember.class);
    }

    private static List<AuditEntry> audit(String action, long targetId) {
        return admin.get("/api/v1/audit?action=" + action + "&targetType=staff&targetId=" + targetId)
                .as(new TypeReference<Page<AuditEntry>>() { }).items();
    }

    @Test
    void createdAccountIsListedAndCanSignIn() {
        String username = freshName();
        StaffMember created = create(username, Role.MODERATOR, List.of("北京", "上海"));
        assertThat(created.username()).isEqualTo(username);
        assertThat(created.displayName()).isEqualTo("张敏");
        assertThat(created.cityScopes()).containsExactly("北京", "上海");
        assertThat(created.disabled()).isFalse();

        List<StaffMember> all = admin.get("/api/v1/staff").as(new TypeReference<List<StaffMember>>() { });
        assertThat(all).extracting(StaffMember::username).contains(username);
        assertThat(admin.get("/api/v1/staff").body()).doesNotContain("password").doesNotContain("$2a$");
        assertThat(server.login(username, TestServer.PASSWORD).get("/api/v1/me").status()).isEqualTo(200);

        List<AuditEntry> entries = audit("staff.create", created.id());
        assertThat(entries).hasSize(1);
        assertThat(entries.getFirst().actor()).isEqualTo("t-admin");
        assertThat(entries.getFirst().before()).isNull();
        assertThat(entries.getFirst().after()).containsEntry("username", username).doesNotContainKey("passwordHash");
    }

    @Test
    void takenUsernameIs409AndWritesNoAuditEntry() {
        String username = freshName();
        create(username, Role.OPS, List.of());
        long creates = countCreates();
        TestClient.Response again = admin.post("/api/v1/staff",
                new CreateStaffRequest(username, null, TestServer.PASSWORD, Role.OPS, null));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problem().type()).isEqualTo(ProblemType.CONFLICT.uri().toString());
        assertThat(countCreates()).isEqualTo(creates);
    }

    private static long countCreates() {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'staff.create'").mapTo(Long.class).one());
    }

    @Test
    void invalidFieldsAre422ListingEachField() {
        TestClient.Response response = admin.post("/api/v1/staff",
                new CreateStaffRequest("No Spaces!", null, "short", null, List.of("成都", "", "成都")));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problem().errors()).extracting(FieldError::field)
                .containsExactlyInAnyOrder("username", "password", "role", "cityScopes[1]", "cityScopes[2]");
    }

    @Test
    void updateChangesOnlyGivenFieldsAndRecordsBeforeAndAfter() {
        StaffMember created = create(freshName(), Role.MODERATOR, List.of("杭州"));
        TestClient.Response response = admin.patch("/api/v1/staff/" + created.id(),
                new UpdateStaffRequest(null, Role.OPS, null));
        assertThat(response.status()).isEqualTo(200);
        StaffMember updated = response.as(StaffMember.class);
        assertThat(updated.role()).isEqualTo(Role.OPS);
        assertThat(updated.displayName()).isEqualTo("张敏");
        assertThat(updated.cityScopes()).containsExactly("杭州");

        AuditEntry entry = audit("staff.update", created.id()).getFirst();
        assertThat(entry.before()).containsEntry("role", "MODERATOR");
        assertThat(entry.after()).containsEntry("role", "OPS");
    }

    @Test
    void disablingEndsTheAccountsSessionsAtOnce() {
        StaffMember created = create(freshName(), Role.MODERATOR, List.of());
        TestClient theirs = server.login(created.username(), TestServer.PASSWORD);
        assertThat(theirs.get("/api/v1/me").status()).isEqualTo(200);

        TestClient.Response disabled = admin.post("/api/v1/staff/" + created.id() + "/disable", Map.of());
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.as(StaffMember.class).disabled()).isTrue();
        assertThat(theirs.get("/api/v1/me").status()).isEqualTo(401);

        TestClient.Response login = server.client().post("/api/v1/session",
                Map.of("username", created.username(), "password", TestServer.PASSWORD));
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.problem().type()).isEqualTo(ProblemType.ACCOUNT_DISABLED.uri().toString());
        assertThat(audit("staff.disable", created.id())).hasSize(1);

        assertThat(admin.post("/api/v1/staff/" + created.id() + "/enable", Map.of()).as(StaffMember.class)
                .disabled()).isFalse();
        assertThat(server.login(created.username(), TestServer.PASSWORD).get("/api/v1/me").status())
                .isEqualTo(200);
        assertThat(audit("staff.enable", created.id())).hasSize(1);
    }

    @Test
    void anAdminCannotDisableThemselves() {
        long self = server.createAccount("t-admin", Role.ADMIN);
        TestClient.Response response = admin.post("/api/v1/staff/" + self + "/disable", Map.of());
        assertThat(response.status()).isEqualTo(409);
        assertThat(admin.get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void passwordResetEndsSessionsAndTheNewPasswordWorks() {
        StaffMember created = create(freshName(), Role.OPS, List.of());
        TestClient theirs = server.login(created.username(), TestServer.PASSWORD);
        TestClient.Response reset = admin.post("/api/v1/staff/" + created.id() + "/password",
                new ResetPasswordRequest("新的密码 new password"));
        assertThat(reset.status()).isEqualTo(204);
        assertThat(theirs.get("/api/v1/me").status()).isEqualTo(401);
        assertThat(server.login(created.username(), "新的密码 new password").get("/api/v1/me").status())
                .isEqualTo(200);
        AuditEntry entry = audit("staff.password_reset", created.id()).getFirst();
        assertThat(entry.toString()).doesNotContain("新的密码");

        TestClient.Response tooShort = admin.post("/api/v1/staff/" + created.id() + "/password",
                new ResetPasswordRequest("short"));
        assertThat(tooShort.status()).isEqualTo(422);
    }

    @Test
    void unknownIdIs404() {
        assertThat(admin.post("/api/v1/staff/987654/disable", Map.of()).status()).isEqualTo(404);
        assertThat(admin.patch("/api/v1/staff/987654", Map.of()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/staff/abc").status()).isEqualTo(404);
    }

    @Test
    void refusalsAreWrittenInTheCallersLanguage() {
        byte[] bad = TestClient.json(new CreateStaffRequest("X", null, "short", Role.MODERATOR, null));
        TestClient.Response zh = admin.send("POST", "/api/v1/staff", "application/json", bad,
                Map.of("Accept-Language", "zh-CN"));
        assertThat(zh.status()).isEqualTo(422);
        assertThat(zh.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(zh.problem().detail()).isEqualTo("有 2 个字段无效");
        assertThat(zh.problem().errors()).containsExactly(
                new FieldError("username", "必须是 3 到 32 个小写字母、数字、'.'、'-' 或 '_'，并以字母开头"),
                new FieldError("password", "至少 10 个字符"));
        TestClient.Response en = admin.send("POST", "/api/v1/staff", "application/json", bad, Map.of());
        assertThat(en.header("Content-Language")).isEqualTo("en");
        assertThat(en.problem().detail()).isEqualTo("2 fields are invalid");
        assertThat(en.problem().errors()).containsExactly(
                new FieldError("username", "must be 3-32 lower-case letters, digits, '.', '-' or '_', starting with a "
                        + "letter"),
                new FieldError("password", "must be at least 10 characters"));

        long self = server.createAccount("t-admin", Role.ADMIN);
        String disable = "/api/v1/staff/" + self + "/disable";
        assertThat(admin.send("POST", disable, null, null, Map.of("Accept-Language", "zh-CN,en;q=0.5")).problem()
                .detail()).isEqualTo("不能停用自己的账号");
        assertThat(admin.send("POST", disable, null, null, Map.of("Accept-Language", "en-GB")).problem().detail())
                .isEqualTo("You cannot disable your own account");
    }
}
