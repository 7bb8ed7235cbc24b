package dev.moddesk.server.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry's one-place rules (access, body parsing, problem+json for every error) and the audit log. */
@ParameterizedClass
@EnumSource(Backend.class)
class ApiCoreTest {
    record Echo(String name, int count, Role role) {
        Echo {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
        }
    }

    /** A feature with one route of each kind. */
    static final class ProbeFeature implements Feature {
        private final Services services;

        ProbeFeature(Services services) {
            this.services = services;
        }

        @Override
        public void register(Api api) {
            api.get("/probe/open").access(Access.open()).response(200, Map.class)
                    .handle(call -> Map.of("client", call.clientAddress()));
            api.get("/probe/staff").access(Access.staff()).response(200, Map.class)
                    .handle(call -> Map.of("user", call.principal().username()));
            api.get("/probe/admin").access(Access.role(Role.ADMIN)).response(200, Map.class)
                    .handle(call -> Map.of("user", call.principal().username()));
            api.get("/probe/platform").access(Access.platform()).response(200, Map.class)
                    .handle(call -> Map.of());
            api.post("/probe/echo").access(Access.open()).body(Echo.class).response(201, Echo.class)
                    .handle(Call::body);
            api.get("/probe/items/{id}").access(Access.open()).response(200, Map.class)
                    .handle(call -> Map.of("id", call.pathId("id")));
            api.delete("/probe/items/{id}").access(Access.open()).response(204)
                    .handle(call -> null);
            api.put("/probe/versioned").access(Access.open()).header("If-Match", "required").response(200, Map.class)
                    .handle(call -> {
                        call.requireIfMatch(5);
                        call.etag(6);
                        return Map.of("version", 6);
                    });
            api.get("/probe/if-match").access(Access.open()).response(200, Map.class)
                    .handle(call -> Map.of("version", call.requireIfMatch()));
            api.get("/probe/big").access(Access.open()).response(200, Map.class)
                    .handle(call -> Map.of("text", "圈".repeat(1000)));
            api.get("/probe/boom").access(Access.open()).response(200, Map.class)
                    .handle(call -> {
                        throw new IllegalStateException("secret internal detail");
                    });
            api.get("/probe/limit").access(Access.open()).query("limit", Integer.class, "page size")
                    .response(200, Map.class)
                    .handle(call -> Map.of("limit", call.queryInt("limit", 1, 100)));
            api.post("/probe/audited").access(Access.staff()).query("fail", Boolean.class, "fail after writing")
                    .response(204)
                    .handle(call -> {
                        services.database().jdbi().useTransaction(h -> {
                            services.auditLog().record(h, AuditLog.Entry.by(call.principal(), "probe.change",
                                    "probe", "1", Map.of("v", 1), Map.of("v", 2), "testing"));
                            if (Boolean.TRUE.equals(call.queryBoolean("fail"))) {
                                throw ProblemException.keyed(ProblemType.CONFLICT, "core.badRequest");
                            }
                        });
                        return null;
                    });
        }
    }

    @Parameter
    Backend backend;

    static TestServer server;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        server = TestServers.start(backend, UnaryOperator.identity(), List.of(ProbeFeature::new));
        signedIn.clear();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    static final Map<Role, TestClient> signedIn = new java.util.EnumMap<>(Role.class);

    private static TestClient as(Role role) {
        return signedIn.computeIfAbsent(role, r -> server.as(r));
    }

    private TestClient anonymous() {
        return server.client();
    }

    private static void assertProblem(TestClient.Response response, ProblemType type) {
        assertThat(response.status()).as(response.toString()).isEqualTo(type.status());
        Problem problem = response.problem();
        assertThat(problem.type()).isEqualTo(type.uri().toString());
        assertThat(problem.status()).isEqualTo(type.status());
        assertThat(problem.title()).isNotBlank();
    }

    @Test
    void publicRouteAnswersWithoutCredentials() {
        TestClient.Response response = anonymous().get("/probe/open");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("client").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void staffRouteWithoutTokenIs401WithBearerChallenge() {
        TestClient.Response response = anonymous().get("/probe/staff");
        assertProblem(response, ProblemType.UNAUTHORIZED);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(anonymous().withToken("nonsense").get("/probe/staff"), ProblemType.UNAUTHORIZED);
    }

    @Test
    void roleMustCoverTheRoutesMinimumRole() {
        assertProblem(as(Role.MODERATOR).get("/probe/admin"), ProblemType.FORBIDDEN);
        assertProblem(as(Role.OPS).get("/probe/admin"), ProblemType.FORBIDDEN);
        assertThat(as(Role.ADMIN).get("/probe/admin").status()).isEqualTo(200);
        assertThat(as(Role.MODERATOR).get("/probe/staff").json().get("user").asText())
                .isEqualTo("t-moderator");
    }

    @Test
    void platformRouteWithoutAnAuthenticatorRefusesEveryone() {
        assertProblem(as(Role.ADMIN).get("/probe/platform"), ProblemType.UNAUTHORIZED);
    }

    @Test
    void unknownRouteIs404Problem() {
        assertProblem(anonymous().get("/no/such/route"), ProblemType.NOT_FOUND);
        assertProblem(anonymous().post("/api/v1/nothing", Map.of()), ProblemType.NOT_FOUND);
    }

    @Test
    void wrongMethodIs405WithAllow() {
        TestClient.Response response = anonymous().send("PUT", "/probe/items/3", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertProblem(response, ProblemType.METHOD_NOT_ALLOWED);
        assertThat(response.header("Allow")).isEqualTo("GET, DELETE");
    }

    @Test
    void bodyIsParsedIntoTheDeclaredRecord() {
        TestClient.Response response = anonymous().post("/probe/echo", Map.of("name", "张伟", "count", 3,
                "role", "OPS"));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.as(Echo.class)).isEqualTo(new Echo("张伟", 3, Role.OPS));
    }

    @Test
    void malformedJsonIs400() {
        TestClient.Response response = anonymous().send("POST", "/probe/echo", "application/json",
                "{\"name\": ".getBytes(StandardCharsets.UTF_8), Map.of());
        assertProblem(response, ProblemType.MALFORMED_JSON);
        assertProblem(anonymous().send("POST", "/probe/echo", "application/json", new byte[0], Map.of()),
                ProblemType.MALFORMED_JSON);
    }

    @Test
    void wrongTypesAre422NamingTheField() {
        TestClient.Response response = anonymous().post("/probe/echo", "{\"name\":\"a\",\"count\":\"many\"}");
        assertProblem(response, ProblemType.VALIDATION);
        assertThat(response.problem().errors()).extracting(FieldError::field).containsExactly("count");

        TestClient.Response role = anonymous().post("/probe/echo", "{\"name\":\"a\",\"role\":\"KING\"}");
        assertThat(role.problem().errors()).extracting(FieldError::field).containsExactly("role");

        TestClient.Response blank = anonymous().post("/probe/echo", "{\"name\":\" \",\"count\":1}");
        assertProblem(blank, ProblemType.VALIDATION);
        assertThat(blank.problem().errors().getFirst().message()).isEqualTo("must not be blank");

        assertProblem(anonymous().post("/probe/echo", "[1,2]"), ProblemType.VALIDATION);
        assertProblem(anonymous().post("/probe/echo", "null"), ProblemType.VALIDATION);
    }

    @Test
    void bodyWithoutJsonContentTypeIs415() {
        assertProblem(anonymous().send("POST", "/probe/echo", null, "{}".getBytes(StandardCharsets.UTF_8),
                Map.of()), ProblemType.UNSUPPORTED_MEDIA_TYPE);
        assertProblem(anonymous().send("POST", "/probe/echo", "text/plain", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of()), ProblemType.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void bodyOverOneMebibyteIs413() {
        byte[] huge = new byte[(int) Api.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertProblem(anonymous().send("POST", "/probe/echo", "application/json", huge, Map.of()),
                ProblemType.PAYLOAD_TOO_LARGE);
    }

    /** A body sent in chunks has no Content-Length to refuse it up front: the read stops past the limit. */
    @Test
    void chunkedBodyIsReadAndOverOneMebibyteIs413() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> small = http.send(chunked("{\"name\":\"分块\",\"count\":3}".getBytes(StandardCharsets.UTF_8)),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(small.statusCode()).isEqualTo(201);
        assertThat(small.headers().firstValue("Content-Length")).isPresent();
        assertThat(small.body()).contains("分块");
        byte[] huge = new byte[(int) Api.MAX_BODY_BYTES + 10];
        java.util.Arrays.fill(huge, (byte) ' ');
        java.net.http.HttpResponse<String> refused = http.send(chunked(huge),
                java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(Problem.MEDIA_TYPE));
    }

    private static java.net.http.HttpRequest chunked(byte[] body) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/probe/echo"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
    }

    @Test
    void unacceptableAcceptHeaderIs406() {
        assertProblem(anonymous().send("GET", "/probe/open", null, null, Map.of("Accept", "text/html")),
                ProblemType.NOT_ACCEPTABLE);
        assertThat(anonymous().send("GET", "/probe/open", null, null,
                Map.of("Accept", "text/html, application/*;q=0.5")).status()).isEqualTo(200);
    }

    @Test
    void unexpectedExceptionIs500WithCorrelationIdAndNoInternals() {
        TestClient.Response response = anonymous().get("/probe/boom");
        assertProblem(response, ProblemType.INTERNAL);
        assertThat(response.problem().extensions()).containsKey("correlationId");
        assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("Exception");
    }

    @Test
    void badPathIdIs404AndBadQueryIs400() {
        assertProblem(anonymous().get("/probe/items/abc"), ProblemType.NOT_FOUND);
        assertThat(anonymous().get("/probe/items/12").json().get("id").asLong()).isEqualTo(12);
        TestClient.Response bad = anonymous().get("/probe/limit?limit=lots");
        assertProblem(bad, ProblemType.BAD_REQUEST);
        assertThat(bad.problem().errors()).extracting(FieldError::field).containsExactly("limit");
    }

    @Test
    void ifMatchIsRequiredAndComparedThroughTheCall() {
        TestClient.Response missing = anonymous().send("PUT", "/probe/versioned", null, null, Map.of());
        assertProblem(missing, ProblemType.PRECONDITION_REQUIRED);
        assertThat(missing.problem().detail()).isEqualTo("Send If-Match with the version you saw");
        TestClient.Response stale = anonymous().send("PUT", "/probe/versioned", null, null,
                Map.of("If-Match", "\"4\", \"3\""));
        assertProblem(stale, ProblemType.PRECONDITION_FAILED);
        assertThat(stale.problem().extensions()).containsEntry("currentVersion", 5);
        assertThat(stale.header("ETag")).isNull();
        TestClient.Response staleZh = anonymous().send("PUT", "/probe/versioned", null, null,
                Map.of("If-Match", "\"4\"", "Accept-Language", "zh-CN"));
        assertThat(staleZh.problem().detail()).isEqualTo("内容在你打开后已被修改，当前版本为 5");
        assertThat(staleZh.header("Content-Language")).isEqualTo("zh-CN");
        assertProblem(anonymous().send("PUT", "/probe/versioned", null, null, Map.of("If-Match", "\"4")),
                ProblemType.PRECONDITION_FAILED);
        for (String matching : List.of("\"5\"", "W/\"5\"", "\"1\", \"5\"", "*")) {
            TestClient.Response ok = anonymous().send("PUT", "/probe/versioned", null, null,
                    Map.of("If-Match", matching));
            assertThat(ok.status()).as(matching).isEqualTo(200);
            assertThat(ok.header("ETag")).isEqualTo("\"6\"");
        }
        assertProblem(anonymous().get("/probe/if-match"), ProblemType.PRECONDITION_REQUIRED);
        assertThat(anonymous().send("GET", "/probe/if-match", null, null, Map.of("If-Match", "W/\"7\""))
                .json().get("version").asInt()).isEqualTo(7);
        for (String unusable : List.of("*", "\"1\", \"2\"", "\"x\"")) {
            assertProblem(anonymous().send("GET", "/probe/if-match", null, null, Map.of("If-Match", unusable)),
                    ProblemType.PRECONDITION_FAILED);
        }
    }

    /** The detail of {@code method path} in Chinese and in English (no Accept-Language), with Content-Language. */
    private static List<String> bothLanguages(TestClient client, String method, String path, String contentType,
                                              String body, Map<String, String> headers) {
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> chinese = new java.util.HashMap<>(headers);
        chinese.put("Accept-Language", "zh-CN");
        TestClient.Response zh = client.send(method, path, contentType, bytes, chinese);
        TestClient.Response en = client.send(method, path, contentType, bytes, headers);
        assertThat(zh.header("Content-Language")).as(path).isEqualTo("zh-CN");
        assertThat(en.header("Content-Language")).as(path).isEqualTo("en");
        assertThat(zh.header("Vary")).as(path).contains("Accept-Language");
        return List.of(zh.problem().detail(), en.problem().detail());
    }

    @Test
    void coreRefusalsAreWrittenInTheCallersLanguage() {
        assertThat(bothLanguages(anonymous(), "GET", "/probe/staff", null, null, Map.of()))
                .containsExactly("请发送有效的会话令牌", "Send a valid session token");
        assertThat(bothLanguages(as(Role.MODERATOR), "GET", "/probe/admin", null, null, Map.of()))
                .containsExactly("这需要“管理员”角色", "This needs the ADMIN role");
        assertThat(bothLanguages(anonymous(), "GET", "/no/such", null, null, Map.of()))
                .containsExactly("没有这个地址：/no/such", "No route /no/such");
        assertThat(bothLanguages(anonymous(), "GET", "/probe/items/x", null, null, Map.of()))
                .containsExactly("找不到 id x", "No id x");
        assertThat(bothLanguages(anonymous(), "PUT", "/probe/items/3", "application/json", "{}", Map.of()))
                .containsExactly("这里不能用 PUT，请用 GET, DELETE", "PUT is not allowed here; use GET, DELETE");
        assertThat(bothLanguages(anonymous(), "GET", "/probe/open", null, null, Map.of("Accept", "text/html")))
                .containsExactly("这个地址只返回 application/json", "This route answers application/json");
        assertThat(bothLanguages(anonymous(), "POST", "/probe/echo", "text/plain", "{}", Map.of()))
                .containsExactly("请以 application/json 发送请求体，而不是 text/plain",
                        "Send the body as application/json, not text/plain");
        assertThat(bothLanguages(anonymous(), "POST", "/probe/echo", "application/json", "{\"count\":\"many\"}",
                Map.of())).containsExactly("count：必须是数字", "count: must be a number");
        assertThat(bothLanguages(anonymous(), "GET", "/probe/limit?limit=0", null, null, Map.of()))
                .containsExactly("查询参数 limit 必须是 1 到 100 之间的整数",
                        "Query parameter limit must be a whole number from 1 to 100");
        List<String> internal = bothLanguages(anonymous(), "GET", "/probe/boom", null, null, Map.of());
        assertThat(internal.get(0)).startsWith("服务器出错了；报告时请提供关联编号 ");
        assertThat(internal.get(1)).startsWith("Something went wrong; quote correlation id ");

        TestClient.Response fields = anonymous().send("POST", "/probe/echo", "application/json",
                "{\"name\":\" \",\"count\":1}".getBytes(StandardCharsets.UTF_8), Map.of("Accept-Language", "zh-CN"));
        assertThat(fields.problem().errors()).containsExactly(new FieldError("(body)", "不符合要求：must not be blank"));
    }

    @Test
    void noContentAnswersHaveNoBody() {
        TestClient.Response response = anonymous().delete("/probe/items/5");
        assertThat(response.status()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void jsonAnswersCarryTheirLengthAndLargeOnesAreCompressedForClientsThatAsk() {
        TestClient.Response small = anonymous().get("/probe/items/7");
        assertThat(small.contentType()).isEqualTo("application/json");
        assertThat(small.header("Content-Length"))
                .isEqualTo(String.valueOf(small.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(small.json().get("id").asLong()).isEqualTo(7);

        TestClient.Response big = anonymous().get("/probe/big");
        assertThat(big.header("Content-Encoding")).isNull();
        assertThat(big.header("Content-Length")).isEqualTo(String.valueOf(big.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(big.json().get("text").asText()).hasSize(1000).startsWith("圈圈");

        TestClient.Response gzipped = anonymous().send("GET", "/probe/big", null, null, Map.of("Accept-Encoding", "gzip"));
        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.header("Content-Encoding")).isEqualTo("gzip");
    }

    @Test
    void auditEntryIsWrittenWithTheChangeAndRolledBackWithIt() {
        TestClient ops = as(Role.OPS);
        long before = countAudit("probe.change");
        assertThat(ops.post("/probe/audited", Map.of()).status()).isEqualTo(204);
        assertThat(countAudit("probe.change")).isEqualTo(before + 1);

        assertProblem(ops.post("/probe/audited?fail=true", Map.of()), ProblemType.CONFLICT);
        assertThat(countAudit("probe.change")).isEqualTo(before + 1);

        Map<String, Object> row = server.server().services().database().jdbi().withHandle(h ->
                h.createQuery("SELECT actor_name, after_json, client_address FROM audit_log "
                        + "WHERE action = 'probe.change'").mapToMap().list().getLast());
        assertThat(row).containsEntry("actor_name", "t-ops").containsEntry("client_address", "127.0.0.1");
        assertThat(AuditLog.fromJson((String) row.get("after_json"))).containsEntry("v", 2);
    }

    @Test
    void auditLogRefusesUpdateAndDeleteInTheDatabase() {
        var jdbi = server.server().services().database().jdbi();
        jdbi.useTransaction(h -> server.server().services().auditLog().record(h,
                new AuditLog.Entry(null, "system", "probe.seed", null, null, null, null, null, null)));
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE audit_log SET reason = 'x'")))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_log")))
                .hasMessageContaining("append-only");
        assertThat(countAudit("probe.seed")).isEqualTo(1);
    }

    @Test
    void auditRecordOutsideATransactionIsRefused() {
        var services = server.server().services();
        assertThatThrownBy(() -> services.database().jdbi().useHandle(h -> services.auditLog().record(h,
                new AuditLog.Entry(null, "system", "probe.loose", null, null, null, null, null, null))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static long countAudit(String action) {
        return server.server().services().database().jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM audit_log WHERE action = :a").bind("a", action)
                        .mapTo(Long.class).one());
    }
}
