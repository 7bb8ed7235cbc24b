package dev.moddesk.server.platform;

import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.Webhook;
import dev.moddesk.contract.platform.WebhookDelivery;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Webhook endpoints: each active one receives every action published after it was created. */
public final class Webhooks {

    public static final String TEST_ACTION = "platform.test";
    static final String SECRET_PREFIX = "whsec_";
    private static final int MAX_URL_LENGTH = 2000;

    private final ActionFeed feed;
    private final Clock clock;
    private final PlatformStore store = new PlatformStore();

    public Webhooks(ActionFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
    }

    /** Creates an endpoint with a fresh signing secret; the answer is the only place the secret appears. */
    public CreatedWebhook create(Handle handle, String url, boolean active, Long createdBy) {
        URI uri = validUrl(url);
        String secret = KeyMaterial.generate(SECRET_PREFIX);
        long id = store.insertWebhook(handle, uri.toString(), secret, active, clock.instant(), createdBy);
        return new CreatedWebhook(find(handle, id).orElseThrow(), secret);
    }

    public List<Webhook> list(Handle handle) {
        return store.webhooks(handle);
    }

    public Optional<Webhook> find(Handle handle, long id) {
        return store.webhook(handle, id);
    }

    /** Deletes the endpoint and cancels what it has not received yet. Empty when there is no such endpoint. */
    public Optional<Webhook> delete(Handle handle, long id) {
        Optional<Webhook> webhook = find(handle, id);
        if (webhook.isPresent()) {
            store.deleteWebhook(handle, id, clock.instant());
        }
        return webhook;
    }

    /** Sends a {@value #TEST_ACTION} action to this endpoint only; returns the action id. */
    public Optional<Long> sendTest(Handle handle, long id) {
        return find(handle, id).map(webhook -> feed.publishTo(handle, id, TEST_ACTION, "webhook", Long.toString(id),
                Map.of("webhookId", id, "message", "ModDesk webhook test")));
    }

    /** The endpoint's most recent deliveries, newest first. */
    public List<WebhookDelivery> deliveries(Handle handle, long webhookId, int limit) {
        return store.deliveries(handle, webhookId, Math.clamp(limit, 1, 500));
    }

    static URI validUrl(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw new IllegalArgumentException("url must be 1 to " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null || uri.getUserInfo() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException("url must be an absolute http or https URL without user info or fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + e.getReason());
        }
    }

}
