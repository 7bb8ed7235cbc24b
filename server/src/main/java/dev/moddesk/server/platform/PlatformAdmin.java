package dev.moddesk.server.platform;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.contract.platform.RedeliveriesQueued;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Services;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * What admins do to the integration: keys and webhooks. Each change and its audit entry share one transaction.
 */
final class PlatformAdmin {

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final PlatformGateway gateway;
    private final PlatformStore store = new PlatformStore();

    PlatformAdmin(Services services, PlatformGateway gateway) {
        this.jdbi = services.database().jdbi();
        this.audit = services.auditLog();
        this.gateway = gateway;
    }

    List<PlatformKey> keys() {
        return jdbi.withHandle(h -> gateway.keys().list(h));
    }

    CreatedPlatformKey createKey(Principal actor, String name) {
        return jdbi.inTransaction(h -> {
            CreatedPlatformKey created = gateway.keys().create(h, name, actor.staffId());
            audit.record(h, AuditLog.Entry.by(actor, "platform_key.create", "platform_key",
                    Long.toString(created.info().id()), null, created.info(), null));
            return created;
        });
    }

    void revokeKey(Principal actor, long id) {
        jdbi.useTransaction(h -> {
            PlatformKey before = gateway.keys().find(h, id)
                    .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "platform.noKey", id));
            if (before.revokedAt() != null) {
                return; // already revoked: nothing changes, nothing to audit
            }
            PlatformKey after = gateway.keys().revoke(h, id).orElseThrow();
            audit.record(h, AuditLog.Entry.by(actor, "platform_key.revoke", "platform_key", Long.toString(id),
                    before, after, null));
        });
    }

    List<Webhook> webhooks() {
        return jdbi.withHandle(h -> gateway.webhooks().list(h));
    }

    CreatedWebhook createWebhook(Principal actor, String url, boolean active) {
        return jdbi.inTransaction(h -> {
            CreatedWebhook created = gateway.webhooks().create(h, url, active, actor.staffId());
            audit.record(h, AuditLog.Entry.by(actor, "webhook.create", "webhook",
                    Long.toString(created.webhook().id()), null, created.webhook(), null));
            return created;
        });
    }

    void deleteWebhook(Principal actor, long id) {
        jdbi.useTransaction(h -> {
            Webhook before = gateway.webhooks().delete(h, id)
                    .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "platform.noWebhook", id));
            audit.record(h, AuditLog.Entry.by(actor, "webhook.delete", "webhook", Long.toString(id), before, null,
                    null));
        });
    }

    /** Queues a test ping to this webhook only; returns its action id. */
    long testWebhook(Principal actor, long id) {
        return jdbi.inTransaction(h -> {
            long action = gateway.webhooks().sendTest(h, id)
                    .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "platform.noWebhook", id));
            audit.record(h, AuditLog.Entry.by(actor, "webhook.test", "webhook", Long.toString(id), null,
                    Map.of("actionId", action), null));
            return action;
        });
    }

    /** What this node's ingest counters say; duplicates and rejections are not stored, only counted. */
    record IngestCounts(long duplicates, long rejected, Instant since) {
    }

    /** Deleted endpoints keep their history (that is often when it is needed); an unknown id simply has none. */
    List<WebhookDelivery> deliveries(long webhookId, int limit) {
        return jdbi.withHandle(h -> gateway.webhooks().deliveries(h, webhookId, limit));
    }

    /** Queues one FAILED delivery again; audited with the delivery as it was and as it is now. */
    WebhookDelivery redeliver(Principal actor, long webhookId, long deliveryId) {
        return jdbi.inTransaction(h -> {
            WebhookDelivery queued = gateway.webhooks().redeliver(h, webhookId, deliveryId);
            audit.record(h, AuditLog.Entry.by(actor, "webhook.redeliver", "webhook", Long.toString(webhookId), null,
                    Map.of("deliveryId", deliveryId, "actionId", queued.actionId()), null));
            return queued;
        });
    }

    /** Queues every FAILED delivery of the endpoint again; audited with how many (nothing is audited for none). */
    RedeliveriesQueued redeliverFailed(Principal actor, long webhookId) {
        return jdbi.inTransaction(h -> {
            int count = gateway.webhooks().redeliverFailed(h, webhookId);
            if (count > 0) {
                audit.record(h, AuditLog.Entry.by(actor, "webhook.redeliver", "webhook", Long.toString(webhookId),
                        null, Map.of("failedDeliveries", count), null));
            }
            return new RedeliveriesQueued(count);
        });
    }

    PlatformStatus status(IngestCounts counts) {
        return jdbi.withHandle(h -> new PlatformStatus(
                store.count(h, PlatformStore.Counted.ACTIVE_KEYS),
                store.count(h, PlatformStore.Counted.EVENTS),
                store.count(h, PlatformStore.Counted.USERS),
                store.count(h, PlatformStore.Counted.LAST_ACTION),
                store.count(h, PlatformStore.Counted.ACTIVE_WEBHOOKS),
                store.count(h, PlatformStore.Counted.DELIVERIES_PENDING),
                store.count(h, PlatformStore.Counted.DELIVERIES_FAILED),
                List.copyOf(gateway.ingest().types()),
                counts.duplicates(),
                counts.rejected(),
                counts.since()));
    }
}
