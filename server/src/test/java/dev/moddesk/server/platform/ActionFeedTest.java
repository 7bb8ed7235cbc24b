package dev.moddesk.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class ActionFeedTest {

    @Parameter
    Backend backend;

    private TestDatabase db;
    private ActionFeed feed;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(backend);
        feed = new ActionFeed(db.jdbi(), Json.mapper(), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void pagesFollowTheCursorInOrder() {
        for (int i = 1; i <= 7; i++) {
            int n = i;
            db.jdbi().useTransaction(h -> feed.publish(h, "user.muted", "user", "u-" + n, Map.of("minutes", n)));
        }

        ActionFeedPage first = feed.read(0, 3);
        ActionFeedPage second = feed.read(first.nextCursor(), 3);
        ActionFeedPage third = feed.read(second.nextCursor(), 3);
        ActionFeedPage empty = feed.read(third.nextCursor(), 3);

        assertThat(first.items()).extracting(FeedAction::targetId).containsExactly("u-1", "u-2", "u-3");
        assertThat(second.items()).extracting(FeedAction::targetId).containsExactly("u-4", "u-5", "u-6");
        assertThat(third.items()).extracting(FeedAction::targetId).containsExactly("u-7");
        assertThat(empty.items()).isEmpty();
        assertThat(empty.nextCursor()).isEqualTo(third.nextCursor());
        assertThat(first.items().getFirst().payload()).containsEntry("minutes", 1);
        assertThat(first.items().getFirst().type()).isEqualTo("user.muted");
    }

    @Test
    void publishingManyAtOnceKeepsTheirOrderAndQueuesOneDeliveryPerActiveWebhook() {
        PlatformStore store = new PlatformStore();
        java.time.Instant now = java.time.Instant.now();
        long active1 = db.jdbi().withHandle(h -> store.insertWebhook(h, "http://127.0.0.1:1/a", "s1", true, now, null));
        long active2 = db.jdbi().withHandle(h -> store.insertWebhook(h, "http://127.0.0.1:1/b", "s2", true, now, null));
        db.jdbi().withHandle(h -> store.insertWebhook(h, "http://127.0.0.1:1/off", "s3", false, now, null));

        List<Long> ids = db.jdbi().inTransaction(h -> feed.publishAll(h, List.of(
                new ActionPublisher.Action("application.approved", "application", "a-1", Map.of("n", 1)),
                new ActionPublisher.Action("application.rejected", "application", "a-2", Map.of("n", 2)),
                new ActionPublisher.Action("application.approved", "application", "a-3", Map.of("n", 3)))));

        assertThat(ids).hasSize(3).isSorted();
        ActionFeedPage page = feed.read(0, 10);
        assertThat(page.items()).extracting(FeedAction::id).containsExactlyElementsOf(ids);
        assertThat(page.items()).extracting(FeedAction::targetId).containsExactly("a-1", "a-2", "a-3");
        assertThat(page.items().get(1).payload()).containsEntry("n", 2);
        List<String> deliveries = db.jdbi().withHandle(h -> h.createQuery(
                        "SELECT webhook_id, action_id FROM webhook_deliveries ORDER BY webhook_id, action_id")
                .map((rs, ctx) -> rs.getLong(1) + "/" + rs.getLong(2)).list());
        List<String> expected = new ArrayList<>();
        for (long webhook : List.of(active1, active2)) {
            ids.forEach(id -> expected.add(webhook + "/" + id));
        }
        assertThat(deliveries).containsExactlyElementsOf(expected);
    }

    @Test
    void aReaderNeverSkipsOrRepeatsWhileActionsAreAppendedConcurrently() throws Exception {
        int writers = 6;
        int perWriter = 40;
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<String> seen = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        String target = writer + "-" + i;
                        db.jdbi().useTransaction(h -> {
                            feed.publish(h, "room.message_deleted", "message", target, Map.of());
                            // Work after publishing keeps the transaction (and its feed id) open a little longer,
                            // as a real decision's transaction would.
                            h.createQuery("SELECT COUNT(*) FROM action_feed").mapTo(Long.class).one();
                        });
                    }
                    return null;
                }));
            }
            CompletableFuture<Void> allWritten = CompletableFuture.runAsync(() -> {
                try {
                    for (Future<?> f : done) {
                        f.get();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    writing.set(false);
                }
            });
            start.countDown();
            long cursor = 0;
            while (true) {
                boolean stillWriting = writing.get();
                ActionFeedPage page = feed.read(cursor, 7);
                page.items().forEach(a -> seen.add(a.targetId()));
                cursor = page.nextCursor();
                if (!stillWriting && page.items().isEmpty()) {
                    break;
                }
            }
            allWritten.get(60, TimeUnit.SECONDS);
        }

        assertThat(seen).hasSize(writers * perWriter).doesNotHaveDuplicates();
    }

    @Test
    void aWaitingReaderGetsTheActionAsSoonAsItIsCommitted() throws Exception {
        long cursor = feed.read(0, 10).nextCursor();
        CompletableFuture<ActionFeedPage> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return feed.await(cursor, 10, Duration.ofSeconds(25));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-1", Map.of("reason", "违规内容")));

        ActionFeedPage page = waiting.get(20, TimeUnit.SECONDS);
        assertThat(page.items()).extracting(FeedAction::targetId).containsExactly("r-1");
    }

    @Test
    void closingTheFeedReleasesWaitingReadersAtOnce() throws Exception {
        CompletableFuture<ActionFeedPage> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return feed.await(0, 10, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        feed.close();

        ActionFeedPage page = waiting.get(10, TimeUnit.SECONDS);
        assertThat(page.items()).isEmpty();
        assertThat(page.nextCursor()).isZero();
    }

    @Test
    void aRolledBackDecisionPublishesNothing() {
        try {
            db.jdbi().useTransaction(h -> {
                feed.publish(h, "application.approved", "application", "a-1", Map.of());
                throw new IllegalStateException("the decision failed");
            });
        } catch (IllegalStateException expected) {
            // the decision's transaction rolled back
        }

        assertThat(feed.read(0, 10).items()).isEmpty();
    }
}
