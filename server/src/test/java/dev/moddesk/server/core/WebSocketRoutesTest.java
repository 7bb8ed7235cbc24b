package dev.moddesk.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket routes over a real server with a real client (OkHttp, as the console uses): declared in the registry,
 * authenticated and authorised like REST before the upgrade, refused with problem+json, documented in /openapi.json.
 */
class WebSocketRoutesTest {

    /** A test-only feature: an echo socket any staff member may open, and one for admins only. */
    static final class EchoFeature implements Feature {
        EchoFeature(Services services) {
        }

        @Override
        public void register(Api api) {
            api.websocket("/probe/ws/echo").summary("Echoes each text message, prefixed with the caller's name")
                    .access(Access.staff())
                    .socket(ws -> ws.onMessage(ctx -> ctx.send(Api.principal(ctx).username() + ": " + ctx.message())));
            api.websocket("/probe/ws/admin").summary("Admins only").access(Access.role(Role.ADMIN))
                    .socket(ws -> ws.onConnect(ctx -> ctx.send("hello " + Api.principal(ctx).role())));
        }
    }

    static TestServer server;
    static OkHttpClient http;
    static String moderatorToken;
    static String adminToken;

    @BeforeAll
    static void start() {
        server = TestServers.start(Backend.H2, UnaryOperator.identity(), List.of(EchoFeature::new));
        http = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();
        moderatorToken = token(Role.MODERATOR);
        adminToken = token(Role.ADMIN);
    }

    @AfterAll
    static void stop() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        server.close();
    }

    private static String token(Role role) {
        String username = "t-" + role.name().toLowerCase();
        server.createAccount(username, role);
        return server.client().post("/api/v1/session", new dev.moddesk.contract.LoginRequest(username,
                TestServer.PASSWORD)).as(SessionToken.class).token();
    }

    /** What a WebSocket attempt came to: the open socket and its messages, or the refused handshake's answer. */
    record Attempt(WebSocket socket, Response handshake, BlockingQueue<String> messages, int status, String body) {
        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertThat(message).as("a message within 10 s").isNotNull();
            return message;
        }

        Problem problem() {
            return new TestClient.Response(status, Map.of("content-type", handshake.header("Content-Type")), body)
                    .problem();
        }
    }

    private static Attempt connect(Request.Builder request) throws Exception {
        CompletableFuture<Attempt> outcome = new CompletableFuture<>();
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        http.newWebSocket(request.build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket, Response response) {
                outcome.complete(new Attempt(socket, response, messages, response.code(), null));
            }

            @Override
            public void onMessage(WebSocket socket, String text) {
                messages.add(text);
            }

            @Override
            public void onFailure(WebSocket socket, Throwable t, Response response) {
                if (response == null) {
                    outcome.completeExceptionally(t);
                    return;
                }
                try {
                    outcome.complete(new Attempt(null, response, messages, response.code(),
                            response.body().string()));
                } catch (IOException e) {
                    outcome.completeExceptionally(e);
                }
            }
        });
        return outcome.get(10, TimeUnit.SECONDS);
    }

    private static Request.Builder to(String path) {
        return new Request.Builder().url(server.baseUrl().replace("http://", "ws://") + path);
    }

    @Test
    void withoutATokenTheUpgradeIsRefusedWith401ProblemJson() throws Exception {
        Attempt attempt = connect(to("/probe/ws/echo"));
        assertThat(attempt.status()).isEqualTo(401);
        assertThat(attempt.handshake().header("Content-Type")).startsWith(Problem.MEDIA_TYPE);
        assertThat(attempt.handshake().header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(attempt.problem().type()).isEqualTo(ProblemType.UNAUTHORIZED.uri().toString());
        assertThat(connect(to("/probe/ws/echo").header("Authorization", "Bearer nonsense")).status()).isEqualTo(401);
    }

    @Test
    void aTokenInTheQueryIsNotAccepted() throws Exception {
        assertThat(connect(to("/probe/ws/echo?access_token=" + moderatorToken)).status()).isEqualTo(401);
    }

    @Test
    void aRoleThatDoesNotCoverTheRouteIs403InTheCallersLanguage() throws Exception {
        Attempt attempt = connect(to("/probe/ws/admin").header("Authorization", "Bearer " + moderatorToken)
                .header("Accept-Language", "zh-CN"));
        assertThat(attempt.status()).isEqualTo(403);
        assertThat(attempt.problem().type()).isEqualTo(ProblemType.FORBIDDEN.uri().toString());
        assertThat(attempt.problem().detail()).isEqualTo("这需要“管理员”角色");
        assertThat(attempt.handshake().header("Content-Language")).isEqualTo("zh-CN");
    }

    @Test
    void messagesFlowWithTheAuthorizationHeader() throws Exception {
        Attempt attempt = connect(to("/probe/ws/echo").header("Authorization", "Bearer " + moderatorToken));
        assertThat(attempt.status()).isEqualTo(101);
        attempt.socket().send("ping");
        assertThat(attempt.next()).isEqualTo("t-moderator: ping");
        attempt.socket().send("圈子");
        assertThat(attempt.next()).isEqualTo("t-moderator: 圈子");
        attempt.socket().close(1000, "done");

        Attempt admin = connect(to("/probe/ws/admin").header("Authorization", "Bearer " + adminToken));
        assertThat(admin.next()).isEqualTo("hello ADMIN");
        admin.socket().close(1000, "done");
    }

    @Test
    void aBrowserMaySendTheTokenAsASubprotocolAndIsAnsweredWithThePlainOne() throws Exception {
        Attempt attempt = connect(to("/probe/ws/echo").header("Sec-WebSocket-Protocol",
                BearerToken.SUBPROTOCOL + ", " + BearerToken.SUBPROTOCOL_PREFIX + moderatorToken));
        assertThat(attempt.status()).isEqualTo(101);
        assertThat(attempt.handshake().header("Sec-WebSocket-Protocol")).isEqualTo(BearerToken.SUBPROTOCOL);
        attempt.socket().send("ping");
        assertThat(attempt.next()).isEqualTo("t-moderator: ping");
        attempt.socket().close(1000, "done");
    }

    @Test
    void aPlainGetIsRefusedAfterTheSameAccessCheck() {
        assertThat(server.client().get("/probe/ws/echo").status()).isEqualTo(401);
        TestClient.Response plain = server.client().withToken(moderatorToken).get("/probe/ws/echo");
        assertThat(plain.status()).isEqualTo(400);
        assertThat(plain.problem().detail()).isEqualTo("This address takes WebSocket connections only; send the upgrade");
    }

    @Test
    void theRoutesAreDocumentedInTheOpenApiDocument() {
        OpenApiContract contract = new OpenApiContract(server);
        JsonNode echo = contract.operation("GET", "/probe/ws/echo");
        assertThat(echo.get("x-websocket").asBoolean()).isTrue();
        assertThat(echo.at("/responses/101/description").asText()).startsWith("Switching Protocols");
        assertThat(echo.at("/security/0/staffSession").isArray()).isTrue();
        assertThat(echo.at("/responses/401/content").has(Problem.MEDIA_TYPE)).isTrue();
        JsonNode admin = contract.operation("GET", "/probe/ws/admin");
        assertThat(admin.get("x-required-role").asText()).isEqualTo("ADMIN");
        assertThat(admin.at("/responses/403/content").has(Problem.MEDIA_TYPE)).isTrue();
        assertThat(server.server().api().routes()).filteredOn(Route::isWebSocket).extracting(Route::path)
                .contains("/probe/ws/echo", "/probe/ws/admin"); // besides the features' own (the room stream)
    }
}
