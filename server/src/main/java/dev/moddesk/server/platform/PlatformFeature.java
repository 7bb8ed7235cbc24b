package dev.moddesk.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreateWebhookRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.contract.platform.RedeliveriesQueued;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.contract.platform.WebhookTestSent;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.BearerToken;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's two faces of the API plus their administration: the ingest API and the action feed (platform
 * service key), keys and webhooks (ADMIN), and the webhook delivery worker. Every admin change is audited in its own
 * transaction.
 */
public final class PlatformFeature implements Feature {

    /** Context attribute with the authenticated platform key's id. */
    static final String KEY_ID_ATTRIBUTE = "moddesk.platformKeyId";
    private static final String BASE = "/api/v1/platform";

    private final PlatformGateway gateway;
    private final PlatformAdmin admin;
    private final WebhookDeliveryWorker worker;
    private final Map<IngestStatus, Counter> ingested = new EnumMap<>(IngestStatus.class);
    private final Instant countingSince;

    public PlatformFeature(Services services) {
        this(services, WebhookDeliverySettings.defaults());
    }

    public PlatformFeature(Services services, WebhookDeliverySettings deliverySettings) {
        this.gateway = PlatformGateway.of(services);
        this.admin = new PlatformAdmin(services, gateway);
        this.worker = gateway.deliveryWorker(deliverySettings, "moddesk-webhook-delivery");
        this.countingSince = services.clock().instant();
        PlatformLifecycle.register(services);
        for (IngestStatus status : IngestStatus.values()) {
            ingested.put(status, Counter.builder("moddesk.ingest.events")
                    .description("Platform events received, by outcome")
                    .tag("outcome", status.name().toLowerCase(Locale.ROOT))
                    .register(services.metrics()));
        }
    }

    @Override
    public void register(Api api) {
        api.authenticator(Access.Kind.PLATFORM, this::authenticate);

        api.post(BASE + "/events").summary("Push platform events (at most " + IngestBatch.MAX_EVENTS + " per call)")
                .description("Each event is applied exactly once by its eventId: a replay answers DUPLICATE. "
                        + "One outcome per event, in order; a REJECTED event carries its problem and may be sent "
                        + "again under the same id once fixed.")
                .tag("platform")
                .access(Access.platform())
                .body(IngestBatch.class)
                .response(200, IngestBatchResult.class)
                .handle(this::ingest);
        api.get(BASE + "/actions").summary("Pull the action feed by cursor")
                .description("Actions with an id greater than after, oldest first. With wait (seconds, at most 30) "
                        + "an empty answer is held until an action appears or the wait ends.")
                .tag("platform")
                .access(Access.platform())
                .query("after", Long.class, "the nextCursor of the previous page (default 0: from the start)")
                .query("limit", Integer.class, "page size, 1-500 (default 100)")
                .query("wait", Integer.class, "long-poll seconds, 0-30 (default 0)")
                .response(200, ActionFeedPage.class)
                .handle(this::actions);

        api.get(BASE + "/keys").summary("List platform service keys").tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(200, PlatformKey[].class)
                .handle(call -> admin.keys());
        api.post(BASE + "/keys").summary("Create a platform service key (shown only in this answer)").tag("platform")
                .access(Access.role(Role.ADMIN))
                .body(CreatePlatformKeyRequest.class)
                .response(201, CreatedPlatformKey.class)
                .handle(this::createKey);
        api.delete(BASE + "/keys/{id}").pathParam("id", Long.class).summary("Revoke a platform service key at once").tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(204)
                .handle(this::revokeKey);

        api.get(BASE + "/webhooks").summary("List webhook endpoints").tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(200, Webhook[].class)
                .handle(call -> admin.webhooks());
        api.post(BASE + "/webhooks").summary("Add a webhook endpoint (its secret is shown only in this answer)")
                .description("The URL must be https and resolve to public addresses only (422 naming url "
                        + "otherwise), unless the server runs with --allow-private-webhooks.")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .body(CreateWebhookRequest.class)
                .response(201, CreatedWebhook.class)
                .handle(this::createWebhook);
        api.delete(BASE + "/webhooks/{id}").pathParam("id", Long.class).summary("Delete a webhook endpoint; undelivered actions are cancelled")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(204)
                .handle(this::deleteWebhook);
        api.post(BASE + "/webhooks/{id}/test").pathParam("id", Long.class).summary("Send a platform.test action to this endpoint only")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(202, WebhookTestSent.class)
                .handle(this::testWebhook);
        api.get(BASE + "/webhooks/{id}/deliveries").pathParam("id", Long.class)
                .summary("Recent deliveries to this endpoint, newest first (kept after the endpoint is deleted)")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .query("limit", Integer.class, "how many, 1-500 (default 50)")
                .response(200, WebhookDelivery[].class)
                .handle(this::deliveries);
        api.post(BASE + "/webhooks/{id}/deliveries/{deliveryId}/redeliver").pathParam("id", Long.class)
                .pathParam("deliveryId", Long.class)
                .summary("Send one FAILED delivery again, with a fresh retry schedule")
                .description("404 for an unknown endpoint or delivery, 409 when the delivery is not FAILED or the "
                        + "endpoint is paused. Audited as webhook.redeliver.")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(202, WebhookDelivery.class)
                .handle(this::redeliver);
        api.post(BASE + "/webhooks/{id}/deliveries/redeliver-failed").pathParam("id", Long.class)
                .summary("Send every FAILED delivery of this endpoint again, with a fresh retry schedule")
                .description("A delivery that gave up after its last attempt is otherwise lost to a platform that "
                        + "only receives webhooks. 409 when the endpoint is paused. Audited as webhook.redeliver.")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(202, RedeliveriesQueued.class)
                .handle(this::redeliverFailed);
        api.get(BASE + "/status").summary("Integration health: keys, events, actions, deliveries").tag("platform")
                .description("eventsDuplicate and eventsRejected count what the answering node saw since "
                        + "countedSince (its start).")
                .access(Access.role(Role.ADMIN))
                .response(200, PlatformStatus.class)
                .handle(call -> admin.status(new PlatformAdmin.IngestCounts(
                        (long) ingested.get(IngestStatus.DUPLICATE).count(),
                        (long) ingested.get(IngestStatus.REJECTED).count(), countingSince)));
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        gateway.feed().close();
        worker.close();
    }

    private Optional<Principal> authenticate(Context ctx, String clientAddress) {
        return BearerToken.of(ctx).flatMap(token -> gateway.keys().authenticate(token)).map(key -> {
            ctx.attribute(KEY_ID_ATTRIBUTE, key.id());
            return Principal.platform(key.name(), clientAddress);
        });
    }

    private IngestBatchResult ingest(Call call) {
        IngestBatch batch = call.body();
        if (batch.events().isEmpty()) {
            throw ProblemException.invalid("events", "platform.field.noEvents");
        }
        if (batch.events().size() > IngestBatch.MAX_EVENTS) {
            throw ProblemException.invalid("events", "platform.field.tooManyEvents", IngestBatch.MAX_EVENTS,
                    batch.events().size());
        }
        List<JsonNode> events = new ArrayList<>(batch.events().size());
        for (IngestEvent event : batch.events()) {
            events.add(event == null ? null : Json.mapper().valueToTree(event));
        }
        Long keyId = call.ctx().attribute(KEY_ID_ATTRIBUTE);
        IngestBatchResult result = gateway.ingest().ingest(keyId, events, call.language());
        ingested.get(IngestStatus.APPLIED).increment(result.applied());
        ingested.get(IngestStatus.DUPLICATE).increment(result.duplicates());
        ingested.get(IngestStatus.REJECTED).increment(result.rejected());
        return result;
    }

    private ActionFeedPage actions(Call call) throws InterruptedException {
        Long after = call.queryLong("after");
        if (after != null && after < 0) {
            throw Call.invalidQuery("after", "core.query.notNegative");
        }
        Integer limit = call.queryInt("limit", 1, ActionFeed.MAX_LIMIT);
        Integer wait = call.queryInt("wait", 0, (int) ActionFeed.MAX_WAIT.toSeconds());
        long from = after == null ? 0 : after;
        int size = limit == null ? 100 : limit;
        if (wait == null || wait == 0) {
            return gateway.feed().read(from, size);
        }
        return gateway.feed().await(from, size, Duration.ofSeconds(wait));
    }

    private CreatedPlatformKey createKey(Call call) {
        CreatePlatformKeyRequest request = call.body();
        return admin.createKey(call.principal(), request.name());
    }

    private Object revokeKey(Call call) {
        admin.revokeKey(call.principal(), call.pathId("id"));
        return null;
    }

    private CreatedWebhook createWebhook(Call call) {
        CreateWebhookRequest request = call.body();
        return admin.createWebhook(call.principal(), request.url(), request.active() == null || request.active());
    }

    private Object deleteWebhook(Call call) {
        admin.deleteWebhook(call.principal(), call.pathId("id"));
        return null;
    }

    private WebhookTestSent testWebhook(Call call) {
        return new WebhookTestSent(admin.testWebhook(call.principal(), call.pathId("id")));
    }

    private WebhookDelivery redeliver(Call call) {
        WebhookDelivery queued = admin.redeliver(call.principal(), call.pathId("id"), call.pathId("deliveryId"));
        worker.wake(); // this node sends it now rather than at its next poll
        return queued;
    }

    private RedeliveriesQueued redeliverFailed(Call call) {
        RedeliveriesQueued queued = admin.redeliverFailed(call.principal(), call.pathId("id"));
        if (queued.count() > 0) {
            worker.wake();
        }
        return queued;
    }

    private List<WebhookDelivery> deliveries(Call call) {
        long id = call.pathId("id");
        Integer limit = call.queryInt("limit", 1, 500);
        return admin.deliveries(id, limit == null ? 50 : limit);
    }
}
