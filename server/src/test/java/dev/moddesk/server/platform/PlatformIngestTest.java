package dev.moddesk.server.platform;

import dev.moddesk.server.core.Json;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(Backend.class)
class PlatformIngestTest {

    @Parameter
    Backend kind;

    private final ObjectMapper json = Json.mapper();
    private TestDatabase db;
    private PlatformIngest ingest;
    private PlatformUsers users;
    private long keyId;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create(kind);
        Clock clock = Clock.systemUTC();
        ActionFeed feed = new ActionFeed(db.jdbi(), json, clock);
        users = new PlatformUsers(clock);
        ingest = new PlatformIngest(db.jdbi(), clock).register(users)
                // Stands for a feature whose events cause actions: each application is one row in the feed.
                .register(new IngestHandler() {
                    @Override
                    public String type() {
                        return "test.counted";
                    }

                    @Override
                    public void apply(Handle handle, Event event) {
                        feed.publish(handle, "test.applied", "event", event.eventId(), Map.of());
                    }
                });
        keyId = db.jdbi().inTransaction(h -> new PlatformKeys(db.jdbi(), clock).create(h, "test platform", null))
                .info().id();
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void anEventThatChangedNothingIsAppliedWithItsHandlersNote() {
        ingest.register(new IngestHandler() {
            @Override
            public String type() {
                return "test.too_late";
            }

            @Override
            public void apply(Handle handle, Event event) {
                applyNoting(handle, event);
            }

            @Override
            public IngestNote applyNoting(Handle handle, Event event) {
                return IngestNote.of("review.ingest.withdrawnAlready", "a-1");
            }
        });
        ObjectNode late = json.createObjectNode().put("eventId", "late-1").put("type", "test.too_late")
                .put("occurredAt", "2026-11-24T08:00:00Z");
        IngestOutcome outcome = ingest.ingest(keyId, List.of(late), Locale.SIMPLIFIED_CHINESE).outcomes().getFirst();
        assertThat(outcome.status()).isEqualTo(IngestStatus.APPLIED);
        assertThat(outcome.note()).isEqualTo("未做任何更改：申请 a-1 已经撤回。");
        assertThat(ingest.ingest(keyId, List.of(late)).outcomes()).extracting(IngestOutcome::status)
                .containsExactly(IngestStatus.DUPLICATE);
    }

    @Test
    void aReplayedEventIsAppliedOnce() {
        IngestBatchResult first = ingest.ingest(keyId, List.of(user("e-1", "u-1", "晴天小猪", "成都")));
        IngestBatchResult replay = ingest.ingest(keyId, List.of(user("e-1", "u-1", "改了名字", "北京")));

        assertThat(first.outcomes()).extracting(IngestOutcome::status).containsExactly(IngestStatus.APPLIED);
        assertThat(replay.outcomes()).extracting(IngestOutcome::status).containsExactly(IngestStatus.DUPLICATE);
        PlatformUser stored = db.jdbi().withHandle(h -> users.find(h, "u-1")).orElseThrow();
        assertThat(stored.nickname()).isEqualTo("晴天小猪");
        assertThat(stored.city()).isEqualTo("成都");
    }

    @Test
    void concurrentReplaysOfOneEventApplyItExactlyOnce() throws Exception {
        int replays = 8;
        for (int round = 0; round < 5; round++) {
            String eventId = "concurrent-" + round;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<IngestBatchResult>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(replays)) {
                for (int i = 0; i < replays; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return ingest.ingest(keyId, List.of(event(eventId, "test.counted", Map.of())));
                    }));
                }
                start.countDown();
                List<IngestStatus> statuses = new ArrayList<>();
                for (Future<IngestBatchResult> result : results) {
                    statuses.add(result.get().outcomes().getFirst().status());
                }
                assertThat(statuses).filteredOn(s -> s == IngestStatus.APPLIED).hasSize(1);
                assertThat(statuses).filteredOn(s -> s == IngestStatus.DUPLICATE).hasSize(replays - 1);
            }
            long applications = db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM action_feed WHERE target_id = :id").bind("id", eventId)
                    .mapTo(Long.class).one());
            assertThat(applications).isEqualTo(1);
        }
    }

    @Test
    void aBatchAnswersEachEventInOrder() {
        ingest.ingest(keyId, List.of(user("seen", "u-9", "老用户", "上海")));

        ObjectNode noNickname = user("no-nickname", "u-2", "x", "杭州");
        ((ObjectNode) noNickname.get("payload")).remove("nickname");
        ObjectNode noEventId = user("ignored", "u-3", "小王", "广州");
        noEventId.remove("eventId");
        ObjectNode badTime = user("bad-time", "u-4", "小李", "深圳");
        badTime.put("occurredAt", "yesterday");

        IngestBatchResult result = ingest.ingest(keyId, List.of(
                user("fresh", "u-1", "成都吃货阿杰", "成都"),
                user("seen", "u-9", "老用户", "上海"),
                event("mystery", "room.exploded", Map.of()),
                noNickname,
                noEventId,
                badTime));

        assertThat(result.outcomes()).extracting(IngestOutcome::status).containsExactly(
                IngestStatus.APPLIED, IngestStatus.DUPLICATE, IngestStatus.REJECTED, IngestStatus.REJECTED,
                IngestStatus.REJECTED, IngestStatus.REJECTED);
        assertThat(result.outcomes()).extracting(IngestOutcome::eventId)
                .containsExactly("fresh", "seen", "mystery", "no-nickname", null, "bad-time");
        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(4);

        IngestOutcome unknown = result.outcomes().get(2);
        assertThat(unknown.problem().type()).isEqualTo(ProblemType.UNKNOWN_EVENT_TYPE.uri().toString());
        assertThat(unknown.problem().status()).isEqualTo(422);
        assertThat(unknown.problem().detail()).contains("room.exploded").contains("user.upserted");
        assertThat(result.outcomes().get(3).problem().detail()).contains("payload.nickname");
        assertThat(result.outcomes().get(4).problem().errors()).anySatisfy(e -> assertThat(e.field()).isEqualTo("eventId"));
        assertThat(result.outcomes().get(5).problem().errors()).anySatisfy(e -> assertThat(e.field()).isEqualTo("occurredAt"));
        assertThat(db.jdbi().withHandle(users::count)).isEqualTo(2);
    }

    @Test
    void eachRefusalIsWrittenInTheLanguageThePlatformAskedFor() {
        ObjectNode noNickname = user("zh-no-nickname", "u-2", "x", "北京");
        ((ObjectNode) noNickname.get("payload")).remove("nickname");
        ObjectNode longCity = user("zh-long-city", "u-3", "长城", "城".repeat(51));
        ObjectNode badTime = user("zh-bad-time", "u-4", "y", "上海");
        badTime.put("occurredAt", "昨天");

        IngestBatchResult result = ingest.ingest(keyId, List.of(noNickname, longCity, badTime,
                event("zh-mystery", "room.exploded", Map.of())), Locale.SIMPLIFIED_CHINESE);

        assertThat(result.outcomes()).extracting(IngestOutcome::status).containsOnly(IngestStatus.REJECTED);
        assertThat(result.outcomes().get(0).problem().errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("payload.nickname");
            assertThat(e.message()).isEqualTo("为必填项");
        });
        assertThat(result.outcomes().get(0).problem().detail()).contains("payload.nickname").contains("为必填项");
        assertThat(result.outcomes().get(1).problem().errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("payload.city");
            assertThat(e.message()).isEqualTo("最多 50 个字符");
        });
        assertThat(result.outcomes().get(2).problem().errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("occurredAt");
            assertThat(e.message()).startsWith("必须是 ISO-8601 时间");
        });
        assertThat(result.outcomes().get(3).problem().detail()).startsWith("没有处理事件类型“room.exploded”的程序")
                .contains("user.upserted");
        IngestOutcome english = ingest.ingest(keyId, List.of(noNickname)).outcomes().getFirst();
        assertThat(english.problem().errors()).singleElement().satisfies(e -> assertThat(e.message())
                .isEqualTo("is required"));
        assertThat(db.jdbi().withHandle(users::count)).isZero();
    }

    @Test
    void aRejectedEventMayBeSentAgainUnderItsIdOnceFixed() {
        ObjectNode broken = user("e-7", "u-7", "x", "武汉");
        ((ObjectNode) broken.get("payload")).remove("nickname");

        IngestStatus first = ingest.ingest(keyId, List.of(broken)).outcomes().getFirst().status();
        IngestStatus fixed = ingest.ingest(keyId, List.of(user("e-7", "u-7", "武汉热干面", "武汉")))
                .outcomes().getFirst().status();

        assertThat(first).isEqualTo(IngestStatus.REJECTED);
        assertThat(fixed).isEqualTo(IngestStatus.APPLIED);
        assertThat(db.jdbi().withHandle(h -> users.find(h, "u-7")).orElseThrow().nickname()).isEqualTo("武汉热干面");
    }

    @Test
    void aLateOlderEventDoesNotOverwriteANewerOne() {
        ObjectNode newer = user("new", "u-5", "西安肉夹馍", "西安");
        newer.put("occurredAt", "2026-11-24T10:00:00Z");
        ObjectNode older = user("old", "u-5", "旧昵称", "南京");
        older.put("occurredAt", "2026-11-24T09:00:00Z");

        IngestBatchResult result = ingest.ingest(keyId, List.of(newer, older));

        assertThat(result.applied()).isEqualTo(2);
        PlatformUser stored = db.jdbi().withHandle(h -> users.find(h, "u-5")).orElseThrow();
        assertThat(stored.nickname()).isEqualTo("西安肉夹馍");
        assertThat(stored.city()).isEqualTo("西安");
    }

    @Test
    void keysAuthenticateUntilRevoked() {
        Clock clock = Clock.systemUTC();
        PlatformKeys keys = new PlatformKeys(db.jdbi(), clock);
        var created = db.jdbi().inTransaction(h -> keys.create(h, "抖音 staging", null));

        assertThat(created.key()).startsWith("mdk_").hasSizeGreaterThan(40);
        assertThat(created.info().prefix()).isEqualTo(created.key().substring(0, 12));
        assertThat(keys.authenticate(created.key())).map(k -> k.id()).contains(created.info().id());
        assertThat(keys.authenticate(created.key() + "x")).isEmpty();
        assertThat(keys.authenticate("garbage")).isEmpty();
        List<String> storedHashes = db.jdbi().withHandle(h -> h.createQuery("SELECT key_hash FROM platform_keys")
                .mapTo(String.class).list());
        assertThat(storedHashes).noneMatch(hash -> hash.contains(created.key()));

        db.jdbi().useTransaction(h -> keys.revoke(h, created.info().id()));

        assertThat(keys.authenticate(created.key())).isEmpty();
        assertThat(db.jdbi().withHandle(keys::list)).filteredOn(k -> k.id() == created.info().id()).singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isNotNull());
    }

    private ObjectNode user(String eventId, String userId, String nickname, String city) {
        return event(eventId, PlatformUsers.TYPE, Map.of("userId", userId, "nickname", nickname, "city", city,
                "accountCreatedAt", "2024-03-01T08:00:00Z"));
    }

    private ObjectNode event(String eventId, String type, Map<String, Object> payload) {
        ObjectNode node = json.createObjectNode();
        node.put("eventId", eventId);
        node.put("type", type);
        node.put("occurredAt", Instant.now().toString());
        node.set("payload", json.valueToTree(payload));
        return node;
    }

    static JsonNode tree(ObjectMapper json, Object value) {
        return json.valueToTree(value);
    }
}
