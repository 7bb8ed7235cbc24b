package dev.moddesk.server.session;

import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class SessionRoutesTest {
    static final Duration TTL = Duration.ofMinutes(30);
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int USER_LIMIT = 5;
    static final int ADDRESS_LIMIT = 20;
    static MutableClock clock;
    static TestServer server;

    @Parameter
    Backend backend;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
        server = TestServers.start(backend, config -> config.withClock(clock)
                .withSessionTtl(TTL, Duration.ofMinutes(1)).withLoginThrottle(USER_LIMIT, ADDRESS_LIMIT, WINDOW)
                .withIdempotencyRetention(Duration.ofDays(10)), List.of());
        server.createAccount("li.wei", Role.MODERATOR);
        server.createAccount("wang.fang", Role.OPS);
        server.createAccount("zhao.lei", Role.MODERATOR);
        server.createAccount("chen.jing", Role.MODERATOR);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @BeforeEach
    void forgetEarlierFailures() {
        // Failures from other tests fall out of the throttle window.
        clock.advance(WINDOW.plusMinutes(1));
    }

    private static TestClient.Response login(String username, String password) {
        return server.client().post("/api/v1/session", new LoginRequest(username, password));
    }

    private static long auditCount(String action, String actor) {
        return server.server().services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM audit_log WHERE action = :a AND actor_name = :n")
                .bind("a", action).bind("n", actor).mapTo(Long.class).one());
    }

    @Test
    void wrongPasswordIs401AndIsAudited() {
        long before = auditCount("session.login_failed", "li.wei");
        TestClient.Response response = login("li.wei", "not the password");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.problem().type()).isEqualTo(ProblemType.BAD_CREDENTIALS.uri().toString());
        assertThat(auditCount("session.login_failed", "li.wei")).isEqualTo(before + 1);
        assertThat(response.body()).doesNotContain("not the password");
    }

    @Test
    void unknownUserLooksLikeAWrongPassword() {
        TestClient.Response response = login("nobody", TestServer.PASSWORD);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.problem().type()).isEqualTo(ProblemType.BAD_CREDENTIALS.uri().toString());
    }

    @Test
    void rightPasswordGivesATokenThatIdentifiesTheUser() {
        long before = auditCount("session.login", "li.wei");
        TestClient.Response response = login("li.wei", TestServer.PASSWORD);
        assertThat(response.status()).isEqualTo(201);
        SessionToken token = response.as(SessionToken.class);
        assertThat(token.token()).hasSizeGreaterThanOrEqualTo(40);
        assertThat(token.expiresAt()).isEqualTo(clock.instant().plus(TTL));
        assertThat(token.me().username()).isEqualTo("li.wei");
        assertThat(token.me().role()).isEqualTo(Role.MODERATOR);

        Me me = server.client().withToken(token.token()).get("/api/v1/me").as(Me.class);
        assertThat(me.username()).isEqualTo("li.wei");
        assertThat(me.displayName()).isEqualTo("Test li.wei");
        assertThat(auditCount("session.login", "li.wei")).isEqualTo(before + 1);

        List<String> stored = server.server().services().database().jdbi().withHandle(h ->
                h.createQuery("SELECT token_hash FROM staff_session").mapTo(String.class).list());
        assertThat(stored).doesNotContain(token.token()).contains(SessionService.hash(token.token()));
    }

    @Test
    void logoutEndsTheSession() {
        TestClient client = server.login("wang.fang", TestServer.PASSWORD);
        long before = auditCount("session.logout", "wang.fang");
        assertThat(client.delete("/api/v1/session").status()).isEqualTo(204);
        TestClient.Response after = client.get("/api/v1/me");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.problem().type()).isEqualTo(ProblemType.UNAUTHORIZED.uri().toString());
        assertThat(auditCount("session.logout", "wang.fang")).isEqualTo(before + 1);
    }

    @Test
    void sessionExpiresAfterTheTtlWithoutUse() {
        TestClient client = server.login("li.wei", TestServer.PASSWORD);
        clock.advance(TTL.plusSeconds(1));
        assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void useSlidesTheExpiry() {
        TestClient client = server.login("li.wei", TestServer.PASSWORD);
        clock.advance(Duration.ofMinutes(20));
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(20));
        assertThat(client.get("/api/v1/me").status()).isEqualTo(200);
        clock.advance(TTL.plusSeconds(1));
        assertThat(client.get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresForAUsernameAreThrottled() {
        for (int i = 0; i < USER_LIMIT; i++) {
            assertThat(login("wang.fang", "wrong password " + i).status()).isEqualTo(401);
        }
        TestClient.Response throttled = login("wang.fang", TestServer.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.problem().type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS.uri().toString());
        long retryAfter = Long.parseLong(throttled.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, WINDOW.toSeconds());
        assertThat(((Number) throttled.problem().extensions().get("retryAfterSeconds")).longValue())
                .isEqualTo(retryAfter);

        clock.advance(Duration.ofSeconds(retryAfter));
        assertThat(login("wang.fang", TestServer.PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void parallelWrongGuessesAreEvaluatedAtMostTheLimit() throws Exception {
        long auditedBefore = auditCount("session.login_failed", "zhao.lei");
        int guesses = 50;
        CountDownLatch ready = new CountDownLatch(guesses);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<TestClient.Response>> answers = new ArrayList<>();
        try (ExecutorService guessers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < guesses; i++) {
                String guess = "wrong guess " + i;
                answers.add(guessers.submit(() -> {
                    ready.countDown();
                    go.await();
                    return login("zhao.lei", guess);
                }));
            }
            ready.await();
            go.countDown();
        }
        List<TestClient.Response> responses = new ArrayList<>();
        for (Future<TestClient.Response> answer : answers) {
            responses.add(answer.get());
        }
        Map<Integer, Long> byStatus = responses.stream()
                .collect(Collectors.groupingBy(TestClient.Response::status, Collectors.counting()));
        assertThat(byStatus).as("answers by status").containsOnlyKeys(401, 429);
        assertThat(byStatus.get(401)).as("guesses evaluated").isEqualTo(USER_LIMIT);
        assertThat(byStatus.get(429)).isEqualTo(guesses - USER_LIMIT);
        assertThat(responses).filteredOn(r -> r.status() == 429)
                .allSatisfy(r -> assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L,
                        WINDOW.toSeconds()));
        assertThat(auditCount("session.login_failed", "zhao.lei")).isEqualTo(auditedBefore + USER_LIMIT);

        assertThat(login("zhao.lei", TestServer.PASSWORD).status()).isEqualTo(429);
        assertThat(login("li.wei", TestServer.PASSWORD).status())
                .as("another user from the same address").isEqualTo(201);
    }

    @Test
    void oneUsersLockoutDoesNotLockOutTheirAddress() {
        for (int i = 0; i < USER_LIMIT; i++) {
            assertThat(login("chen.jing", "typo " + i).status()).isEqualTo(401);
        }
        assertThat(login("chen.jing", TestServer.PASSWORD).status()).isEqualTo(429);
        assertThat(login("wang.fang", TestServer.PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void aSuccessfulSignInEndsTheUsersFailures() {
        for (int i = 0; i < USER_LIMIT - 1; i++) {
            assertThat(login("chen.jing", "typo " + i).status()).isEqualTo(401);
        }
        assertThat(login("chen.jing", TestServer.PASSWORD).status()).isEqualTo(201);
        for (int i = 0; i < USER_LIMIT; i++) {
            assertThat(login("chen.jing", "typo again " + i).status()).isEqualTo(401);
        }
        assertThat(login("chen.jing", TestServer.PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledAcrossUsernames() {
        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            assertThat(login("guess" + i, "wrong password").status()).isEqualTo(401);
        }
        TestClient.Response throttled = login("li.wei", TestServer.PASSWORD);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotBlank();
    }

    @Test
    void missingFieldsAre422() {
        TestClient.Response response = server.client().post("/api/v1/session", "{\"username\":\"li.wei\"}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.problem().errors()).extracting("field").containsExactly("password");
    }

    @Test
    void infoIsPublic() {
        ServerInfo info = server.client().get("/api/v1/info").as(ServerInfo.class);
        assertThat(info.product()).isEqualTo("ModDesk");
        assertThat(info.apiVersion()).isEqualTo(ServerInfo.API_VERSION);
        assertThat(info.sandbox()).isFalse();
        assertThat(info.idempotencyRetentionSeconds()).as("consoles learn how long a replay is possible")
                .isEqualTo(Duration.ofDays(10).toSeconds());
    }

    @Test
    void refusalsAreWrittenInTheCallersLanguage() {
        byte[] wrong = TestClient.json(new LoginRequest("li.wei", "not the password"));
        TestClient.Response zh = server.client().send("POST", "/api/v1/session", "application/json", wrong,
                Map.of("Accept-Language", "zh-CN"));
        assertThat(zh.status()).isEqualTo(401);
        assertThat(zh.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(zh.problem().detail()).isEqualTo("用户名或密码错误");
        TestClient.Response en = server.client().send("POST", "/api/v1/session", "application/json", wrong, Map.of());
        assertThat(en.problem().detail()).isEqualTo("Wrong username or password");

        byte[] empty = TestClient.json(new LoginRequest("", null));
        TestClient.Response missing = server.client().send("POST", "/api/v1/session", "application/json", empty,
                Map.of("Accept-Language", "zh-CN"));
        assertThat(missing.problem().errors()).extracting(e -> e.field() + " " + e.message())
                .containsExactly("username 必须填写", "password 必须填写");
        assertThat(server.client().post("/api/v1/session", new LoginRequest("", null)).problem().errors())
                .extracting(e -> e.field() + " " + e.message()).containsExactly("username is required",
                        "password is required");
    }
}
