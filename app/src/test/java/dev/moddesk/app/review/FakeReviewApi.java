package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.review.ApplicantHistory;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.BulkDecisionRequest;
import dev.moddesk.contract.review.BulkDecisionResult;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.review.DecisionResult;
import dev.moddesk.contract.review.QueueFilter;
import dev.moddesk.contract.review.QueueHealth;
import dev.moddesk.contract.review.ReasonCode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A synchronous review API over {@link FakeReviewServer}: futures are complete when the call returns, unless
 * {@link #answerThrough} says where answers arrive.
 */
public final class FakeReviewApi extends ReviewApi {

    private final FakeReviewServer server;
    private final String staff;
    private volatile boolean offline;
    private volatile Executor answers;
    private volatile okhttp3.HttpUrl mediaServer = okhttp3.HttpUrl.get("http://127.0.0.1:9/");
    private volatile java.util.List<String> mediaHosts = java.util.List.of();
    private final java.util.concurrent.atomic.AtomicInteger mediaFetches = new java.util.concurrent.atomic.AtomicInteger();

    public FakeReviewApi(FakeReviewServer server, String staff) {
        super(null);
        this.server = server;
        this.staff = staff;
    }

    public void setOffline(boolean value) {
        offline = value;
    }

    /** From now on answers arrive through {@code executor} (an HTTP client's thread, say) instead of at once. */
    public void answerThrough(Executor executor) {
        answers = executor;
    }

    private <T> CompletableFuture<T> call(Supplier<T> body) {
        Executor through = answers;
        if (through != null) {
            CompletableFuture<T> answer = new CompletableFuture<>();
            through.execute(() -> answer(body).whenComplete((value, error) -> {
                if (error != null) {
                    answer.completeExceptionally(error);
                } else {
                    answer.complete(value);
                }
            }));
            return answer;
        }
        return answer(body);
    }

    private <T> CompletableFuture<T> answer(Supplier<T> body) {
        if (offline) {
            return CompletableFuture.failedFuture(ApiException.of(ApiException.Kind.UNREACHABLE, "network is down",
                    new IOException("network is down")));
        }
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Page<ApplicationSummary>> queue(QueueFilter filter, String cursor, int limit) {
        return call(() -> server.queue(filter));
    }

    @Override
    public CompletableFuture<List<dev.moddesk.contract.review.Circle>> circles(String city) {
        return call(() -> List.of(server.circle()));
    }

    @Override
    public CompletableFuture<ApplicationDetail> application(long id) {
        return call(() -> server.detail(staff, id));
    }

    @Override
    public CompletableFuture<ClaimInfo> claim(long id) {
        return call(() -> server.claim(staff, id));
    }

    @Override
    public CompletableFuture<Optional<ApplicationDetail>> claimNext(QueueFilter filter) {
        return call(() -> server.claimNext(staff, filter));
    }

    @Override
    public CompletableFuture<Void> release(long id) {
        return call(() -> {
            server.release(staff, id);
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> presence(long id) {
        return call(() -> {
            server.presence(staff, id);
            return null;
        });
    }

    @Override
    public CompletableFuture<DecisionResult> decide(long id, int version, String key, DecisionRequest decision) {
        return call(() -> server.decide(staff, id, version, key, decision));
    }

    @Override
    public CompletableFuture<DecisionResult> undo(long id, String key) {
        return call(() -> server.undo(staff, id, key));
    }

    @Override
    public CompletableFuture<BulkDecisionResult> bulk(BulkDecisionRequest request) {
        return call(() -> server.bulk(staff, request));
    }

    @Override
    public CompletableFuture<ApplicantHistory> history(String userId) {
        return call(() -> server.history(userId));
    }

    @Override
    public CompletableFuture<QueueHealth> health() {
        return call(server::health);
    }

    @Override
    public CompletableFuture<List<ReasonCode>> reasonCodes(Long circleId) {
        return call(server::reasonCodes);
    }

    @Override
    public CompletableFuture<List<ReasonCode>> reasonCodes(Long circleId, boolean includeInactive) {
        return includeInactive ? call(server::allReasonCodes) : call(server::reasonCodes);
    }

    @Override
    public CompletableFuture<ReasonCode> createReasonCode(ReasonCode code) {
        return call(() -> server.createReasonCode(code));
    }

    @Override
    public CompletableFuture<ReasonCode> updateReasonCode(ReasonCode code) {
        return call(() -> server.updateReasonCode(code, code.version()));
    }

    @Override
    public CompletableFuture<Void> deactivateReasonCode(String code) {
        return call(() -> {
            server.deactivateReasonCode(code);
            return null;
        });
    }

    @Override
    public String mediaUrl(String url) {
        return url;
    }

    /** The "server" whose own media links are allowed; a test serving clips on its own port names it here. */
    public void mediaServer(String url) {
        mediaServer = okhttp3.HttpUrl.get(url);
    }

    /** The hosts of a platform that serves its own media ({@code --media-host}). */
    public void mediaHosts(java.util.List<String> hosts) {
        mediaHosts = java.util.List.copyOf(hosts);
    }

    /** How many media fetches the allow-list let through. */
    public int mediaFetches() {
        return mediaFetches.get();
    }

    @Override
    protected okhttp3.HttpUrl mediaServer() {
        return mediaServer;
    }

    @Override
    public CompletableFuture<java.util.List<String>> mediaHosts() {
        return CompletableFuture.completedFuture(mediaHosts);
    }

    /** Real HTTP for media, so a test can serve a clip (or point at nothing) the way the server would. */
    @Override
    protected CompletableFuture<byte[]> fetchMedia(okhttp3.HttpUrl url) {
        mediaFetches.incrementAndGet();
        return java.net.http.HttpClient.newHttpClient()
                .sendAsync(java.net.http.HttpRequest.newBuilder(url.uri()).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    if (error != null) {
                        throw ApiException.of(ApiException.Kind.UNREACHABLE, "The server cannot be reached.", error);
                    }
                    if (response.statusCode() == 404) {
                        throw ApiException.problem(new dev.moddesk.contract.Problem(
                                dev.moddesk.contract.ProblemType.NOT_FOUND.uri().toString(), "Not found", 404, null,
                                null, java.util.List.of(), java.util.Map.of()), null);
                    }
                    if (response.statusCode() != 200) {
                        throw ApiException.of(ApiException.Kind.BAD_RESPONSE, "HTTP " + response.statusCode(), null);
                    }
                    return response.body();
                });
    }
}
