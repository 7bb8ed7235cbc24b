package dev.moddesk.server.platform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreateWebhookRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The platform's two faces of the API plus their administration: the ingest API and the action feed (platform
 * service key), keys and webhooks (ADMIN), and the webhook delivery worker. Every admin change is audited in its own
 * transaction.
 */
public final class PlatformFeature implements Feature {

    /** Context attribute with the authenticated platform key's id. */
    static final String KEY_ID_ATTRIBUTE = "moddesk.platformKeyId";
    private static final String BASE = "/api/v1/platform";

    private final Services services;
    private final PlatformGateway gateway;
    private final Jdbi jdbi;
    private final WebhookDeliveryWorker worker;

    public PlatformFeature(Services services) {
        this(services, WebhookDeliverySettings.defaults());
    }

    public PlatformFeature(Services services, WebhookDeliverySettings deliverySettings) {
        this.services = services;
        this.gateway = PlatformGateway.of(services);
        this.jdbi = services.database().jdbi();
        this.worker = new WebhookDeliveryWorker(jdbi, Json.mapper(), services.clock(), gateway.feed(),
                deliverySettings, "moddesk-webhook-delivery");
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
                .handle(call -> jdbi.withHandle(h -> gateway.keys().list(h)));
        api.post(BASE + "/keys").summary("Create a platform service key (shown only in this answer)").tag("platform")
                .access(Access.role(Role.ADMIN))
                .body(CreatePlatformKeyRequest.class)
                .response(201, CreatedPlatformKey.class)
                .handle(this::createKey);
        api.delete(BASE + "/keys/{id}").summary("Revoke a platform service key at once").tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(204)
                .handle(this::revokeKey);

        api.get(BASE + "/webhooks").summary("List webhook endpoints").tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(200, Webhook[].class)
                .handle(call -> jdbi.withHandle(h -> gateway.webhooks().list(h)));
        api.post(BASE + "/webhooks").summary("Add a webhook endpoint (its secret is shown only in this answer)")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .body(CreateWebhookRequest.class)
                .response(201, CreatedWebhook.class)
                .handle(this::createWebhook);
        api.delete(BASE + "/webhooks/{id}").summary("Delete a webhook endpoint; undelivered actions are cancelled")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(204)
                .handle(this::deleteWebhook);
        api.post(BASE + "/webhooks/{id}/test").summary("Send a platform.test action to this endpoint only")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(202, Map.class)
                .handle(this::testWebhook);
        api.get(BASE + "/webhooks/{id}/deliveries").summary("Recent deliveries to this endpoint, newest first")
                .tag("platform")
                .access(Access.role(Role.ADMIN))
                .query("limit", Integer.class, "how many, 1-500 (default 50)")
                .response(200, WebhookDelivery[].class)
                .handle(this::deliveries);
        api.get(BASE + "/status").summary("Integration health: keys, events, actions, deliveries").tag("platform")
                .access(Access.role(Role.ADMIN))
                .response(200, PlatformStatus.class)
                .handle(call -> status());
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.close();
    }

    private Optional<Principal> authenticate(Context ctx, String clientAddress) {
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return gateway.keys().authenticate(authorization.substring(7).strip()).map(key -> {
            ctx.attribute(KEY_ID_ATTRIBUTE, key.id());
            return Principal.platform(key.name(), clientAddress);
        });
    }

    private IngestBatchResult ingest(Call call) {
        IngestBatch batch = call.body();
        if (batch.events().isEmpty()) {
            throw ProblemException.validation(List.of(new FieldError("events", "send at least one event")));
        }
        if (batch.events().size() > IngestBatch.MAX_EVENTS) {
            throw ProblemException.validation(List.of(new FieldError("events",
                    "at most " + IngestBatch.MAX_EVENTS + " events per call, got " + batch.events().size())));
        }
        List<JsonNode> events = new ArrayList<>(batch.events().size());
        for (IngestEvent event : batch.events()) {
            events.add(event == null ? null : Json.mapper().valueToTree(event));
        }
        Long keyId = call.ctx().attribute(KEY_ID_ATTRIBUTE);
        return gateway.ingest().ingest(keyId, events);
    }

    private ActionFeedPage actions(Call call) throws InterruptedException {
        Long after = call.queryLong("after");
        if (after != null && after < 0) {
            throw Call.badQuery("after", "must not be negative");
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
        Principal actor = call.principal();
        return jdbi.inTransaction(h -> {
            CreatedPlatformKey created;
            try {
                created = gateway.keys().create(h, request.name(), actor.staffId());
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation(List.of(new FieldError("name", e.getMessage())));
            }
            services.auditLog().record(h, AuditLog.Entry.by(actor, "platform_key.create", "platform_key",
                    Long.toString(created.info().id()), null, created.info(), null));
            return created;
        });
    }

    private Object revokeKey(Call call) {
        long id = call.pathId("id");
        Principal actor = call.principal();
        jdbi.useTransaction(h -> {
            PlatformKey before = gateway.keys().find(h, id)
                    .orElseThrow(() -> ProblemException.notFound("No platform key " + id));
            if (before.revokedAt() != null) {
                return; // already revoked: nothing changes, nothing to audit
            }
            PlatformKey after = gateway.keys().revoke(h, id).orElseThrow();
            services.auditLog().record(h, AuditLog.Entry.by(actor, "platform_key.revoke", "platform_key",
                    Long.toString(id), before, after, null));
        });
        return null;
    }

    private CreatedWebhook createWebhook(Call call) {
        CreateWebhookRequest request = call.body();
        Principal actor = call.principal();
        return jdbi.inTransaction(h -> {
            CreatedWebhook created;
            try {
                created = gateway.webhooks().create(h, request.url(), request.active() == null || request.active(),
                        actor.staffId());
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation(List.of(new FieldError("url", e.getMessage())));
            }
            services.auditLog().record(h, AuditLog.Entry.by(actor, "webhook.create", "webhook",
                    Long.toString(created.webhook().id()), null, created.webhook(), null));
            return created;
        });
    }

    private Object deleteWebhook(Call call) {
        long id = call.pathId("id");
        Principal actor = call.principal();
        jdbi.useTransaction(h -> {
            Webhook before = gateway.webhooks().delete(h, id)
                    .orElseThrow(() -> ProblemException.notFound("No webhook " + id));
            services.auditLog().record(h, AuditLog.Entry.by(actor, "webhook.delete", "webhook",
                    Long.toString(id), before, null, null));
        });
        return null;
    }

    private Map<String, Object> testWebhook(Call call) {
        long id = call.pathId("id");
        Principal actor = call.principal();
        long actionId = jdbi.inTransaction(h -> {
            long action = gateway.webhooks().sendTest(h, id)
                    .orElseThrow(() -> ProblemException.notFound("No webhook " + id));
            services.auditLog().record(h, AuditLog.Entry.by(actor, "webhook.test", "webhook",
                    Long.toString(id), null, Map.of("actionId", action), null));
            return action;
        });
        return Map.of("actionId", actionId);
    }

    private List<WebhookDelivery> deliveries(Call call) {
        long id = call.pathId("id");
        Integer limit = call.queryInt("limit", 1, 500);
        return jdbi.withHandle(h -> {
            if (gateway.webhooks().find(h, id).isEmpty()) {
                throw ProblemException.notFound("No webhook " + id);
            }
            return gateway.webhooks().deliveries(h, id, limit == null ? 50 : limit);
        });
    }

    private PlatformStatus status() {
        return jdbi.withHandle(h -> new PlatformStatus(
                count(h, "SELECT COUNT(*) FROM platform_keys WHERE revoked_at IS NULL"),
                count(h, "SELECT COUNT(*) FROM ingest_events"),
                count(h, "SELECT COUNT(*) FROM platform_users"),
                count(h, "SELECT COALESCE(MAX(id), 0) FROM action_feed"),
                count(h, "SELECT COUNT(*) FROM webhooks WHERE active = TRUE AND deleted_at IS NULL"),
                count(h, "SELECT COUNT(*) FROM webhook_deliveries WHERE status IN ('PENDING', 'SENDING')"),
                count(h, "SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'FAILED'"),
                List.copyOf(gateway.ingest().types())));
    }

    private static long count(org.jdbi.v3.core.Handle h, String sql) {
        return h.createQuery(sql).mapTo(Long.class).one();
    }
}
