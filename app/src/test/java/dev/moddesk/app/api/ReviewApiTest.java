package dev.moddesk.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.ReasonCode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewApiTest {

    private MockWebServer server;
    private ReviewApi api;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        ApiClient client = new ApiClient(server.url("/"), new OkHttpClient(), Json.mapper());
        client.useToken("tok-1");
        api = new ReviewApi(client);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private void respond(int code, String body) {
        server.enqueue(new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
                .body(body).build());
    }

    @Test
    void decisionSendsIdempotencyKeyIfMatchAndBearer() throws Exception {
        respond(200, "{\"applicationId\":5,\"status\":\"REJECTED\",\"version\":4,"
                + "\"undoableUntil\":\"2026-11-24T12:00:10Z\",\"applicantMessage\":\"抱歉\"}");

        DecisionResult r = await(api.decide(5, 3, "k-1", new DecisionRequest(DecisionKind.REJECT, "SPAM", null, null)));

        RecordedRequest req = server.takeRequest();
        assertThat(req.getMethod()).isEqualTo("POST");
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/review/applications/5/decision");
        assertThat(req.getHeaders().get("Idempotency-Key")).isEqualTo("k-1");
        assertThat(req.getHeaders().get("If-Match")).isEqualTo("\"3\"");
        assertThat(req.getHeaders().get("Authorization")).isEqualTo("Bearer tok-1");
        assertThat(req.getBody().utf8()).contains("\"kind\":\"REJECT\"", "\"reasonCode\":\"SPAM\"");
        assertThat(r.status().name()).isEqualTo("REJECTED");
        assertThat(r.applicantMessage()).isEqualTo("抱歉");
    }

    @Test
    void claimConflictCarriesHolderAndUntil() {
        server.enqueue(new MockResponse.Builder().code(409).setHeader("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://moddesk.dev/problems/claimed-by-other\",\"title\":\"held\",\"status\":409,"
                        + "\"holder\":\"wang\",\"until\":\"2026-11-24T12:05:00Z\"}").build());

        assertThatThrownBy(() -> await(api.claim(9)))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOfSatisfying(ApiException.class, p -> {
                    assertThat(p.is(ProblemType.CLAIMED_BY_OTHER)).isTrue();
                    assertThat(p.problem().orElseThrow().extensions())
                            .containsEntry("holder", "wang").containsEntry("until", "2026-11-24T12:05:00Z");
                });
    }

    @Test
    void applicationVersionFollowsTheEtag() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("ETag", "\"8\"")
                .body("{\"id\":3,\"version\":7,\"status\":\"PENDING\",\"mode\":\"VIDEO\"}").build());

        ApplicationDetail d = await(api.application(3));

        assertThat(d.version()).isEqualTo(8);
        assertThat(d.mode()).isEqualTo(JoinMode.VIDEO);
    }

    @Test
    void queueSendsEveryFilterAsQueryParameters() throws Exception {
        respond(200, "{\"items\":[{\"id\":1,\"circleName\":\"成都徒步\",\"riskCodes\":[\"NEW_ACCOUNT\"]}],"
                + "\"nextCursor\":\"c2\"}");

        var page = await(api.queue(new QueueFilter("成都", 7L, JoinMode.VIDEO, 30, 15, "微信", "risk"), "c1", 50));

        var url = server.takeRequest().getUrl();
        assertThat(url.queryParameter("city")).isEqualTo("成都");
        assertThat(url.queryParameter("circleId")).isEqualTo("7");
        assertThat(url.queryParameter("mode")).isEqualTo("VIDEO");
        assertThat(url.queryParameter("minRisk")).isEqualTo("30");
        assertThat(url.queryParameter("olderThanMinutes")).isEqualTo("15");
        assertThat(url.queryParameter("query")).isEqualTo("微信");
        assertThat(url.queryParameter("sort")).isEqualTo("risk");
        assertThat(url.queryParameter("cursor")).isEqualTo("c1");
        assertThat(url.queryParameter("limit")).isEqualTo("50");
        assertThat(page.items()).singleElement().satisfies(s -> assertThat(s.riskCodes()).containsExactly("NEW_ACCOUNT"));
        assertThat(page.nextCursor()).isEqualTo("c2");
    }

    @Test
    void claimNextAnswersEmptyOn204() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());

        Optional<ApplicationDetail> next = await(api.claimNext(QueueFilter.all()));

        assertThat(next).isEmpty();
        RecordedRequest req = server.takeRequest();
        assertThat(req.getUrl().encodedPath()).isEqualTo("/api/v1/review/claims/next");
        assertThat(req.getBody().utf8()).contains("\"sort\":\"age\"");
    }

    @Test
    void everyOtherRouteHitsItsPathAndMethod() throws Exception {
        server.enqueue(new MockResponse.Builder().code(204).build());
        server.enqueue(new MockResponse.Builder().code(204).build());
        respond(200, "{\"applicationId\":5,\"status\":\"PENDING\",\"version\":5}");
        respond(200, "{\"outcomes\":[]}");
        respond(200, "{\"applications\":[]}");
        respond(200, "{\"depth\":3}");
        respond(200, "[]");
        respond(201, "{\"code\":\"X\",\"position\":1,\"active\":true,\"version\":1}");
        respond(200, "{\"code\":\"X\",\"position\":1,\"active\":true,\"version\":3}");
        server.enqueue(new MockResponse.Builder().code(204).build());
        respond(200, "[]");

        await(api.release(5));
        await(api.presence(5));
        await(api.undo(5, "u-1"));
        await(api.bulk(new dev.moddesk.contract.review.BulkDecisionRequest(
                new DecisionRequest(DecisionKind.APPROVE, null, null, null), java.util.List.of())));
        await(api.history("user 1"));
        assertThat(await(api.health()).depth()).isEqualTo(3);
        await(api.reasonCodes(7L));
        ReasonCode x = new ReasonCode("X", Map.of("en", "x"), Map.of(), 3, null, 1, true, 2);
        await(api.createReasonCode(x));
        assertThat(await(api.updateReasonCode(x)).version()).isEqualTo(3);
        await(api.deactivateReasonCode("X"));
        await(api.circles("成都"));

        String[] expected = {
            "DELETE /api/v1/review/applications/5/claim",
            "POST /api/v1/review/applications/5/presence",
            "POST /api/v1/review/applications/5/undo",
            "POST /api/v1/review/decisions/bulk",
            "GET /api/v1/review/applicants/user%201/history",
            "GET /api/v1/review/health",
            "GET /api/v1/review/reason-codes",
            "POST /api/v1/review/reason-codes",
            "PUT /api/v1/review/reason-codes/X",
            "DELETE /api/v1/review/reason-codes/X",
            "GET /api/v1/review/circles",
        };
        for (String line : expected) {
            RecordedRequest req = server.takeRequest();
            assertThat(req.getMethod() + " " + req.getUrl().encodedPath()).isEqualTo(line);
            if (line.contains("undo")) {
                assertThat(req.getHeaders().get("Idempotency-Key")).isEqualTo("u-1");
            }
            if (line.startsWith("PUT")) {
                assertThat(req.getHeaders().get("If-Match")).isEqualTo("\"2\"");
            }
            if (line.contains("reason-codes") && line.startsWith("GET")) {
                assertThat(req.getUrl().queryParameter("circleId")).isEqualTo("7");
            }
        }
    }

    @Test
    void unreachableServerFailsWithIoException() throws Exception {
        server.close();

        assertThatThrownBy(() -> await(api.health())).cause().isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.kind()).isEqualTo(ApiException.Kind.UNREACHABLE));
    }

    @Test
    void nonProblemErrorStillBecomesAProblem() {
        server.enqueue(new MockResponse.Builder().code(502).body("<html>bad gateway</html>").build());

        assertThatThrownBy(() -> await(api.health())).cause()
                .isInstanceOfSatisfying(ApiException.class,
                        p -> assertThat(p.problem().orElseThrow().status()).isEqualTo(502));
    }

    @Test
    void mediaUrlsResolveAgainstTheServer() {
        assertThat(api.mediaUrl("/api/v1/media/k1?exp=1&sig=a")).isEqualTo(server.url("/api/v1/media/k1?exp=1&sig=a").toString());
        assertThat(api.mediaUrl("https://cdn.example/v.mp4")).isEqualTo("https://cdn.example/v.mp4");
    }
}
