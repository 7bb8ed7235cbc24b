package dev.moddesk.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.ChangePasswordRequest;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Staff change their own password; after an admin sets one, the next sign-in must change it before anything else. */
class PasswordChangeTest {
    private static final String NEW_PASSWORD = "my very own secret";
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void staffChangeTheirOwnPasswordWithTheCurrentOne(Backend backend) {
        server = TestServers.start(backend);
        server.createAccount("lin", Role.MODERATOR);
        TestClient other = server.login("lin", TestServer.PASSWORD);
        TestClient lin = server.login("lin", TestServer.PASSWORD);

        TestClient.Response wrong = lin.post("/api/v1/session/password",
                new ChangePasswordRequest("not my password", NEW_PASSWORD));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.problem().errors()).extracting("field").containsExactly("currentPassword");
        TestClient.Response chinese = lin.send("POST", "/api/v1/session/password", "application/json",
                TestClient.json(new ChangePasswordRequest("not my password", NEW_PASSWORD)),
                Map.of("Accept-Language", "zh-CN"));
        assertThat(chinese.problem().detail()).isEqualTo("当前密码不正确");
        assertThat(lin.post("/api/v1/session/password", new ChangePasswordRequest(TestServer.PASSWORD, "short"))
                .problem().errors()).extracting("field").containsExactly("newPassword");
        assertThat(lin.post("/api/v1/session/password",
                new ChangePasswordRequest(TestServer.PASSWORD, TestServer.PASSWORD)).status()).isEqualTo(422);

        TestClient.Response changed = lin.post("/api/v1/session/password",
                new ChangePasswordRequest(TestServer.PASSWORD, NEW_PASSWORD));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(204);
        assertThat(lin.get("/api/v1/me").status()).as("this session stays").isEqualTo(200);
        assertThat(other.get("/api/v1/me").status()).as("other sessions end").isEqualTo(401);
        assertThat(login("lin", TestServer.PASSWORD).status()).isEqualTo(401);
        assertThat(login("lin", NEW_PASSWORD).status()).isEqualTo(201);
        assertThat(audited("session.password_change")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void afterAnAdminResetTheNextSignInMustChangeThePasswordFirst(Backend backend) {
        server = TestServers.start(backend);
        long id = server.createAccount("lin", Role.OPS);
        TestClient admin = server.as(Role.ADMIN);
        assertThat(admin.post("/api/v1/staff/" + id + "/password", new ResetPasswordRequest("set by the admin 1"))
                .status()).isEqualTo(204);

        TestClient.Response login = login("lin", "set by the admin 1");
        assertThat(login.status()).isEqualTo(201);
        SessionToken token = login.as(SessionToken.class);
        assertThat(token.mustChangePassword()).isTrue();
        TestClient lin = server.client().withToken(token.token());

        for (String path : new String[] {"/api/v1/audit", "/api/v1/review/health", "/api/v1/review/circles"}) {
            TestClient.Response refused = lin.get(path);
            assertThat(refused.status()).as(path).isEqualTo(403);
            assertThat(refused.problem().type()).isEqualTo(ProblemType.PASSWORD_CHANGE_REQUIRED.uri().toString());
        }
        TestClient.Response chinese = lin.send("GET", "/api/v1/audit", null, null, Map.of("Accept-Language", "zh-CN"));
        assertThat(chinese.problem().detail()).isEqualTo("管理员为你设置了密码：请先修改密码再继续");
        assertThat(lin.get("/api/v1/me").status()).isEqualTo(200);

        assertThat(lin.post("/api/v1/session/password", new ChangePasswordRequest("set by the admin 1", NEW_PASSWORD))
                .status()).isEqualTo(204);

        assertThat(lin.get("/api/v1/audit").status()).isEqualTo(200);
        assertThat(login("lin", NEW_PASSWORD).as(SessionToken.class).mustChangePassword()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSignedOutPersonStillHasToChangeItAtTheNextSignIn(Backend backend) {
        server = TestServers.start(backend);
        long id = server.createAccount("lin", Role.MODERATOR);
        server.as(Role.ADMIN).post("/api/v1/staff/" + id + "/password", new ResetPasswordRequest("set by the admin 1"));
        TestClient first = server.client().withToken(login("lin", "set by the admin 1").as(SessionToken.class).token());
        assertThat(first.delete("/api/v1/session").status()).isEqualTo(204);

        assertThat(login("lin", "set by the admin 1").as(SessionToken.class).mustChangePassword()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void wrongCurrentPasswordsAreThrottledLikeSignIns(Backend backend) {
        server = TestServers.start(backend);
        server.createAccount("lin", Role.MODERATOR);
        TestClient lin = server.login("lin", TestServer.PASSWORD);
        int limit = server.server().services().config().loginMaxFailures();

        for (int i = 0; i < limit; i++) {
            assertThat(lin.post("/api/v1/session/password", new ChangePasswordRequest("guess " + i, NEW_PASSWORD))
                    .status()).as("guess %d", i).isEqualTo(422);
        }
        TestClient.Response refused = lin.send("POST", "/api/v1/session/password", "application/json",
                TestClient.json(new ChangePasswordRequest(TestServer.PASSWORD, NEW_PASSWORD)),
                Map.of("Accept-Language", "zh-CN"));

        assertThat(refused.status()).as("even the right password waits: the guesses used up the limit").isEqualTo(429);
        assertThat(refused.problem().type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS.uri().toString());
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.problem().extensions()).containsKey("retryAfterSeconds");
        assertThat(refused.problem().detail()).startsWith("当前密码输错次数过多");
        assertThat(login("lin", TestServer.PASSWORD).status()).as("they count as failed sign-ins").isEqualTo(429);
        assertThat(audited("session.password_change_failed")).isEqualTo(limit);
    }

    private TestClient.Response login(String username, String password) {
        return server.client().post("/api/v1/session", new LoginRequest(username, password));
    }

    private int audited(String action) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = :action").bind("action", action)
                .mapTo(Integer.class).one());
    }
}
