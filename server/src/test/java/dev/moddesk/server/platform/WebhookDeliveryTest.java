package dev.moddesk.server.platform;

import static dev.moddesk.server.testing.Eventually.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.contract.platform.WebhookSignature;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class WebhookDeliveryTest {

    @Parameter
    Backend backend;

    private final Clock clock = Clock.systemUTC();
    private final WebhookDeliverySettings fast = new WebhookDeliverySettings(Duration.ofMillis(20),
            Duration.ofMillis(200), 15, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMillis(50), 4);
    private TestDatabase db;
    private ActionFeed feed;
    // The receivers listen on loopback, as a platform on the server's own network would (--allow-private-webhooks).
    private final WebhookTargets localTargets = new WebhookTargets(HostResolver.SYSTEM, true);
    private Webhooks webhooks;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(backend);
        feed = new ActionFeed(db.jdbi(), Json.mapper(), clock);
        webhooks = new Webhooks(feed, clock, localTargets);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void deliveryIsRetriedUntilTheReceiverAcknowledges() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(3, Duration.ZERO);
                WebhookDeliveryWorker worker = worker("retry", fast)) {
            CreatedWebhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            receiver.secret(hook.secret());
            long actionId = db.jdbi().inTransaction(h -> feed.publish(h, "application.approved", "application",
                    "app-1", Map.of("userId", "u-1", "message", "欢迎加入成都吃货圈")));
            worker.start();

            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.DELIVERED);

            assertThat(receiver.requests()).hasSize(4).allMatch(WebhookReceiver.Received::signatureValid);
            JsonNode body = Json.mapper().readTree(receiver.requests().getLast().body());
            assertThat(body.get("id").asLong()).isEqualTo(actionId);
            assertThat(body.get("type").asText()).isEqualTo("application.approved");
            assertThat(body.get("payload").get("message").asText()).isEqualTo("欢迎加入成都吃货圈");
            assertThat(receiver.requests()).extracting(WebhookReceiver.Received::actionId)
                    .containsOnly(Long.toString(actionId));
            WebhookDelivery delivery = deliveries(hook.webhook().id()).getFirst();
            assertThat(delivery.attempts()).isEqualTo(4);
            assertThat(delivery.lastStatusCode()).isEqualTo(200);
            assertThat(delivery.deliveredAt()).isNotNull();
        }
    }

    @Test
    void aDeliveryThatNeverSucceedsIsMarkedFailedAfterTheLastAttempt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE, Duration.ZERO);
                WebhookDeliveryWorker worker = worker("give-up", fast.withMaxAttempts(3))) {
            CreatedWebhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            receiver.secret(hook.secret());
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-1", Map.of()));
            worker.start();

            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.FAILED);

            WebhookDelivery delivery = deliveries(hook.webhook().id()).getFirst();
            assertThat(delivery.attempts()).isEqualTo(3);
            assertThat(delivery.lastStatusCode()).isEqualTo(503);
            assertThat(delivery.lastError()).contains("HTTP 503").contains("not now");
            assertThat(delivery.nextAttemptAt()).isNull();
            assertThat(receiver.requests()).hasSize(3);
        }
    }

    @Test
    void theReceiverRejectsATamperedBodyOrTheWrongSecret() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ZERO);
                WebhookDeliveryWorker worker = worker("verify", fast)) {
            CreatedWebhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            receiver.secret(hook.secret());
            db.jdbi().useTransaction(h -> feed.publish(h, "user.muted", "user", "u-8", Map.of("minutes", 10)));
            worker.start();
            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.DELIVERED);
            String body = receiver.requests().getFirst().body();
            long t = Instant.now().getEpochSecond();
            String header = WebhookSignature.header(hook.secret(), t, body);

            assertThat(WebhookSignature.verify(hook.secret(), header, body, Instant.now(), Duration.ofMinutes(5)))
                    .isTrue();
            assertThat(WebhookSignature.verify(hook.secret(), header, body.replace("10", "0"), Instant.now(),
                    Duration.ofMinutes(5))).isFalse();
            assertThat(WebhookSignature.verify("whsec_wrong", header, body, Instant.now(), Duration.ofMinutes(5)))
                    .isFalse();
        }
    }

    @Test
    void aReceiverWithTheWrongSecretNeverAcknowledges() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ZERO);
                WebhookDeliveryWorker worker = worker("wrong-secret", fast.withMaxAttempts(2))) {
            CreatedWebhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            receiver.secret("whsec_not-the-real-one");
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-2", Map.of()));
            worker.start();

            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.FAILED);

            assertThat(receiver.requests()).hasSize(2).noneMatch(WebhookReceiver.Received::signatureValid);
            assertThat(deliveries(hook.webhook().id()).getFirst().lastStatusCode()).isEqualTo(401);
        }
    }

    @Test
    void twoWorkersNeverSendTheSameDeliveryTwice() throws Exception {
        int actions = 60;
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ofMillis(20));
                WebhookDeliveryWorker first = worker("node-a", fast);
                WebhookDeliveryWorker second = worker("node-b", fast)) {
            CreatedWebhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            receiver.secret(hook.secret());
            for (int i = 0; i < actions; i++) {
                String target = "app-" + i;
                db.jdbi().useTransaction(h -> feed.publish(h, "application.approved", "application", target, Map.of()));
            }
            first.start();
            second.start();

            awaitTrue(() -> count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'DELIVERED'") == actions);

            Map<String, Long> perAction = receiver.accepted().stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::actionId, Collectors.counting()));
            assertThat(perAction).hasSize(actions);
            assertThat(perAction.values()).containsOnly(1L);
            assertThat(receiver.maxInFlightPerAction()).isEqualTo(1);
        }
    }

    @Test
    void aDeletedWebhookReceivesNothingMoreAndOnlyNewActionsGoToANewOne() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ZERO)) {
            CreatedWebhook old = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-3", Map.of()));
            db.jdbi().useTransaction(h -> webhooks.delete(h, old.webhook().id()));
            CreatedWebhook fresh = db.jdbi().inTransaction(h -> webhooks.create(h, receiver.url(), true, null));
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-4", Map.of()));

            assertThat(deliveries(old.webhook().id())).extracting(WebhookDelivery::status)
                    .containsExactly(DeliveryStatus.CANCELLED);
            assertThat(deliveries(fresh.webhook().id())).extracting(WebhookDelivery::status)
                    .containsExactly(DeliveryStatus.PENDING);
        }
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        WebhookDeliverySettings settings = WebhookDeliverySettings.defaults();

        assertThat(settings.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(settings.backoff(3, 0.0)).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.backoff(3, 0.999)).isBetween(Duration.ofMillis(4990), Duration.ofSeconds(5));
        assertThat(settings.backoff(14, 0.999)).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.backoff(40, 0.0)).isEqualTo(Duration.ofMinutes(10).multipliedBy(3).dividedBy(4));
    }

    @Test
    void theDeliveryGoesToTheAddressThatWasCheckedWithTheUrlsHostName() throws Exception {
        // The resolver is the only DNS: a name that exists nowhere reaches the loopback receiver.
        WebhookTargets targets = new WebhookTargets(resolving("hooks.platform.test", "127.0.0.1"), true);
        Webhooks named = new Webhooks(feed, clock, targets);
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ZERO);
                WebhookDeliveryWorker worker = worker("named", fast, targets)) {
            String url = "http://hooks.platform.test:" + receiver.port() + "/hook";
            CreatedWebhook hook = db.jdbi().inTransaction(h -> named.create(h, url, true, null));
            receiver.secret(hook.secret());
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-5", Map.of()));
            worker.start();

            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.DELIVERED);

            assertThat(receiver.hosts()).containsExactly("hooks.platform.test:" + receiver.port());
        }
    }

    @Test
    void anAddressThatTurnedPrivateAfterSavingIsRefusedAtDelivery() throws Exception {
        Map<String, String> dns = new ConcurrentHashMap<>(Map.of("localhost", "93.184.216.34"));
        WebhookTargets targets = new WebhookTargets(host -> List.of(InetAddress.ofLiteral(dns.get(host))), false);
        Webhooks strict = new Webhooks(feed, clock, targets);
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ZERO);
                WebhookDeliveryWorker worker = worker("rebound", fast.withMaxAttempts(1), targets)) {
            String url = "https://localhost:" + receiver.port() + "/hook";
            CreatedWebhook hook = db.jdbi().inTransaction(h -> strict.create(h, url, true, null));
            dns.put("localhost", "127.0.0.1"); // the name now points into the server's own network
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-6", Map.of()));
            worker.start();

            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.FAILED);

            WebhookDelivery delivery = deliveries(hook.webhook().id()).getFirst();
            assertThat(delivery.lastError()).contains("refused", "127.0.0.1", "loopback");
            assertThat(delivery.lastStatusCode()).isNull();
            assertThat(receiver.requests()).isEmpty();
        }
    }

    @Test
    void aRedirectIsNeverFollowed() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(0, Duration.ZERO);
                Redirector redirector = new Redirector(receiver.url());
                WebhookDeliveryWorker worker = worker("redirect", fast.withMaxAttempts(1))) {
            CreatedWebhook hook = db.jdbi().inTransaction(h -> webhooks.create(h, redirector.url(), true, null));
            receiver.secret(hook.secret());
            db.jdbi().useTransaction(h -> feed.publish(h, "room.closed", "room", "r-7", Map.of()));
            worker.start();

            awaitTrue(() -> status(hook.webhook().id()) == DeliveryStatus.FAILED);

            WebhookDelivery delivery = deliveries(hook.webhook().id()).getFirst();
            assertThat(delivery.lastStatusCode()).isEqualTo(302);
            assertThat(delivery.lastError()).contains("HTTP 302");
            assertThat(redirector.requests()).isEqualTo(1);
            assertThat(receiver.requests()).isEmpty();
        }
    }

    /** Answers every request with 302 to {@code location}. */
    private static final class Redirector implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger requests = new AtomicInteger();

        Redirector(String location) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Location", location);
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/moved";
        }

        int requests() {
            return requests.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static HostResolver resolving(String name, String address) {
        return host -> {
            if (!host.equals(name)) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.ofLiteral(address));
        };
    }

    private WebhookDeliveryWorker worker(String name, WebhookDeliverySettings settings) {
        return worker(name, settings, localTargets);
    }

    private WebhookDeliveryWorker worker(String name, WebhookDeliverySettings settings, WebhookTargets targets) {
        return new WebhookDeliveryWorker(db.jdbi(), Json.mapper(), clock, feed, targets, settings,
                "test-webhook-" + name);
    }

    private DeliveryStatus status(long webhookId) {
        List<WebhookDelivery> deliveries = deliveries(webhookId);
        return deliveries.isEmpty() ? null : deliveries.getFirst().status();
    }

    private List<WebhookDelivery> deliveries(long webhookId) {
        return db.jdbi().withHandle(h -> webhooks.deliveries(h, webhookId, 100));
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

}
