package dev.moddesk.app.api;

import dev.moddesk.contract.Page;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the circle review routes ({@code /api/v1/review/...}). Every call returns a future that fails with
 * {@link java.io.IOException} when the server cannot be reached and with {@link ApiProblemException} when it answers
 * with a problem. Methods are overridable so view-model tests can stand in a synchronous fake.
 */
public class ReviewApi {

    private static final Logger log = LoggerFactory.getLogger(ReviewApi.class);
    private static final String BASE = "api/v1/review/";
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final ReviewHttp http;

    public ReviewApi(ReviewHttp http) {
        this.http = http;
    }

    public CompletableFuture<List<Circle>> circles(String city) {
        HttpUrl.Builder url = http.url(BASE + "circles");
        addParam(url, "city", city);
        return sendGet(url.build(), http.listOf(Circle.class));
    }

    public CompletableFuture<Page<ApplicationSummary>> queue(QueueFilter filter, String cursor, int limit) {
        HttpUrl.Builder url = http.url(BASE + "queue");
        QueueFilter f = filter == null ? QueueFilter.all() : filter;
        addParam(url, "city", f.city());
        addParam(url, "circleId", f.circleId());
        addParam(url, "mode", f.mode());
        addParam(url, "minRisk", f.minRisk());
        addParam(url, "olderThanMinutes", f.olderThanMinutes());
        addParam(url, "query", f.query());
        addParam(url, "sort", f.sort());
        addParam(url, "cursor", cursor);
        addParam(url, "limit", limit > 0 ? limit : null);
        return sendGet(url.build(), http.parametric(Page.class, ApplicationSummary.class));
    }

    /** The application with its version taken from the ETag when the server sends one. */
    public CompletableFuture<ApplicationDetail> application(long id) {
        Request request = http.request(http.url(BASE + "applications/" + id).build()).get().build();
        return http.<ApplicationDetail>send(request, http.type(ApplicationDetail.class)).thenApply(reply -> {
            ApplicationDetail d = reply.body();
            Optional<Integer> tagged = versionOf(reply.headers().get("ETag"));
            if (tagged.isPresent() && tagged.get() != d.version()) {
                log.warn("application {}: ETag version {} differs from body version {}; using the ETag",
                        id, tagged.get(), d.version());
                return new ApplicationDetail(d.id(), tagged.get(), d.circle(), d.applicant(), d.status(), d.mode(),
                        d.answers(), d.video(), d.submittedAt(), d.riskScore(), d.risks(), d.claim(), d.viewers(),
                        d.decision());
            }
            return d;
        });
    }

    /** Claims the application or renews a claim I already hold. */
    public CompletableFuture<ClaimInfo> claim(long id) {
        return post(BASE + "applications/" + id + "/claim", EMPTY, ClaimInfo.class);
    }

    /** Claims the next application matching the filter; empty when none is left. */
    public CompletableFuture<Optional<ApplicationDetail>> claimNext(QueueFilter filter) {
        return this.<ApplicationDetail>post(BASE + "claims/next",
                        http.body(filter == null ? QueueFilter.all() : filter), ApplicationDetail.class)
                .thenApply(Optional::ofNullable);
    }

    public CompletableFuture<Void> release(long id) {
        Request request = http.request(http.url(BASE + "applications/" + id + "/claim").build()).delete().build();
        return http.send(request, null).thenApply(r -> null);
    }

    public CompletableFuture<Void> presence(long id) {
        return this.<Void>post(BASE + "applications/" + id + "/presence", EMPTY, null).thenApply(r -> null);
    }

    public CompletableFuture<DecisionResult> decide(long id, int version, String idempotencyKey,
                                                    DecisionRequest decision) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Request request = http.request(http.url(BASE + "applications/" + id + "/decision").build())
                .header("Idempotency-Key", idempotencyKey)
                .header("If-Match", etagOf(version))
                .post(http.body(decision))
                .build();
        return http.<DecisionResult>send(request, http.type(DecisionResult.class)).thenApply(ReviewHttp.Reply::body);
    }

    public CompletableFuture<DecisionResult> undo(long id, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Request request = http.request(http.url(BASE + "applications/" + id + "/undo").build())
                .header("Idempotency-Key", idempotencyKey)
                .post(EMPTY)
                .build();
        return http.<DecisionResult>send(request, http.type(DecisionResult.class)).thenApply(ReviewHttp.Reply::body);
    }

    public CompletableFuture<BulkDecisionResult> bulk(BulkDecisionRequest request) {
        return post(BASE + "decisions/bulk", http.body(request), BulkDecisionResult.class);
    }

    public CompletableFuture<ApplicantHistory> history(String userId) {
        HttpUrl url = http.url(BASE + "applicants").addPathSegment(userId).addPathSegment("history").build();
        return sendGet(url, http.type(ApplicantHistory.class));
    }

    public CompletableFuture<QueueHealth> health() {
        return sendGet(http.url(BASE + "health").build(), http.type(QueueHealth.class));
    }

    /** Global reason codes plus the circle's own, ordered by position (keys 1–9 map to the first nine). */
    public CompletableFuture<List<ReasonCode>> reasonCodes(Long circleId) {
        HttpUrl.Builder url = http.url(BASE + "reason-codes");
        addParam(url, "circleId", circleId);
        return sendGet(url.build(), http.listOf(ReasonCode.class));
    }

    public CompletableFuture<ReasonCode> createReasonCode(ReasonCode code) {
        return post(BASE + "reason-codes", http.body(code), ReasonCode.class);
    }

    /** Updates a reason code; {@code code.version()} is sent as If-Match. */
    public CompletableFuture<ReasonCode> updateReasonCode(ReasonCode code) {
        HttpUrl url = http.url(BASE + "reason-codes").addPathSegment(code.code()).build();
        Request request = http.request(url).header("If-Match", etagOf(code.version())).put(http.body(code)).build();
        return http.<ReasonCode>send(request, http.type(ReasonCode.class)).thenApply(ReviewHttp.Reply::body);
    }

    /** Deactivates a reason code; the server keeps it for history. */
    public CompletableFuture<Void> deactivateReasonCode(String code) {
        HttpUrl url = http.url(BASE + "reason-codes").addPathSegment(code).build();
        return http.send(http.request(url).delete().build(), null).thenApply(r -> null);
    }

    /** Resolves a media URL from a VideoSubmission (absolute, or relative to the server) for the media player. */
    public String mediaUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        HttpUrl resolved = http.baseUrl().resolve(url);
        return resolved == null ? url : resolved.toString();
    }

    public static String etagOf(int version) {
        return "\"" + version + "\"";
    }

    static Optional<Integer> versionOf(String etag) {
        if (etag == null) {
            return Optional.empty();
        }
        String v = etag.startsWith("W/") ? etag.substring(2) : etag;
        v = v.replace("\"", "").trim();
        try {
            return Optional.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private <T> CompletableFuture<T> sendGet(HttpUrl url, com.fasterxml.jackson.databind.JavaType type) {
        return http.<T>send(http.request(url).get().build(), type).thenApply(ReviewHttp.Reply::body);
    }

    private <T> CompletableFuture<T> post(String path, RequestBody body, Class<T> type) {
        Request request = http.request(http.url(path).build()).post(body).build();
        return http.<T>send(request, type == null ? null : http.type(type)).thenApply(ReviewHttp.Reply::body);
    }

    private static void addParam(HttpUrl.Builder url, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            url.addQueryParameter(name, value instanceof Enum<?> e ? e.name() : String.valueOf(value));
        }
    }
}
