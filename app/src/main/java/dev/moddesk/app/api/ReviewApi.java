package dev.moddesk.app.api;

import com.fasterxml.jackson.databind.JavaType;
import dev.moddesk.contract.EntityTag;
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
import dev.moddesk.contract.review.MediaHosts;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client for the circle review routes ({@code /api/v1/review/...}) on top of the session's {@link ApiClient}. Every
 * call returns a future that fails with an {@link ApiException} (a problem the server answered, or the server being
 * unreachable). Methods are overridable so view-model tests can stand in a synchronous fake.
 */
public class ReviewApi {

    private static final Logger log = LoggerFactory.getLogger(ReviewApi.class);
    private static final String BASE = "api/v1/review/";
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final ApiClient client;
    private final AtomicReference<CompletableFuture<List<String>>> mediaHosts = new AtomicReference<>();

    public ReviewApi(ApiClient client) {
        this.client = client;
    }

    public CompletableFuture<List<Circle>> circles(String city) {
        HttpUrl.Builder url = url(BASE + "circles");
        addParam(url, "city", city);
        return sendGet(url.build(), listOf(Circle.class));
    }

    public CompletableFuture<Page<ApplicationSummary>> queue(QueueFilter filter, String cursor, int limit) {
        HttpUrl.Builder url = url(BASE + "queue");
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
        return sendGet(url.build(), parametric(Page.class, ApplicationSummary.class));
    }

    /** The application with its version taken from the ETag when the server sends one. */
    public CompletableFuture<ApplicationDetail> application(long id) {
        Request request = client.request(url(BASE + "applications/" + id).build()).get().build();
        return client.<ApplicationDetail>exchange(request, type(ApplicationDetail.class)).thenApply(reply -> {
            ApplicationDetail d = reply.body();
            OptionalInt tagged = EntityTag.parse(reply.headers().get("ETag")).map(EntityTag::version)
                    .orElse(OptionalInt.empty());
            if (tagged.isPresent() && tagged.getAsInt() != d.version()) {
                log.warn("application {}: ETag version {} differs from body version {}; using the ETag",
                        id, tagged.getAsInt(), d.version());
                return new ApplicationDetail(d.id(), tagged.getAsInt(), d.circle(), d.applicant(), d.status(), d.mode(),
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
                        client.json(filter == null ? QueueFilter.all() : filter), ApplicationDetail.class)
                .thenApply(Optional::ofNullable);
    }

    public CompletableFuture<Void> release(long id) {
        Request request = client.request(url(BASE + "applications/" + id + "/claim").build()).delete().build();
        return client.exchange(request, null).thenApply(r -> null);
    }

    public CompletableFuture<Void> presence(long id) {
        return this.<Void>post(BASE + "applications/" + id + "/presence", EMPTY, null).thenApply(r -> null);
    }

    public CompletableFuture<DecisionResult> decide(long id, int version, String idempotencyKey,
                                                    DecisionRequest decision) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Request request = client.request(url(BASE + "applications/" + id + "/decision").build())
                .header("Idempotency-Key", idempotencyKey)
                .header("If-Match", EntityTag.format(version))
                .post(client.json(decision))
                .build();
        return client.<DecisionResult>exchange(request, type(DecisionResult.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<DecisionResult> undo(long id, String idempotencyKey) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Request request = client.request(url(BASE + "applications/" + id + "/undo").build())
                .header("Idempotency-Key", idempotencyKey)
                .post(EMPTY)
                .build();
        return client.<DecisionResult>exchange(request, type(DecisionResult.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<BulkDecisionResult> bulk(BulkDecisionRequest request) {
        return post(BASE + "decisions/bulk", client.json(request), BulkDecisionResult.class);
    }

    public CompletableFuture<ApplicantHistory> history(String userId) {
        HttpUrl url = url(BASE + "applicants").addPathSegment(userId).addPathSegment("history").build();
        return sendGet(url, type(ApplicantHistory.class));
    }

    public CompletableFuture<QueueHealth> health() {
        return sendGet(url(BASE + "health").build(), type(QueueHealth.class));
    }

    /** Global reason codes plus the circle's own, ordered by position (keys 1–9 map to the first nine). */
    public CompletableFuture<List<ReasonCode>> reasonCodes(Long circleId) {
        return reasonCodes(circleId, false);
    }

    /** With {@code includeInactive}, deactivated codes too (for the admins' editor). */
    public CompletableFuture<List<ReasonCode>> reasonCodes(Long circleId, boolean includeInactive) {
        HttpUrl.Builder url = url(BASE + "reason-codes");
        addParam(url, "circleId", circleId);
        if (includeInactive) {
            url.addQueryParameter("includeInactive", "true");
        }
        return sendGet(url.build(), listOf(ReasonCode.class));
    }

    public CompletableFuture<ReasonCode> createReasonCode(ReasonCode code) {
        return post(BASE + "reason-codes", client.json(code), ReasonCode.class);
    }

    /** Updates a reason code; {@code code.version()} is sent as If-Match. */
    public CompletableFuture<ReasonCode> updateReasonCode(ReasonCode code) {
        HttpUrl url = url(BASE + "reason-codes").addPathSegment(code.code()).build();
        Request request = client.request(url).header("If-Match", EntityTag.format(code.version())).put(client.json(code)).build();
        return client.<ReasonCode>exchange(request, type(ReasonCode.class)).thenApply(ApiClient.Reply::body);
    }

    /** Deactivates a reason code; the server keeps it for history. */
    public CompletableFuture<Void> deactivateReasonCode(String code) {
        HttpUrl url = url(BASE + "reason-codes").addPathSegment(code).build();
        return client.exchange(client.request(url).delete().build(), null).thenApply(r -> null);
    }

    /** Resolves a media URL from a VideoSubmission (absolute, or relative to the server) for the media player. */
    public String mediaUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        HttpUrl resolved = client.baseUrl().resolve(url);
        return resolved == null ? url : resolved.toString();
    }

    /** Largest application video the console downloads (short clips are a few MB). */
    public static final long MAX_MEDIA_BYTES = 64L * 1024 * 1024;

    /**
     * Downloads an application's video or poster (a URL from its VideoSubmission), only from where
     * {@link MediaAddresses} allows; anything else fails with {@link ApiException.Kind#MEDIA_HOST_REFUSED} and is never
     * requested. Final, so a test double cannot skip the check: it stands in {@link #fetchMedia} instead.
     */
    public final CompletableFuture<byte[]> media(String url) {
        return mediaHosts().thenCompose(hosts -> MediaAddresses.allowed(mediaServer(), hosts, url)
                .map(this::fetchMedia)
                .orElseGet(() -> {
                    log.warn("Not fetching media from a host this server does not allow: {}", shortened(url));
                    return CompletableFuture.failedFuture(ApiException.of(ApiException.Kind.MEDIA_HOST_REFUSED,
                            "Media host not allowed: " + shortened(url), null));
                }));
    }

    private static String shortened(String url) {
        String s = String.valueOf(url);
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    /** The server whose own media links are always allowed. */
    protected HttpUrl mediaServer() {
        return client.baseUrl();
    }

    /** Fetches an allowed media URL (tests stand in their own HTTP). */
    protected CompletableFuture<byte[]> fetchMedia(HttpUrl url) {
        return client.download(url, MAX_MEDIA_BYTES);
    }

    /**
     * The hosts a platform that serves its own media may use ({@code GET /api/v1/review/media-hosts}), asked once per
     * session; a server without the route allows none, a failed read is asked again next time.
     */
    public CompletableFuture<List<String>> mediaHosts() {
        CompletableFuture<List<String>> known = mediaHosts.get();
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        CompletableFuture<List<String>> asked = this.<MediaHosts>sendGet(url(BASE + "media-hosts").build(),
                        type(MediaHosts.class))
                .thenApply(MediaHosts::hosts)
                .exceptionallyCompose(e -> ApiException.find(e).filter(a -> a.is(dev.moddesk.contract.ProblemType.NOT_FOUND))
                        .<CompletableFuture<List<String>>>map(a -> CompletableFuture.completedFuture(List.of()))
                        .orElseGet(() -> CompletableFuture.failedFuture(e)));
        mediaHosts.set(asked);
        return asked;
    }

    private <T> CompletableFuture<T> sendGet(HttpUrl url, JavaType type) {
        return client.<T>exchange(client.request(url).get().build(), type).thenApply(ApiClient.Reply::body);
    }

    private <T> CompletableFuture<T> post(String path, RequestBody body, Class<T> type) {
        Request request = client.request(url(path).build()).post(body).build();
        return client.<T>exchange(request, type == null ? null : type(type)).thenApply(ApiClient.Reply::body);
    }

    private HttpUrl.Builder url(String path) {
        return client.url(path);
    }

    private JavaType type(Class<?> raw) {
        return client.type(raw);
    }

    private JavaType listOf(Class<?> element) {
        return client.listOf(element);
    }

    private JavaType parametric(Class<?> raw, Class<?>... params) {
        return client.parametric(raw, params);
    }

    private static void addParam(HttpUrl.Builder url, String name, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            url.addQueryParameter(name, value instanceof Enum<?> e ? e.name() : String.valueOf(value));
        }
    }
}
