package dev.moddesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ApiClientTest {
    private final FakeModDeskServer fake = new FakeModDeskServer();
    private final OkHttpClient http = ApiClient.defaultHttpClient();

    @AfterEach
    void close() {
        fake.close();
    }

    private ApiClient client(String url) {
        return new ApiClient(ApiClient.parseServerUrl(url), http, Json.mapper());
    }

    private static ApiException failure(java.util.concurrent.CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
        return ApiException.find(t).orElseThrow(() -> new AssertionError("not an ApiException", t));
    }

    @Test
    void logsInAndSendsTheTokenAsBearerHeader() throws Exception {
        ApiClient api = client(fake.url());
        SessionToken session = new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        assertThat(session.me().role()).isEqualTo(Role.ADMIN);
        assertThat(new SessionApi(api).me().get(20, TimeUnit.SECONDS).username()).isEqualTo("admin");
        RecordedRequest me = fake.requests().getLast();
        assertThat(me.getHeaders().get("Authorization")).isEqualTo("Bearer " + session.token());
    }

    @Test
    void sendsTheLanguageTheConsoleIsInAtTheTimeOfEachRequest() throws Exception {
        java.util.concurrent.atomic.AtomicReference<String> language = new java.util.concurrent.atomic.AtomicReference<>("zh-CN");
        OkHttpClient localized = http.newBuilder().addInterceptor(ApiClient.acceptLanguage(language::get)).build();
        ApiClient api = new ApiClient(ApiClient.parseServerUrl(fake.url()), localized, Json.mapper());
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        assertThat(fake.requests().getLast().getHeaders().get("Accept-Language")).isEqualTo("zh-CN");
        language.set("en");
        new SessionApi(api).me().get(20, TimeUnit.SECONDS);
        assertThat(fake.requests().getLast().getHeaders().get("Accept-Language")).isEqualTo("en");
    }

    @Test
    void wrongPasswordIsATypedBadCredentialsProblem() {
        ApiException e = failure(new SessionApi(client(fake.url())).login("admin", "nope"));
        assertThat(e.kind()).isEqualTo(ApiException.Kind.PROBLEM);
        assertThat(e.is(ProblemType.BAD_CREDENTIALS)).isTrue();
        assertThat(e.problem().orElseThrow().status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("Wrong username or password");
    }

    @Test
    void aRejectedTokenEndsTheSessionAndTellsTheListener() throws Exception {
        ApiClient api = client(fake.url());
        java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
        api.onSessionEnded(ended::incrementAndGet);
        failure(new SessionApi(api).login("admin", "wrong"));
        assertThat(ended).hasValue(0);
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        fake.expireAllSessions();
        ApiException e = failure(new SessionApi(api).me());
        assertThat(e.is(ProblemType.UNAUTHORIZED)).isTrue();
        assertThat(ended).hasValue(1);
        assertThat(api.signedIn()).isFalse();
    }

    @Test
    void featureRequestsCarryTokenHeadersAndBody() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                    .body("[\"a\",\"b\"]").build());
            server.enqueue(new MockResponse.Builder().code(204).build());
            server.start();
            ApiClient api = client(server.url("/").toString());
            api.useToken("t0k");
            HttpUrl things = api.url("api/v1/things").addQueryParameter("x", "1").build();
            ApiClient.Reply<List<String>> got = api.<List<String>>exchange(api.request(things).get().build(),
                    api.listOf(String.class)).get(20, TimeUnit.SECONDS);
            assertThat(got.body()).containsExactly("a", "b");
            api.exchange(api.request(api.url("api/v1/things/7/decide").build()).header("Idempotency-Key", "k1")
                    .post(api.json(java.util.Map.of("ok", true))).build(), null).get(20, TimeUnit.SECONDS);
            RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(first.getUrl().queryParameter("x")).isEqualTo("1");
            assertThat(first.getHeaders().get("Authorization")).isEqualTo("Bearer t0k");
            RecordedRequest second = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(second.getHeaders().get("Idempotency-Key")).isEqualTo("k1");
            assertThat(second.getBody().utf8()).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void throttledLoginCarriesRetryAfterSeconds() {
        ApiException e = failure(new SessionApi(client(fake.url())).login("throttled", "x"));
        assertThat(e.is(ProblemType.TOO_MANY_REQUESTS)).isTrue();
        assertThat(e.retryAfterSeconds()).hasValue(30);
        assertThat(e.getMessage()).isEqualTo("Too many failed logins");
    }

    @Test
    void validationProblemKeepsTheFieldErrors() throws Exception {
        ApiClient api = client(fake.url());
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        ApiException e = failure(new StaffApi(api).create(new CreateStaffRequest("X", "", "short", Role.OPS, List.of())));
        assertThat(e.is(ProblemType.VALIDATION)).isTrue();
        assertThat(e.problem().orElseThrow().errors()).extracting(f -> f.field())
                .containsExactlyInAnyOrder("username", "password", "displayName");
    }

    @Test
    void extensionMembersAndRetryAfterFromTheBody() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(429).setHeader("Content-Type", "application/problem+json")
                    .body("{\"type\":\"https://moddesk.dev/problems/too-many-requests\",\"title\":\"Too many\",\"status\":429,"
                            + "\"retryAfterSeconds\":12,\"holder\":\"ops\"}").build());
            server.start();
            ApiException e = failure(new SessionApi(client(server.url("/").toString())).login("a", "b"));
            assertThat(e.retryAfterSeconds()).hasValue(12);
            assertThat(e.problem().orElseThrow().extensions()).containsEntry("holder", "ops");
        }
    }

    @Test
    void nonProblemErrorBodyStillBecomesAProblemWithTheStatus() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(502).setHeader("Content-Type", "text/html").body("<h1>Bad gateway</h1>").build());
            server.start();
            ApiException e = failure(new SessionApi(client(server.url("/").toString())).me());
            assertThat(e.kind()).isEqualTo(ApiException.Kind.PROBLEM);
            assertThat(e.problem().orElseThrow().status()).isEqualTo(502);
            assertThat(e.problemType()).isEmpty();
        }
    }

    @Test
    void refusesAServerWithAnotherApiVersion() {
        fake.apiVersion(99);
        ApiException e = failure(new SessionApi(client(fake.url())).checkCompatible());
        assertThat(e.kind()).isEqualTo(ApiException.Kind.INCOMPATIBLE);
        assertThat(e.getMessage()).contains("Incompatible server version").contains("99");
        assertThat(e.serverApiVersion()).hasValue(99);
    }

    @Test
    void aServerWithoutTheInfoRouteIsNotAModDeskServer() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().code(404).body("nothing here").build());
            server.start();
            ApiException e = failure(new SessionApi(client(server.url("/").toString())).checkCompatible());
            assertThat(e.kind()).isEqualTo(ApiException.Kind.INCOMPATIBLE);
            assertThat(e.getMessage()).contains("does not offer ModDesk API");
            assertThat(e.serverApiVersion()).isEmpty();
        }
    }

    @Test
    void unreachableServerIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ApiException e = failure(new SessionApi(client("http://127.0.0.1:" + port)).info());
        assertThat(e.kind()).isEqualTo(ApiException.Kind.UNREACHABLE);
    }

    @Test
    void slowServerTimesOut() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());
            server.start();
            OkHttpClient impatient = http.newBuilder().readTimeout(Duration.ofMillis(200)).callTimeout(Duration.ofSeconds(2)).build();
            ApiClient api = new ApiClient(server.url("/"), impatient, Json.mapper());
            ApiException e = failure(new SessionApi(api).info());
            assertThat(e.kind()).isEqualTo(ApiException.Kind.TIMEOUT);
        }
    }

    @Test
    void tlsFailureIsReportedAsTls() throws Exception {
        // A server that answers the TLS hello with plain text, at once, so the handshake fails (not times out).
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread answer = new Thread(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".getBytes());
                    s.getOutputStream().flush();
                } catch (java.io.IOException ignored) {
                    // the client may have gone already
                }
            }, "plain-text-server");
            answer.setDaemon(true);
            answer.start();
            ApiException e = failure(new SessionApi(client("https://127.0.0.1:" + plain.getLocalPort())).info());
            assertThat(e.kind()).isEqualTo(ApiException.Kind.TLS);
            assertThat(e.getMessage()).startsWith("Secure connection failed");
            assertThat(e.lowerLayerDetail()).isPresent();
        }
    }

    @Test
    void aCancelledCallIsCancelledNotUnreachable() {
        assertThat(ApiClient.transportError(new java.io.IOException("Canceled"), true).kind())
                .isEqualTo(ApiException.Kind.CANCELLED);
        assertThat(ApiClient.transportError(new java.net.ConnectException("refused"), false).kind())
                .isEqualTo(ApiException.Kind.UNREACHABLE);
    }

    @Test
    void auditQueryCarriesFiltersAndCursor() throws Exception {
        ApiClient api = client(fake.url());
        new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        var page = new AuditApi(api).page(new AuditQuery("ops", "session.login", null, " ", null, null, "0", 5)).get(20, TimeUnit.SECONDS);
        assertThat(page.items()).hasSize(5).allSatisfy(e -> {
            assertThat(e.actor()).isEqualTo("ops");
            assertThat(e.action()).isEqualTo("session.login");
        });
        HttpUrl url = fake.requests().getLast().getUrl();
        assertThat(url.queryParameter("actor")).isEqualTo("ops");
        assertThat(url.queryParameter("targetId")).isNull();
        assertThat(url.queryParameter("limit")).isEqualTo("5");
    }

    @Test
    void theTokenNeverReachesTheLog() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("dev.moddesk");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.TRACE);
        try {
            ApiClient api = client(fake.url());
            SessionToken session = new SessionApi(api).login("admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
            new SessionApi(api).me().get(20, TimeUnit.SECONDS);
            new StaffApi(api).list().get(20, TimeUnit.SECONDS);
            new SessionApi(api).logout().get(20, TimeUnit.SECONDS);
            assertThat(appender.list).isNotEmpty();
            assertThat(appender.list).noneSatisfy(ev -> assertThat(ev.getFormattedMessage()).contains(session.token()));
            assertThat(appender.list).noneSatisfy(ev -> assertThat(ev.getFormattedMessage()).contains(FakeModDeskServer.PASSWORD));
            assertThat(session.toString()).doesNotContain(session.token());
        } finally {
            root.detachAppender(appender);
            ours.setLevel(before);
        }
    }
}
