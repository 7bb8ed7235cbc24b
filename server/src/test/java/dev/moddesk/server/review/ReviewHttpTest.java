package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationStatus;
import dev.moddesk.contract.review.BulkDecisionItem;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.ReasonCode;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Review over real HTTP, on H2 and PostgreSQL: what the console sees, headers and problem types included. */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReviewHttpTest {

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final AtomicInteger sequence = new AtomicInteger();
    private ReviewTestServer server;
    private TestClient alice;
    private TestClient bob;
    private TestClient carol;
    private TestClient root;
    private String circle;

    // Per invocation, not @BeforeAll: a @BeforeAll runs once before the parameter is injected, so both invocations
    // used to share one H2 server and the PostgreSQL one never ran against PostgreSQL.
    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        server = new ReviewTestServer(backend, clock);
        alice = server.client("alice");
        bob = server.client("bob");
        carol = server.client("carol");
        root = server.client("root");
        circle = server.circle("c-bj", "香山徒步", "北京");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    private long application() {
        clock.advance(Duration.ofSeconds(1));
        int n = sequence.incrementAndGet();
        return server.submit("app-" + n, circle, "user-" + n, "周末想去爬山，认识新朋友 " + n, null, clock.instant());
    }

    private static TestClient.Response decide(TestClient client, long id, String key, String ifMatch, Object body) {
        Map<String, String> headers = new java.util.HashMap<>();
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        if (ifMatch != null) {
            headers.put("If-Match", ifMatch);
        }
        return client.send("POST", "/api/v1/review/applications/" + id + "/decision", "application/json",
                TestClient.json(body), headers);
    }

    private static final DecisionRequest APPROVE = new DecisionRequest(DecisionKind.APPROVE, null, null, null);

    private String etag(long id) {
        TestClient.Response r = alice.get("/api/v1/review/applications/" + id);
        assertThat(r.status()).isEqualTo(200);
        return r.header("ETag");
    }

    @Test
    void detailCarriesItsVersionAsETag() {
        long id = application();
        TestClient.Response r = alice.get("/api/v1/review/applications/" + id);
        ApplicationDetail detail = r.as(ApplicationDetail.class);
        assertThat(r.header("ETag")).isEqualTo("\"" + detail.version() + "\"");
        assertThat(detail.circle().questions()).hasSize(1);
        assertThat(detail.answers().getFirst().question()).isEqualTo("你为什么想加入？");
    }

    @Test
    void claimingWhatAnotherHoldsAnswers409WithHolderAndUntil() {
        long id = application();
        ClaimInfo claim = alice.post("/api/v1/review/applications/" + id + "/claim", null).as(ClaimInfo.class);
        TestClient.Response r = bob.post("/api/v1/review/applications/" + id + "/claim", null);
        assertThat(r.status()).isEqualTo(409);
        Problem p = r.problem();
        assertThat(p.type()).isEqualTo(ProblemType.CLAIMED_BY_OTHER.uri().toString());
        assertThat(r.json().get("holder").asText()).isEqualTo("alice");
        assertThat(Instant.parse(r.json().get("until").asText())).isEqualTo(claim.expiresAt());
        assertThat(alice.delete("/api/v1/review/applications/" + id + "/claim").status()).isEqualTo(204);
        assertThat(bob.post("/api/v1/review/applications/" + id + "/claim", null).status()).isEqualTo(200);
    }

    @Test
    void decisionHeadersAreEnforced() {
        long id = application();
        String etag = etag(id);
        TestClient.Response noClaim = decide(alice, id, "k-" + id, etag, APPROVE);
        assertThat(noClaim.status()).isEqualTo(409);
        assertThat(noClaim.problem().type()).isEqualTo(ProblemType.CONFLICT.uri().toString());

        alice.post("/api/v1/review/applications/" + id + "/claim", null);
        assertThat(decide(alice, id, "k-" + id, null, APPROVE).problem().status()).isEqualTo(428);
        assertThat(decide(alice, id, null, etag, APPROVE).problem().status()).isEqualTo(400);
        TestClient.Response stale = decide(alice, id, "k-" + id, "\"99\"", APPROVE);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.problem().type()).isEqualTo(ProblemType.PRECONDITION_FAILED.uri().toString());

        TestClient.Response ok = decide(alice, id, "k-" + id, etag, APPROVE);
        assertThat(ok.status()).isEqualTo(200);
        DecisionResult result = ok.as(DecisionResult.class);
        assertThat(result.status()).isEqualTo(ApplicationStatus.APPROVED);
        assertThat(ok.header("ETag")).isEqualTo("\"" + result.version() + "\"");

        TestClient.Response replay = decide(alice, id, "k-" + id, etag, APPROVE);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.as(DecisionResult.class)).isEqualTo(result);
        TestClient.Response reused = decide(alice, id, "k-" + id, etag,
                new DecisionRequest(DecisionKind.REJECT, "ADS", null, null));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.problem().type()).isEqualTo(ProblemType.IDEMPOTENCY_KEY_REUSED.uri().toString());

        List<Map<String, Object>> audit = server.server.services().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT action, before_json, after_json FROM audit_log WHERE target_id = :t ORDER BY id")
                .bind("t", String.valueOf(id)).mapToMap().list());
        assertThat(audit).singleElement().satisfies(row -> {
            assertThat(row.get("action")).isEqualTo("review.decision");
            assertThat(String.valueOf(row.get("before_json"))).contains("\"PENDING\"");
            assertThat(String.valueOf(row.get("after_json"))).contains("\"APPROVED\"");
        });
    }

    @Test
    void undoWorksInsideTheWindowOnly() {
        long id = application();
        alice.post("/api/v1/review/applications/" + id + "/claim", null);
        assertThat(decide(alice, id, "d-" + id, etag(id), APPROVE).status()).isEqualTo(200);
        TestClient.Response undo = alice.send("POST", "/api/v1/review/applications/" + id + "/undo", null, null,
                Map.of("Idempotency-Key", "u-" + id));
        assertThat(undo.status()).isEqualTo(200);
        assertThat(undo.as(DecisionResult.class).status()).isEqualTo(ApplicationStatus.PENDING);

        assertThat(decide(alice, id, "d2-" + id, etag(id), APPROVE).status()).isEqualTo(200);
        clock.advance(DecisionService.UNDO_WINDOW.plusSeconds(1));
        TestClient.Response late = alice.send("POST", "/api/v1/review/applications/" + id + "/undo", null, null,
                Map.of("Idempotency-Key", "u2-" + id));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.problem().detail()).contains("undo window");
        // A console in Chinese reads the same refusal in Chinese.
        TestClient.Response lateZh = alice.send("POST", "/api/v1/review/applications/" + id + "/undo", null, null,
                Map.of("Idempotency-Key", "u3-" + id, "Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"));
        assertThat(lateZh.status()).isEqualTo(409);
        assertThat(lateZh.problem().detail()).isEqualTo("10 秒的撤销时间已过，决定已生效");
        assertThat(lateZh.header("Content-Language")).isEqualTo("zh-CN");
    }

    @Test
    void refusalsAModeratorMeetsAreWrittenInTheirLanguage() {
        long id = application();
        alice.post("/api/v1/review/applications/" + id + "/claim", null);
        String etag = etag(id);
        TestClient.Response stale = alice.send("POST", "/api/v1/review/applications/" + id + "/decision",
                "application/json", TestClient.json(APPROVE), Map.of("Idempotency-Key", "z-" + id, "If-Match", "\"99\"",
                        "Accept-Language", "zh-CN"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.problem().detail()).isEqualTo("申请 " + id + " 在你打开后已被修改（当前版本 "
                + etag.replace("\"", "") + "，你看到的是版本 99）");
        TestClient.Response taken = bob.send("POST", "/api/v1/review/applications/" + id + "/decision",
                "application/json", TestClient.json(APPROVE), Map.of("Idempotency-Key", "zb-" + id, "If-Match", etag,
                        "Accept-Language", "zh-CN"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problem().detail()).startsWith("alice 正在处理申请 " + id + "，认领到 ");
        assertThat(taken.problem().extensions()).containsEntry("holder", "alice");
        assertThat(decide(alice, id, "z2-" + id, etag, APPROVE).status()).isEqualTo(200);
        TestClient.Response again = alice.send("POST", "/api/v1/review/applications/" + id + "/decision",
                "application/json", TestClient.json(APPROVE), Map.of("Idempotency-Key", "z3-" + id,
                        "If-Match", "\"" + (Integer.parseInt(etag.replace("\"", "")) + 1) + "\"", "Accept-Language", "zh-CN"));
        assertThat(again.problem().detail()).isEqualTo("申请 " + id + " 已经是“已通过”");
        // English stays the default, with the status in words.
        TestClient.Response againEn = alice.send("POST", "/api/v1/review/applications/" + id + "/decision",
                "application/json", TestClient.json(APPROVE), Map.of("Idempotency-Key", "z4-" + id,
                        "If-Match", "\"" + (Integer.parseInt(etag.replace("\"", "")) + 1) + "\""));
        assertThat(againEn.problem().detail()).isEqualTo("Application " + id + " is already approved");
    }

    @Test
    void bulkAnswersOneOutcomePerItem() {
        long free = application();
        long held = application();
        bob.post("/api/v1/review/applications/" + held + "/claim", null);
        int v = Integer.parseInt(etag(free).replace("\"", ""));
        BulkDecisionRequest request = new BulkDecisionRequest(new DecisionRequest(DecisionKind.REJECT, "OFF_TOPIC", null, null),
                List.of(new BulkDecisionItem(free, v, "b-" + free), new BulkDecisionItem(held, v, "b-" + held)));
        TestClient.Response r = alice.post("/api/v1/review/decisions/bulk", request);
        assertThat(r.status()).isEqualTo(200);
        BulkDecisionResult result = r.as(BulkDecisionResult.class);
        assertThat(result.outcomes().get(0).result().status()).isEqualTo(ApplicationStatus.REJECTED);
        assertThat(result.outcomes().get(1).problem().type()).isEqualTo(ProblemType.CLAIMED_BY_OTHER.uri().toString());
        assertThat(result.outcomes().get(1).problem().extensions()).containsEntry("holder", "bob");
    }

    @Test
    void cityScopesAnswer403() {
        long id = application();
        TestClient.Response r = carol.get("/api/v1/review/applications/" + id);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.problem().type()).isEqualTo(ProblemType.OUT_OF_SCOPE.uri().toString());
        assertThat(carol.post("/api/v1/review/applications/" + id + "/claim", null).status()).isEqualTo(403);
    }

    @Test
    void claimNextAnswers204WhenNothingMatches() {
        QueueFilter nothing = new QueueFilter(null, 999_999L, null, null, null, null, "age");
        assertThat(alice.post("/api/v1/review/claims/next", nothing).status()).isEqualTo(204);
        long id = application();
        long circleId = alice.get("/api/v1/review/applications/" + id).as(ApplicationDetail.class).circle().id();
        TestClient.Response next = alice.post("/api/v1/review/claims/next",
                new QueueFilter(null, circleId, null, null, 0, null, "age"));
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.as(ApplicationDetail.class).claim().staffName()).isEqualTo("alice");
        assertThat(next.header("ETag")).isNotNull();
    }

    @Test
    void queueAndHealthAndReasonCodesAnswer() {
        application();
        TestClient.Response queue = alice.get("/api/v1/review/queue?sort=risk&limit=5&mode=QUESTIONS");
        assertThat(queue.status()).isEqualTo(200);
        assertThat(queue.json().get("items").size()).isBetween(1, 5);
        assertThat(alice.get("/api/v1/review/queue?sort=sideways").status()).isEqualTo(400);
        assertThat(alice.get("/api/v1/review/health").json().get("depth").asInt()).isPositive();
        List<String> codes = alice.get("/api/v1/review/reason-codes").json().findValuesAsText("code");
        assertThat(codes).startsWith("ADS", "OFF_TOPIC");
    }

    @Test
    void onlyAdminsWriteReasonCodesAndUpdatesNeedIfMatch() {
        ReasonCode code = new ReasonCode("HTTP_TEST_" + backend, Map.of("zh-CN", "测试", "en", "Test"),
                Map.of("zh-CN", "{nickname}，未通过。"), 1, null, 0, true, 0);
        assertThat(alice.post("/api/v1/review/reason-codes", code).status()).isEqualTo(403);
        TestClient.Response created = root.post("/api/v1/review/reason-codes", code);
        assertThat(created.status()).isEqualTo(201);
        String path = "/api/v1/review/reason-codes/" + code.code();
        assertThat(root.put(path, code).status()).isEqualTo(428);
        TestClient.Response updated = root.send("PUT", path, "application/json", TestClient.json(code),
                Map.of("If-Match", created.header("ETag")));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(root.send("PUT", path, "application/json", TestClient.json(code),
                Map.of("If-Match", created.header("ETag"))).status()).isEqualTo(412);
        assertThat(root.delete(path).status()).isEqualTo(204);
        assertThat(alice.get("/api/v1/review/reason-codes").json().findValuesAsText("code")).doesNotContain(code.code());
    }

    @Test
    void mediaLinksSignedByAnotherNodeOnTheSameDatabasePlayHere() throws Exception {
        byte[] secret = ReviewFeature.sharedSecret(server.server.services());
        assertThat(ReviewFeature.sharedSecret(server.server.services())).as("generated once, then read").isEqualTo(secret);
        // A second API node reads the same secret from the database and signs a link; this node accepts it.
        String path = new MediaLinks(secret, Duration.ofHours(1)).signedPath("hiking.mp4", clock.instant());
        HttpResponse<byte[]> played = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.server.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(played.statusCode()).isEqualTo(200);
        String forged = new MediaLinks("some-other-nodes-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Duration.ofHours(1)).signedPath("hiking.mp4", clock.instant());
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.server.baseUrl() + forged))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    }

    @Test
    void videoApplicationsCarryPreSignedUrlsThatServeByteRanges() throws Exception {
        clock.advance(Duration.ofSeconds(1));
        long id = server.submit("video-" + backend, circle, "filmer", null, "hiking.mp4", clock.instant());
        ApplicationDetail detail = alice.get("/api/v1/review/applications/" + id).as(ApplicationDetail.class);
        assertThat(detail.video().durationSeconds()).isEqualTo(4);
        String url = server.server.baseUrl() + detail.video().url();
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(whole.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/mp4");
        byte[] file = whole.body();
        // A player must know the size up front (JavaFX Media fails, then crashes, on a chunked clip).
        assertThat(whole.headers().firstValue("Content-Length")).contains(Integer.toString(file.length));
        assertThat(whole.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(new String(file, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");

        // Players probe with HEAD first (JavaFX Media does): same type and length as GET, no body.
        HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(URI.create(url))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Content-Type").orElseThrow()).startsWith("video/mp4");
        assertThat(head.headers().firstValue("Content-Length")).contains(Integer.toString(file.length));
        assertThat(head.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(head.body()).isEmpty();

        HttpResponse<byte[]> part = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=100-199").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 100-199/" + file.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(file, 100, 200));
        assertThat(part.headers().firstValue("Content-Length")).contains("100");

        HttpResponse<byte[]> tail = http.send(HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=-10").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(file, file.length - 10, file.length));

        HttpResponse<byte[]> beyond = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Range", "bytes=" + file.length + "-").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(beyond.statusCode()).isEqualTo(416);

        HttpResponse<String> poster = http.send(HttpRequest.newBuilder(URI.create(server.server.baseUrl()
                + detail.video().posterUrl())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/jpeg");

        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(url.replace("sig=", "sig=0"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
        clock.advance(Duration.ofHours(3));
        HttpResponse<String> expired = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(404);
    }
}
