package dev.moddesk.server.platform;

import dev.moddesk.server.core.Database;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Services;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The platform side of the contract for one server, shared by every feature: the ingest registry (register your
 * event types' {@link IngestHandler}s) and the {@link ActionPublisher} (publish actions in your decision's
 * transaction). Any feature gets it with {@code PlatformGateway.of(services)}, in any registration order:
 * <pre>{@code
 * PlatformGateway platform = PlatformGateway.of(services);
 * platform.ingest().register(new ApplicationSubmittedHandler(...));
 * platform.actions().publish(handle, "application.approved", "application", id, payload);
 * }</pre>
 */
public final class PlatformGateway {

    // Keyed by the server's Database instance: one gateway per running server, gone with it.
    private static final Map<Database, PlatformGateway> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

    private final PlatformKeys keys;
    private final PlatformIngest ingest;
    private final PlatformUsers users;
    private final ActionFeed feed;
    private final Webhooks webhooks;
    private final WebhookTargets targets;

    private final Services services;

    private PlatformGateway(Services services) {
        this.services = services;
        var jdbi = services.database().jdbi();
        keys = new PlatformKeys(jdbi, services.clock());
        users = new PlatformUsers(services.clock());
        ingest = new PlatformIngest(jdbi, services.clock()).register(users);
        feed = new ActionFeed(jdbi, Json.mapper(), services.clock());
        targets = new WebhookTargets(HostResolver.SYSTEM, services.config().allowPrivateWebhooks());
        webhooks = new Webhooks(feed, services.clock(), targets);
    }

    public static PlatformGateway of(Services services) {
        return BY_DATABASE.computeIfAbsent(services.database(), d -> new PlatformGateway(services));
    }

    /** Where features register the handlers of their event types. */
    public PlatformIngest ingest() {
        return ingest;
    }

    /** Publishes actions for the platform to carry out. */
    public ActionPublisher actions() {
        return feed;
    }

    /** Platform users as last described by {@code user.upserted}. */
    public PlatformUsers users() {
        return users;
    }

    public PlatformKeys keys() {
        return keys;
    }

    /** A webhook delivery worker for this server's queue (one per node; start and close it with the server). */
    WebhookDeliveryWorker deliveryWorker(WebhookDeliverySettings settings, String threadName) {
        return new WebhookDeliveryWorker(services.database().jdbi(), Json.mapper(), services.clock(), feed, targets,
                settings, threadName, services.metrics());
    }

    ActionFeed feed() {
        return feed;
    }

    Webhooks webhooks() {
        return webhooks;
    }
}
