package dev.moddesk.server.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.FeedAction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The action feed: what staff decided, for the platform to carry out. Publishing appends a row and queues one webhook
 * delivery per active endpoint, all in the caller's transaction. Readers page by id; see {@code action_feed_lock} in
 * V10__platform.sql for why ids become visible in order.
 */
public final class ActionFeed implements ActionPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ActionFeed.class);
    public static final int MAX_LIMIT = 500;
    public static final Duration MAX_WAIT = Duration.ofSeconds(30);
    // Another API node may append: a waiting reader looks at the table this often even without a local signal.
    private static final long RECHECK_MILLIS = 500;

    private final Jdbi jdbi;
    private final ObjectMapper json;
    private final Clock clock;
    private final Object appended = new Object();
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final PlatformStore store = new PlatformStore();
    private volatile boolean closed;

    public ActionFeed(Jdbi jdbi, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public long publish(Handle handle, String type, String targetType, String targetId, Object payload) {
        return publishAll(handle, List.of(new Action(type, targetType, targetId, payload))).getFirst();
    }

    /** Publishes an action that only one webhook receives (its test ping); pull readers see it too and skip it. */
    long publishTo(Handle handle, long webhookId, String type, String targetType, String targetId, Object payload) {
        long id = append(handle, type, targetType, targetId, payload);
        store.queueForWebhook(handle, webhookId, id, clock.instant());
        return id;
    }

    /** Checks an action's fields and returns its payload as JSON text. */
    private String payloadJson(String type, String targetType, String targetId, Object payload) {
        requireText(type, "type", 100);
        requireText(targetType, "targetType", 50);
        requireText(targetId, "targetId", 200);
        String payloadJson;
        try {
            payloadJson = json.writeValueAsString(payload == null ? Map.of() : payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        if (!payloadJson.startsWith("{")) {
            throw new IllegalArgumentException("payload must be a JSON object (a record or a map)");
        }
        return payloadJson;
    }

    /** Like {@link #publish} for each action, with one feed lock and one statement each for the rows and deliveries. */
    @Override
    public List<Long> publishAll(Handle handle, List<Action> actions) {
        if (actions.isEmpty()) {
            return List.of();
        }
        List<PlatformStore.NewAction> rows = new ArrayList<>(actions.size());
        for (Action a : actions) {
            rows.add(new PlatformStore.NewAction(a.type(), a.targetType(), a.targetId(),
                    payloadJson(a.type(), a.targetType(), a.targetId(), a.payload())));
        }
        Instant now = clock.instant();
        store.lockFeed(handle);
        List<Long> ids = store.insertActions(handle, rows, now);
        store.queueAllForActiveWebhooks(handle, ids, now);
        handle.afterCommit(this::signalAppended);
        return ids;
    }

    private long append(Handle handle, String type, String targetType, String targetId, Object payload) {
        String payloadJson = payloadJson(type, targetType, targetId, payload);
        // Held until the caller's transaction ends: ids are taken, and so become visible, one transaction at a time.
        store.lockFeed(handle);
        long id = store.insertAction(handle, type, targetType, targetId, payloadJson, clock.instant());
        handle.afterCommit(this::signalAppended);
        return id;
    }

    /** Actions with an id greater than {@code after}, oldest first. */
    public ActionFeedPage read(long after, int limit) {
        int bounded = Math.clamp(limit, 1, MAX_LIMIT);
        List<FeedAction> items = jdbi.withHandle(handle -> store.actionsAfter(handle, after, bounded));
        return new ActionFeedPage(items, items.isEmpty() ? after : items.getLast().id());
    }

    /** Like {@link #read}, but when nothing is there yet waits up to {@code wait} for the first action to appear. */
    public ActionFeedPage await(long after, int limit, Duration wait) throws InterruptedException {
        // Elapsed time, not the (possibly fixed, in tests) business clock.
        long deadline = System.nanoTime() + (wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait).toNanos();
        while (true) {
            if (closed) {
                return new ActionFeedPage(List.of(), after);
            }
            ActionFeedPage page;
            try {
                page = read(after, limit);
            } catch (RuntimeException e) {
                if (closed) {
                    return new ActionFeedPage(List.of(), after); // the server stopped under a waiting reader
                }
                throw e;
            }
            long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (!page.items().isEmpty() || remaining <= 0) {
                return page;
            }
            synchronized (appended) {
                appended.wait(Math.min(remaining, RECHECK_MILLIS));
            }
        }
    }

    /** Answers every waiting reader now (with nothing new), so a stopping server is not held up by long polls. */
    public void close() {
        closed = true;
        synchronized (appended) {
            appended.notifyAll();
        }
    }

    /** Runs after every commit that appended actions on this node (the webhook worker wakes up on it). */
    public void onAppended(Runnable listener) {
        appendListeners.add(listener);
    }

    private void signalAppended() {
        synchronized (appended) {
            appended.notifyAll();
        }
        for (Runnable listener : appendListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("An action feed listener failed", e);
            }
        }
    }

    private static void requireText(String value, String name, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters");
        }
    }
}
