package dev.moddesk.app.api;

import dev.moddesk.contract.EntityTag;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.creators.BulkChange;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.ChangeResult;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.GroupOrder;
import dev.moddesk.contract.creators.HistoryEntry;
import dev.moddesk.contract.creators.QuotaDecision;
import dev.moddesk.contract.creators.QuotaRequestView;
import dev.moddesk.contract.creators.Tier;
import dev.moddesk.contract.creators.TierChange;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The creator routes ({@code /api/v1/creators}, {@code /creator-tiers}, {@code /creator-quota-requests}; OPS reads,
 * ADMIN writes) on the session's {@link ApiClient}. Writes send {@code If-Match} written by {@link EntityTag}; a
 * settings change also its {@code Idempotency-Key}. A 412 carries the fresh state, read by {@link #current}.
 */
public class CreatorsApi {
    private static final String CREATORS = "api/v1/creators";
    private static final String TIERS = "api/v1/creator-tiers";
    private static final String REQUESTS = "api/v1/creator-quota-requests";

    private final ApiClient client;

    public CreatorsApi(ApiClient client) {
        this.client = Objects.requireNonNull(client);
    }

    /** Search as you type: a name prefix or an exact creator/user id, optionally one tier and one feature flag on. */
    public CompletableFuture<Page<CreatorSummary>> search(String query, String tier, String feature, int limit) {
        HttpUrl.Builder url = client.url(CREATORS).addQueryParameter("limit", Integer.toString(limit));
        if (query != null && !query.isBlank()) {
            url.addQueryParameter("query", query.strip());
        }
        if (tier != null) {
            url.addQueryParameter("tier", tier);
        }
        if (feature != null) {
            url.addQueryParameter("feature", feature);
        }
        return get(url.build(), client.parametric(Page.class, CreatorSummary.class));
    }

    public CompletableFuture<CreatorDetail> creator(long id) {
        return get(creatorUrl(id).build(), client.type(CreatorDetail.class));
    }

    /** The newest {@code limit} changes of a creator, newest first. */
    public CompletableFuture<List<HistoryEntry>> history(long id, int limit) {
        return get(creatorUrl(id).addPathSegment("history").addQueryParameter("limit", Integer.toString(limit)).build(),
                client.listOf(HistoryEntry.class));
    }

    /** What {@code change} would do to the creator, without doing it (a broken feature rule is a 422). */
    public CompletableFuture<ChangeEffect> preview(long id, CreatorChange change) {
        Request request = client.request(creatorUrl(id).addPathSegments("settings/preview").build())
                .post(client.json(change)).build();
        return client.<ChangeEffect>exchange(request, client.type(ChangeEffect.class)).thenApply(ApiClient.Reply::body);
    }

    /** Applies {@code change} if the creator is still at {@code version} (else 412 with the current state). */
    public CompletableFuture<ChangeResult> change(long id, int version, String idempotencyKey, CreatorChange change) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Request request = client.request(creatorUrl(id).addPathSegment("settings").build())
                .header("If-Match", EntityTag.format(version))
                .header("Idempotency-Key", idempotencyKey)
                .put(client.json(change)).build();
        return client.<ChangeResult>exchange(request, client.type(ChangeResult.class)).thenApply(ApiClient.Reply::body);
    }

    /** Puts these groups first in the profile's display order. */
    public CompletableFuture<ChangeResult> reorder(long id, int version, GroupOrder order) {
        Request request = client.request(creatorUrl(id).addPathSegment("group-order").build())
                .header("If-Match", EntityTag.format(version))
                .put(client.json(order)).build();
        return client.<ChangeResult>exchange(request, client.type(ChangeResult.class)).thenApply(ApiClient.Reply::body);
    }

    public CompletableFuture<List<Tier>> tiers() {
        return get(client.url(TIERS).build(), client.listOf(Tier.class));
    }

    /** What one change to the selected creators would do, per creator. */
    public CompletableFuture<BulkResult> previewBulk(BulkChange change) {
        Request request = client.request(client.url(CREATORS).addPathSegment("bulk").addPathSegment("preview").build())
                .post(client.json(change)).build();
        return client.<BulkResult>exchange(request, client.type(BulkResult.class)).thenApply(ApiClient.Reply::body);
    }

    /** Applies one change to the selected creators; one outcome per creator. */
    public CompletableFuture<BulkResult> applyBulk(BulkChange change) {
        Request request = client.request(client.url(CREATORS).addPathSegment("bulk").build())
                .post(client.json(change)).build();
        return client.<BulkResult>exchange(request, client.type(BulkResult.class)).thenApply(ApiClient.Reply::body);
    }

    /** What new tier defaults would do, per creator. */
    public CompletableFuture<BulkResult> previewTier(String code, TierChange change) {
        Request request = client.request(client.url(TIERS).addPathSegment(code).addPathSegment("preview").build())
                .post(client.json(change)).build();
        return client.<BulkResult>exchange(request, client.type(BulkResult.class)).thenApply(ApiClient.Reply::body);
    }

    /** Changes a tier's defaults if the tier is still at {@code version}. */
    public CompletableFuture<BulkResult> changeTier(String code, int version, TierChange change) {
        Request request = client.request(client.url(TIERS).addPathSegment(code).build())
                .header("If-Match", EntityTag.format(version))
                .put(client.json(change)).build();
        return client.<BulkResult>exchange(request, client.type(BulkResult.class)).thenApply(ApiClient.Reply::body);
    }

    /** Quota requests of {@code status} (null: all), oldest first. */
    public CompletableFuture<Page<QuotaRequestView>> quotaRequests(String status, int limit) {
        HttpUrl.Builder url = client.url(REQUESTS).addQueryParameter("limit", Integer.toString(limit));
        if (status != null) {
            url.addQueryParameter("status", status);
        }
        return get(url.build(), client.parametric(Page.class, QuotaRequestView.class));
    }

    /** Decides a request if it is still at {@code version}. */
    public CompletableFuture<QuotaRequestView> decide(long requestId, int version, QuotaDecision decision) {
        Request request = client.request(client.url(REQUESTS).addPathSegment(Long.toString(requestId))
                        .addPathSegment("decision").build())
                .header("If-Match", EntityTag.format(version))
                .post(client.json(decision)).build();
        return client.<QuotaRequestView>exchange(request, client.type(QuotaRequestView.class))
                .thenApply(ApiClient.Reply::body);
    }

    /**
     * The fresh state a 412 carries in its {@code current} member, read as {@code type} (the transport keeps an
     * object member as its JSON text; a member that is not such an object reads as empty).
     */
    public <T> Optional<T> current(Throwable failure, Class<T> type) {
        return ApiException.find(failure).flatMap(ApiException::problem)
                .map(p -> p.extensions().get("current"))
                .flatMap(current -> {
                    try {
                        return Optional.of(current instanceof String json ? client.mapper().readValue(json, type)
                                : client.mapper().convertValue(current, type));
                    } catch (java.io.IOException | IllegalArgumentException e) {
                        return Optional.empty();
                    }
                });
    }

    private HttpUrl.Builder creatorUrl(long id) {
        return client.url(CREATORS).addPathSegment(Long.toString(id));
    }

    private <T> CompletableFuture<T> get(HttpUrl url, com.fasterxml.jackson.databind.JavaType type) {
        return client.<T>exchange(client.request(url).get().build(), type).thenApply(ApiClient.Reply::body);
    }
}
