package dev.moddesk.server.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreateWebhookRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.CreatedWebhook;
import dev.moddesk.contract.platform.DeliveryStatus;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.platform.PlatformKey;
import dev.moddesk.contract.platform.PlatformStatus;
import dev.moddesk.contract.platform.RedeliveriesQueued;
import dev.moddesk.contract.platform.WebhookDelivery;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.Eventually;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The platform routes over real HTTP: keys, ingest, the action feed and webhooks, with their audit entries. */
@ParameterizedClass
@EnumSource(Backend.class)
class PlatformApiTest {

    @Parameter
    Backend backend;

    private TestServer server;
    private OpenApiContract contract;
    private TestClient admin;
    private TestClient platform;
    private CreatedPlatformKey key;

    @BeforeEach
    void setUp() {
        // The receivers here listen on loopback, as a platform on the server's own network would.
        server = TestServers.start(backend, config -> config.withAllowPrivateWebhooks(true), List.of());
        contract = new OpenApiContract(server);
        admin = server.as(Role.ADMIN);
        TestClient.Response created = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("抖音 生产环境"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        contract.check("POST", "/api/v1/platform/keys", created);
        key = created.as(CreatedPlatformKey.class);
        platform = server.client().withToken(key.key());
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aKeyIsShownOnceAndItsCreationAudited() {
        List<PlatformKey> keys = admin.get("/api/v1/platform/keys").as(new TypeReference<>() { });

        assertThat(keys).extracting(PlatformKey::name).contains("抖音 生产环境");
        assertThat(admin.get("/api/v1/platform/keys").body()).doesNotContain(key.key());
        assertThat(auditEntries("platform_key.create", Long.toString(key.info().id())))
                .singleElement().satisfies(after -> assertThat(after).doesNotContain(key.key()).contains("抖音 生产环境"));
    }

    @Test
    void eachEventsOutcomeIsWrittenInTheLanguageTheCallAsksFor() {
        IngestBatch batch = new IngestBatch(List.of(
                new IngestEvent("evt-zh-1", "user.upserted", Instant.now(), Map.of("userId", "u-200")),
                new IngestEvent("evt-zh-2", "room.exploded", Instant.now(), Map.of())));
        TestClient.Response response = platform.send("POST", "/api/v1/platform/events", "application/json",
                TestClient.json(batch), Map.of("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.5"));
        contract.check("POST", "/api/v1/platform/events", response);
        IngestBatchResult result = response.as(IngestBatchResult.class);

        assertThat(result.outcomes()).extracting(IngestOutcome::status)
                .containsExactly(IngestStatus.REJECTED, IngestStatus.REJECTED);
        assertThat(result.outcomes().get(0).problem().errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("payload.nickname");
            assertThat(e.message()).isEqualTo("为必填项");
        });
        assertThat(result.outcomes().get(1).problem().detail()).contains("没有处理事件类型").contains("room.exploded");
    }

    @Test
    void eventsAreAppliedOnceAndEachGetsItsOutcome() {
        IngestBatch batch = new IngestBatch(List.of(
                user("evt-1", "u-100", "晴天小猪", "成都"),
                new IngestEvent("evt-2", "room.exploded", Instant.now(), Map.of()),
                new IngestEvent("evt-3", "user.upserted", Instant.now(), Map.of("userId", "u-101"))));

        TestClient.Response firstResponse = platform.post("/api/v1/platform/events", batch);
        contract.check("POST", "/api/v1/platform/events", firstResponse);
        IngestBatchResult first = firstResponse.as(IngestBatchResult.class);
        IngestBatchResult replay = platform.post("/api/v1/platform/events",
                new IngestBatch(List.of(user("evt-1", "u-100", "晴天小猪", "成都")))).as(IngestBatchResult.class);

        assertThat(first.outcomes()).extracting(IngestOutcome::status)
                .containsExactly(IngestStatus.APPLIED, IngestStatus.REJECTED, IngestStatus.REJECTED);
        assertThat(first.outcomes().get(1).problem().type()).isEqualTo(ProblemType.UNKNOWN_EVENT_TYPE.uri().toString());
        assertThat(first.outcomes().get(2).problem().detail()).contains("nickname");
        assertThat(replay.outcomes()).extracting(IngestOutcome::status).containsExactly(IngestStatus.DUPLICATE);
        TestClient.Response statusResponse = admin.get("/api/v1/platform/status");
        contract.check("GET", "/api/v1/platform/status", statusResponse);
        PlatformStatus status = statusResponse.as(PlatformStatus.class);
        assertThat(status.users()).isEqualTo(1);
        assertThat(status.eventsApplied()).isEqualTo(1);
        assertThat(status.eventTypes()).contains("user.upserted");
        assertThat(status.eventsDuplicate()).isEqualTo(1);
        assertThat(status.eventsRejected()).isEqualTo(2);
        assertThat(status.countedSince()).isBefore(Instant.now().plusSeconds(1));
        String metrics = admin.get("/metrics").body();
        assertThat(metrics).contains("moddesk_ingest_events_total{outcome=\"applied\"} 1.0")
                .contains("moddesk_ingest_events_total{outcome=\"duplicate\"} 1.0")
                .contains("moddesk_ingest_events_total{outcome=\"rejected\"} 2.0");
    }

    @Test
    void concurrentReplaysOverHttpApplyOnce() throws Exception {
        IngestBatch batch = new IngestBatch(List.of(user("evt-c", "u-200", "成都吃货阿杰", "成都")));
        List<CompletableFuture<IngestBatchResult>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> platform.post("/api/v1/platform/events", batch).as(IngestBatchResult.class)));
        }
        List<IngestStatus> statuses = new ArrayList<>();
        for (CompletableFuture<IngestBatchResult> call : calls) {
            statuses.add(call.get(30, TimeUnit.SECONDS).outcomes().getFirst().status());
        }

        assertThat(statuses).containsOnlyOnce(IngestStatus.APPLIED);
        assertThat(statuses).filteredOn(s -> s == IngestStatus.DUPLICATE).hasSize(5);
    }

    @Test
    void badMissingOrRevokedKeysGet401Problems() {
        IngestBatch batch = new IngestBatch(List.of(user("evt-k", "u-1", "小王", "北京")));

        TestClient.Response none = server.client().post("/api/v1/platform/events", batch);
        TestClient.Response wrong = server.client().withToken("mdk_not-a-key").post("/api/v1/platform/events", batch);
        TestClient.Response staff = admin.post("/api/v1/platform/events", batch);
        TestClient.Response platformOnAdminRoute = platform.get("/api/v1/platform/keys");
        assertThat(admin.delete("/api/v1/platform/keys/" + key.info().id()).status()).isEqualTo(204);
        TestClient.Response revoked = platform.post("/api/v1/platform/events", batch);

        for (TestClient.Response response : List.of(none, wrong, staff, platformOnAdminRoute, revoked)) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.problem().type()).isEqualTo(ProblemType.UNAUTHORIZED.uri().toString());
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
        assertThat(auditEntries("platform_key.revoke", Long.toString(key.info().id()))).hasSize(1);
    }

    @Test
    void aModeratorMayNotAdministerThePlatform() {
        TestClient moderator = server.as(Role.MODERATOR);

        for (TestClient.Response response : List.of(
                moderator.get("/api/v1/platform/keys"),
                moderator.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("x")),
                moderator.post("/api/v1/platform/webhooks", new CreateWebhookRequest("http://127.0.0.1:9/x", true)),
                moderator.get("/api/v1/platform/status"))) {
            assertThat(response.status()).as(response.toString()).isEqualTo(403);
            assertThat(response.problem().type()).isEqualTo(ProblemType.FORBIDDEN.uri().toString());
        }
    }

    @Test
    void invalidBatchesAreRefusedAsAWhole() {
        List<IngestEvent> tooMany = new ArrayList<>();
        for (int i = 0; i <= IngestBatch.MAX_EVENTS; i++) {
            tooMany.add(user("bulk-" + i, "u-" + i, "用户" + i, "上海"));
        }

        Problem big = platform.post("/api/v1/platform/events", new IngestBatch(tooMany)).problem();
        Problem empty = platform.post("/api/v1/platform/events", Map.of("events", List.of())).problem();
        Problem badTime = platform.post("/api/v1/platform/events",
                "{\"events\":[{\"eventId\":\"e\",\"type\":\"user.upserted\",\"occurredAt\":\"soon\"}]}").problem();
        Problem badName = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest(" ")).problem();
        Problem badUrl = admin.post("/api/v1/platform/webhooks", new CreateWebhookRequest("ftp://x", true)).problem();

        assertThat(List.of(big, empty, badTime, badName, badUrl)).allSatisfy(p -> {
            assertThat(p.status()).isEqualTo(422);
            assertThat(p.errors()).isNotEmpty();
        });
        assertThat(big.errors().getFirst().field()).isEqualTo("events");
        assertThat(badTime.errors().getFirst().field()).contains("occurredAt");
        assertThat(badUrl.errors().getFirst().field()).isEqualTo("url");
    }

    @Test
    void theFeedIsPulledByCursorAndALongPollReturnsAsSoonAsAnActionExists() throws Exception {
        CreatedWebhook hook = admin.post("/api/v1/platform/webhooks",
                new CreateWebhookRequest("http://127.0.0.1:9/unused", false)).as(CreatedWebhook.class);
        long cursor = platform.get("/api/v1/platform/actions").as(ActionFeedPage.class).nextCursor();

        CompletableFuture<ActionFeedPage> waiting = CompletableFuture.supplyAsync(() ->
                platform.get("/api/v1/platform/actions?after=" + cursor + "&wait=25").as(ActionFeedPage.class));
        long actionId = admin.post("/api/v1/platform/webhooks/" + hook.webhook().id() + "/test", "{}")
                .json().get("actionId").asLong();

        ActionFeedPage page = waiting.get(20, TimeUnit.SECONDS);
        TestClient.Response pulled = platform.get("/api/v1/platform/actions?after=" + cursor);
        contract.check("GET", "/api/v1/platform/actions", pulled);
        assertThat(pulled.as(ActionFeedPage.class)).isEqualTo(page);
        assertThat(page.items()).singleElement().satisfies(action -> {
            assertThat(action.id()).isEqualTo(actionId);
            assertThat(action.type()).isEqualTo("platform.test");
        });
        assertThat(page.nextCursor()).isEqualTo(actionId);
        assertThat(platform.get("/api/v1/platform/actions?after=" + actionId).as(ActionFeedPage.class).items())
                .isEmpty();
        Problem badWait = platform.get("/api/v1/platform/actions?wait=31").problem();
        assertThat(badWait.status()).isEqualTo(400);
    }

    @Test
    void aWebhookIsCreatedTestedAndDeletedWithSignedDeliveriesAndAudit() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(1, Duration.ZERO)) {
            TestClient.Response created = admin.post("/api/v1/platform/webhooks",
                    new CreateWebhookRequest(receiver.url(), null));
            assertThat(created.status()).isEqualTo(201);
            CreatedWebhook hook = created.as(CreatedWebhook.class);
            receiver.secret(hook.secret());
            assertThat(hook.secret()).startsWith("whsec_");
            assertThat(admin.get("/api/v1/platform/webhooks").body()).doesNotContain(hook.secret());

            TestClient.Response test = admin.post("/api/v1/platform/webhooks/" + hook.webhook().id() + "/test", "{}");
            assertThat(test.status()).isEqualTo(202);
            contract.check("POST", "/api/v1/platform/webhooks/{id}/test", test);
            contract.check("POST", "/api/v1/platform/webhooks", created);

            String deliveriesPath = "/api/v1/platform/webhooks/" + hook.webhook().id() + "/deliveries";
            Eventually.awaitTrue(() -> {
                List<WebhookDelivery> list = admin.get(deliveriesPath).as(new TypeReference<>() { });
                return !list.isEmpty() && list.getFirst().status() == DeliveryStatus.DELIVERED;
            });
            TestClient.Response deliveriesResponse = admin.get(deliveriesPath);
            contract.check("GET", "/api/v1/platform/webhooks/{id}/deliveries", deliveriesResponse);
            List<WebhookDelivery> deliveries = deliveriesResponse.as(new TypeReference<>() { });
            assertThat(deliveries.getFirst().attempts()).isEqualTo(2);
            assertThat(deliveries.getFirst().actionType()).isEqualTo("platform.test");
            assertThat(receiver.accepted()).hasSize(2);
            JsonNode body = dev.moddesk.server.core.Json.mapper().readTree(receiver.accepted().getLast().body());
            assertThat(body.get("type").asText()).isEqualTo("platform.test");

            assertThat(admin.delete("/api/v1/platform/webhooks/" + hook.webhook().id()).status()).isEqualTo(204);
            assertThat(admin.get("/api/v1/platform/webhooks").json()).isEmpty();
            List<WebhookDelivery> history = admin.get(deliveriesPath).as(new TypeReference<>() { });
            assertThat(history).extracting(WebhookDelivery::status).containsExactly(DeliveryStatus.DELIVERED);
            assertThat(admin.delete("/api/v1/platform/webhooks/" + hook.webhook().id()).status()).isEqualTo(404);
            String id = Long.toString(hook.webhook().id());
            assertThat(auditEntries("webhook.create", id)).singleElement()
                    .satisfies(after -> assertThat(after).doesNotContain(hook.secret()));
            assertThat(auditEntries("webhook.test", id)).hasSize(1);
            assertThat(auditEntries("webhook.delete", id)).hasSize(1);
        }
    }

    @Test
    void failedDeliveriesAreSentAgainOneOrAllOfAnEndpointByAnAdminOnly() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(Integer.MAX_VALUE, Duration.ZERO)) {
            CreatedWebhook hook = admin.post("/api/v1/platform/webhooks", new CreateWebhookRequest(receiver.url(), null))
                    .as(CreatedWebhook.class);
            receiver.secret(hook.secret());
            long id = hook.webhook().id();
            String base = "/api/v1/platform/webhooks/" + id + "/deliveries";
            admin.post("/api/v1/platform/webhooks/" + id + "/test", "{}");
            admin.post("/api/v1/platform/webhooks/" + id + "/test", "{}");
            giveUp(id, 2);
            List<WebhookDelivery> failed = admin.get(base).as(new TypeReference<>() { });
            assertThat(failed).extracting(WebhookDelivery::status).containsOnly(DeliveryStatus.FAILED).hasSize(2);
            long newer = failed.get(0).id();
            long older = failed.get(1).id();

            TestClient moderator = server.as(Role.MODERATOR);
            assertThat(moderator.post(base + "/" + older + "/redeliver", "{}").status()).isEqualTo(403);
            assertThat(moderator.post(base + "/redeliver-failed", "{}").status()).isEqualTo(403);
            receiver.failures(0); // the platform is back

            TestClient.Response one = admin.post(base + "/" + older + "/redeliver", "{}");
            assertThat(one.status()).as(one.toString()).isEqualTo(202);
            contract.check("POST", "/api/v1/platform/webhooks/{id}/deliveries/{deliveryId}/redeliver", one);
            WebhookDelivery queued = one.as(WebhookDelivery.class);
            assertThat(queued.id()).isEqualTo(older);
            assertThat(queued.status()).isIn(DeliveryStatus.PENDING, DeliveryStatus.SENDING, DeliveryStatus.DELIVERED);
            Eventually.awaitTrue(() -> status(base, older) == DeliveryStatus.DELIVERED);
            assertThat(status(base, newer)).isEqualTo(DeliveryStatus.FAILED);

            TestClient.Response again = admin.send("POST", base + "/" + older + "/redeliver", "application/json",
                    "{}".getBytes(StandardCharsets.UTF_8), Map.of("Accept-Language", "zh-CN"));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.problem().type()).isEqualTo(ProblemType.CONFLICT.uri().toString());
            assertThat(again.problem().detail()).contains("只有失败的投递").contains("DELIVERED");
            assertThat(admin.post(base + "/999999/redeliver", "{}").status()).isEqualTo(404);

            TestClient.Response all = admin.post(base + "/redeliver-failed", "{}");
            assertThat(all.status()).as(all.toString()).isEqualTo(202);
            contract.check("POST", "/api/v1/platform/webhooks/{id}/deliveries/redeliver-failed", all);
            assertThat(all.as(RedeliveriesQueued.class).count()).isEqualTo(1);
            Eventually.awaitTrue(() -> status(base, newer) == DeliveryStatus.DELIVERED);
            assertThat(admin.post(base + "/redeliver-failed", "{}").as(RedeliveriesQueued.class).count()).isZero();
            List<WebhookDelivery> delivered = admin.get(base).as(new TypeReference<>() { });
            assertThat(delivered).allSatisfy(d -> {
                assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(d.attempts()).as("a fresh schedule, delivered at its first attempt").isEqualTo(1);
                assertThat(d.lastStatusCode()).isEqualTo(200);
            });
            assertThat(auditEntries("webhook.redeliver", Long.toString(id))).hasSize(2);

            assertThat(admin.delete("/api/v1/platform/webhooks/" + id).status()).isEqualTo(204);
            TestClient.Response gone = admin.post(base + "/redeliver-failed", "{}");
            assertThat(gone.status()).isEqualTo(404);
            assertThat(gone.problem().detail()).contains(Long.toString(id));
        }
    }

    /**
     * Puts the endpoint's deliveries where the worker leaves them after its last attempt (about an hour of retries),
     * once each has been tried and is waiting: FAILED, nothing due.
     */
    private void giveUp(long webhookId, int deliveries) throws InterruptedException {
        var jdbi = server.server().services().database().jdbi();
        Eventually.awaitTrue(() -> {
            jdbi.useHandle(h -> h.createUpdate("""
                            UPDATE webhook_deliveries SET status = 'FAILED', next_attempt_at = NULL
                             WHERE webhook_id = :id AND status = 'PENDING' AND attempts > 0""")
                    .bind("id", webhookId).execute());
            return jdbi.withHandle(h -> h.createQuery("""
                            SELECT COUNT(*) FROM webhook_deliveries WHERE webhook_id = :id AND status = 'FAILED'""")
                    .bind("id", webhookId).mapTo(Integer.class).one()) == deliveries;
        });
    }

    private DeliveryStatus status(String deliveriesPath, long deliveryId) {
        List<WebhookDelivery> list = admin.get(deliveriesPath).as(new TypeReference<>() { });
        return list.stream().filter(d -> d.id() == deliveryId).findFirst().orElseThrow().status();
    }

    /** The after (or else before) state of each audit entry with this action and target, read over HTTP. */
    private List<String> auditEntries(String action, String targetId) {
        TestClient.Response response = admin.get("/api/v1/audit?action=" + action + "&targetId=" + targetId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> states = new ArrayList<>();
        for (JsonNode entry : response.json().get("items")) {
            JsonNode state = entry.hasNonNull("after") ? entry.get("after") : entry.get("before");
            states.add(state == null ? "" : state.toString());
        }
        return states;
    }

    private static IngestEvent user(String eventId, String userId, String nickname, String city) {
        return new IngestEvent(eventId, "user.upserted", Instant.now(), Map.of("userId", userId, "nickname", nickname,
                "city", city, "accountCreatedAt", "2023-05-01T00:00:00Z"));
    }

    @Test
    void refusalsAreWrittenInTheCallersLanguage() {
        byte[] ftp = TestClient.json(new CreateWebhookRequest("ftp://x", true));
        TestClient.Response zh = admin.send("POST", "/api/v1/platform/webhooks", "application/json", ftp,
                Map.of("Accept-Language", "zh-CN"));
        assertThat(zh.status()).isEqualTo(422);
        assertThat(zh.header("Content-Language")).isEqualTo("zh-CN");
        assertThat(zh.problem().detail()).isEqualTo("url：必须是完整的 http 或 https 地址，不能包含用户信息或片段");
        TestClient.Response en = admin.send("POST", "/api/v1/platform/webhooks", "application/json", ftp, Map.of());
        assertThat(en.problem().detail())
                .isEqualTo("url: must be an absolute http or https URL without user info or fragment");

        assertThat(admin.send("DELETE", "/api/v1/platform/keys/999999", null, null,
                Map.of("Accept-Language", "zh-CN")).problem().detail()).isEqualTo("没有编号为 999999 的平台密钥");
        assertThat(admin.delete("/api/v1/platform/keys/999999").problem().detail())
                .isEqualTo("No platform key 999999");
        assertThat(server.client().send("GET", "/api/v1/platform/actions", null, null,
                Map.of("Accept-Language", "zh-CN")).problem().detail()).isEqualTo("请发送有效的平台服务密钥");
    }
}
