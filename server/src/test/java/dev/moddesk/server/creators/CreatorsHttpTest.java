package dev.moddesk.server.creators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.creators.BulkChange;
import dev.moddesk.contract.creators.BulkResult;
import dev.moddesk.contract.creators.ChangeEffect;
import dev.moddesk.contract.creators.ChangeResult;
import dev.moddesk.contract.creators.CreatorChange;
import dev.moddesk.contract.creators.CreatorDetail;
import dev.moddesk.contract.creators.CreatorOutcome;
import dev.moddesk.contract.creators.CreatorSummary;
import dev.moddesk.contract.creators.CreatorValues;
import dev.moddesk.contract.creators.FeatureFlag;
import dev.moddesk.contract.creators.GroupOrder;
import dev.moddesk.contract.creators.HistoryEntry;
import dev.moddesk.contract.creators.Limit;
import dev.moddesk.contract.creators.QuotaDecision;
import dev.moddesk.contract.creators.QuotaRequestView;
import dev.moddesk.contract.creators.SettingChange;
import dev.moddesk.contract.creators.Tier;
import dev.moddesk.contract.creators.TierChange;
import dev.moddesk.contract.creators.ValueSource;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Creators over real HTTP on H2 and PostgreSQL: the platform's events in, staff changes out on the feed. */
@ParameterizedClass
@EnumSource(Backend.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CreatorsHttpTest {

    @Parameter
    Backend backend;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T08:00:00Z"));
    private final AtomicInteger names = new AtomicInteger();
    private TestServer server;
    private OpenApiContract contract;
    private CreatorsTestPlatform platform;
    private TestClient admin;

    @BeforeParameterizedClassInvocation
    void start(Backend backend) {
        server = TestServers.start(backend, config -> config.withClock(clock), List.of());
        contract = new OpenApiContract(server);
        platform = new CreatorsTestPlatform(server, clock);
        admin = server.as(Role.ADMIN);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        server.close();
    }

    /** A new creator with {@code groups} fan groups; returns its id after draining the feed. */
    private long creator(String tier, boolean verified, int groups) {
        String id = "kol-" + backend + "-" + names.incrementAndGet();
        platform.send(platform.creator(id, "晴天 Sunny " + id, tier, verified));
        if (groups > 0) {
            platform.send(platform.groups(id, groups).toArray(dev.moddesk.contract.platform.IngestEvent[]::new));
        }
        platform.readFeed();
        Page<CreatorSummary> found = admin.get("/api/v1/creators?query=" + id).as(new TypeReference<>() { });
        return found.items().getFirst().id();
    }

    private CreatorDetail detail(long id) {
        TestClient.Response r = admin.get("/api/v1/creators/" + id);
        contract.check("GET", "/api/v1/creators/{id}", r);
        assertThat(r.header("ETag")).isEqualTo("\"" + r.as(CreatorDetail.class).version() + "\"");
        return r.as(CreatorDetail.class);
    }

    private TestClient.Response change(TestClient client, long id, Integer version, String key, CreatorChange body,
                                       String language) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        if (version != null) {
            headers.put("If-Match", "\"" + version + "\"");
        }
        if (key != null) {
            headers.put("Idempotency-Key", key);
        }
        if (language != null) {
            headers.put("Accept-Language", language);
        }
        TestClient.Response r = client.send("PUT", "/api/v1/creators/" + id + "/settings", "application/json",
                TestClient.json(body), headers);
        contract.check("PUT", "/api/v1/creators/{id}/settings", r);
        return r;
    }

    private TestClient.Response change(long id, int version, CreatorChange body) {
        return change(admin, id, version, UUID.randomUUID().toString(), body, null);
    }

    @Test
    void theStoryCreatorKeepsEveryGroupAndShowsFive() {
        long id = creator("STANDARD", false, 8);
        CreatorDetail d = detail(id);
        assertThat(d.usage().groupsOwned()).isEqualTo(8);
        assertThat(d.usage().overQuotaBy()).isEqualTo(3);
        assertThat(d.usage().canOpenGroup()).isFalse();
        assertThat(d.groups()).filteredOn(g -> g.shown()).hasSize(5);
        assertThat(d.sources().get("fanGroupQuota").kind()).isEqualTo(ValueSource.Kind.TIER);

        CreatorChange fewerSlots = new CreatorChange(List.of(SettingChange.limit(Limit.DISPLAY_SLOTS, 3)),
                "profile redesign");
        TestClient.Response previewed = admin.post("/api/v1/creators/" + id + "/settings/preview", fewerSlots);
        contract.check("POST", "/api/v1/creators/{id}/settings/preview", previewed);
        ChangeEffect preview = previewed.as(ChangeEffect.class);
        assertThat(preview.summary()).isEqualTo(
                "displaySlots 5 → 3; 3 groups over quota: no new groups until under; groups 4–5 hidden from profile");

        ChangeResult applied = change(id, d.version(), fewerSlots).as(ChangeResult.class);
        assertThat(applied.effect()).isEqualTo(preview);
        assertThat(applied.creator().groups()).hasSize(8).filteredOn(g -> g.shown()).hasSize(3);

        // Grant 50 groups, keep 5 on the profile.
        CreatorChange grant = new CreatorChange(List.of(SettingChange.limit(Limit.FAN_GROUP_QUOTA, 50),
                SettingChange.limit(Limit.DISPLAY_SLOTS, 5)), "top creator, agreed with the team");
        ChangeResult granted = change(id, applied.creator().version(), grant).as(ChangeResult.class);
        assertThat(granted.creator().effective().fanGroupQuota()).isEqualTo(50);
        assertThat(granted.creator().usage().canOpenGroup()).isTrue();
        assertThat(granted.creator().groups()).filteredOn(g -> g.shown()).hasSize(5);
        ValueSource source = granted.creator().sources().get("fanGroupQuota");
        assertThat(source.kind()).isEqualTo(ValueSource.Kind.OVERRIDE);
        assertThat(source.by()).isEqualTo("t-admin");
        assertThat(source.reason()).isEqualTo("top creator, agreed with the team");

        List<FeedAction> feed = platform.readFeed();
        assertThat(feed).hasSize(2).allMatch(a -> a.type().equals("creator.settings.changed"));
        Map<?, ?> effective = (Map<?, ?>) feed.getLast().payload().get("effective");
        assertThat(effective.get("fanGroupQuota")).isEqualTo(50);
        assertThat((List<?>) feed.getLast().payload().get("shownGroupIds")).hasSize(5);

        List<HistoryEntry> history = admin.get("/api/v1/creators/" + id + "/history")
                .as(new TypeReference<>() { });
        assertThat(history.getFirst().diffs()).anySatisfy(diff -> {
            assertThat(diff.field()).isEqualTo("fanGroupQuota");
            assertThat(diff.from()).isEqualTo("5");
            assertThat(diff.to()).isEqualTo("50");
        });
        assertThat(history.getFirst().actor()).isEqualTo("t-admin");
    }

    @Test
    void reorderingPicksTheGroupsShown() {
        long id = creator("STANDARD", false, 7);
        CreatorDetail d = detail(id);
        long seventh = d.groups().get(6).id();
        TestClient.Response r = admin.send("PUT", "/api/v1/creators/" + id + "/group-order", "application/json",
                TestClient.json(new GroupOrder(List.of(seventh), "pin the newest")),
                Map.of("If-Match", "\"" + d.version() + "\""));
        contract.check("PUT", "/api/v1/creators/{id}/group-order", r);
        ChangeResult result = r.as(ChangeResult.class);
        assertThat(result.creator().groups().getFirst().id()).isEqualTo(seventh);
        assertThat(result.effect().newlyShownGroups()).containsExactly(seventh);
        assertThat(result.effect().hiddenGroups()).containsExactly(d.groups().get(4).id());
        assertThat(platform.readFeed()).hasSize(1);
    }

    @Test
    void anOverrideLapsesOnceWithASystemEntryAndAFeedAction() {
        long id = creator("STANDARD", false, 2);
        CreatorDetail d = detail(id);
        CreatorChange until = new CreatorChange(List.of(SettingChange.limit(Limit.FAN_GROUP_QUOTA, 20)
                .until(clock.instant().plus(Duration.ofHours(1)))), "campaign week");
        change(id, d.version(), until).as(ChangeResult.class);
        assertThat(platform.readFeed()).hasSize(1);

        clock.advance(Duration.ofHours(2));
        // Reads judge the expiry with the clock before any job runs.
        CreatorDetail lapsed = detail(id);
        assertThat(lapsed.effective().fanGroupQuota()).isEqualTo(5);
        assertThat(lapsed.sources().get("fanGroupQuota").kind()).isEqualTo(ValueSource.Kind.TIER);

        // Two "nodes" end lapses (the server's own job may run too): exactly one records it.
        var services = server.server().services();
        CreatorsModule other = new CreatorsModule(services.database().jdbi(), clock, services.auditLog(),
                PlatformGateway.of(services).actions());
        other.lapseDue(100);
        other.lapseDue(100);
        List<FeedAction> feed = platform.readFeed();
        assertThat(feed).hasSize(1);
        assertThat(feed.getFirst().payload().get("cause")).isEqualTo("lapse");
        assertThat(((Map<?, ?>) feed.getFirst().payload().get("effective")).get("fanGroupQuota")).isEqualTo(5);
        List<HistoryEntry> history = admin.get("/api/v1/creators/" + id + "/history")
                .as(new TypeReference<>() { });
        assertThat(history).filteredOn(h -> h.action().equals("creator.override.lapse")).singleElement()
                .satisfies(h -> {
                    assertThat(h.actor()).isEqualTo("system");
                    assertThat(h.diffs()).anySatisfy(diff -> {
                        assertThat(diff.field()).isEqualTo("fanGroupQuota");
                        assertThat(diff.from()).isEqualTo("20");
                        assertThat(diff.to()).isEqualTo("5");
                    });
                });
    }

    @Test
    void featureRulesAnswer422NamingTheRuleInTheCallersLanguage() {
        long id = creator("STANDARD", false, 0);
        int version = detail(id).version();
        CreatorChange redPacketsWithoutChat = new CreatorChange(List.of(
                SettingChange.flag(FeatureFlag.GROUP_CHAT, false), SettingChange.flag(FeatureFlag.GROUP_RED_PACKET,
                        true)), "try");
        TestClient.Response r = change(admin, id, version, "k-" + UUID.randomUUID(), redPacketsWithoutChat, "zh-CN");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("rule").asText()).isEqualTo("GROUP_RED_PACKET_NEEDS_GROUP_CHAT");
        assertThat(r.problem().detail()).contains("群红包需要先开启群聊");

        TestClient.Response video = change(id, version, new CreatorChange(List.of(
                SettingChange.flag(FeatureFlag.VIDEO_CALL, true)), "try"));
        assertThat(video.status()).isEqualTo(422);
        assertThat(video.json().get("rule").asText()).isEqualTo("VIDEO_CALL_NEEDS_VERIFIED");
        assertThat(detail(id).version()).isEqualTo(version);
    }

    @Test
    void badInputNamesTheField() {
        long id = creator("STANDARD", false, 0);
        int version = detail(id).version();
        TestClient.Response r = change(id, version, new CreatorChange(List.of(
                SettingChange.limit(Limit.FAN_GROUP_QUOTA, -1),
                new SettingChange("<script>alert(1)</script>", null, true, false, null),
                SettingChange.flag(FeatureFlag.KTV, true).until(clock.instant().minusSeconds(1))), "x"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.problem().errors()).extracting(e -> e.field())
                .containsExactly("changes[0].number", "changes[1].setting", "changes[2].expiresAt");
    }

    @Test
    void ifMatchAndIdempotencyKeyAreEnforced() {
        long id = creator("STANDARD", false, 0);
        int version = detail(id).version();
        CreatorChange body = new CreatorChange(List.of(SettingChange.flag(FeatureFlag.KTV, true)), "party");
        assertThat(change(admin, id, null, "k1-" + id, body, null).status()).isEqualTo(428);
        assertThat(change(admin, id, version, null, body, null).status()).isEqualTo(400);

        String key = "k2-" + id;
        TestClient.Response first = change(admin, id, version, key, body, null);
        TestClient.Response replay = change(admin, id, version, key, body, null);
        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.as(ChangeResult.class)).isEqualTo(first.as(ChangeResult.class));
        assertThat(detail(id).version()).isEqualTo(version + 1);
        assertThat(platform.readFeed()).hasSize(1);

        CreatorChange other = new CreatorChange(List.of(SettingChange.flag(FeatureFlag.KTV, false)), "no party");
        assertThat(change(admin, id, version + 1, key, other, null).status()).isEqualTo(422);

        TestClient.Response stale = change(admin, id, version, "k3-" + id, other, null);
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.json().get("currentVersion").asInt()).isEqualTo(version + 1);
        assertThat(stale.json().get("current").get("effective").get("features").get("KTV").asBoolean()).isTrue();
    }

    @Test
    void rolesAdminEditsOpsReadsModeratorNothing() {
        long id = creator("STANDARD", false, 0);
        TestClient ops = server.as(Role.OPS);
        TestClient moderator = server.as(Role.MODERATOR);
        assertThat(ops.get("/api/v1/creators/" + id).status()).isEqualTo(200);
        assertThat(ops.get("/api/v1/creator-tiers").status()).isEqualTo(200);
        assertThat(change(ops, id, 1, "k", new CreatorChange(List.of(SettingChange.flag(FeatureFlag.KTV, true)),
                "x"), null).status()).isEqualTo(403);
        for (var route : server.server().api().routes()) {
            if (route.path().startsWith("/api/v1/creator")) {
                TestClient.Response r = moderator.send(route.method(), route.path().replaceAll("\\{[^}]+}",
                        Long.toString(id)), route.bodyType() == null ? null : "application/json",
                        route.bodyType() == null ? null : "{}".getBytes(), Map.of());
                assertThat(r.status()).as(route.toString()).isEqualTo(403);
            }
        }
    }

    @Test
    void quotaRequestsArriveOnceAndAnAdminApprovesPart() {
        long id = creator("STANDARD", false, 5);
        String ext = detail(id).externalId();
        var request = platform.event("creator.quota_requested", Map.of("requestId", "req-" + ext, "creatorId", ext,
                "requested", 50, "justification", "粉丝太多了，群不够用"));
        platform.send(request);
        List<IngestOutcome> replay = platform.send(request).outcomes();
        assertThat(replay.getFirst().status()).isEqualTo(IngestStatus.DUPLICATE);

        Page<QuotaRequestView> queue = admin.get("/api/v1/creator-quota-requests?status=PENDING&limit=200")
                .as(new TypeReference<>() { });
        QuotaRequestView view = queue.items().stream().filter(v -> v.request().creatorId() == id).findFirst()
                .orElseThrow();
        assertThat(view.request().current()).isEqualTo(5);
        assertThat(view.usage().groupsOwned()).isEqualTo(5);

        TestClient.Response decided = admin.send("POST", "/api/v1/creator-quota-requests/" + view.request().id()
                        + "/decision", "application/json",
                TestClient.json(new QuotaDecision(QuotaDecision.Kind.APPROVE_PART, 20, "20 for now, more next month")),
                Map.of("If-Match", "\"" + view.request().version() + "\""));
        contract.check("POST", "/api/v1/creator-quota-requests/{id}/decision", decided);
        QuotaRequestView after = decided.as(QuotaRequestView.class);
        assertThat(after.request().granted()).isEqualTo(20);
        assertThat(after.usage().fanGroupQuota()).isEqualTo(20);
        assertThat(detail(id).sources().get("fanGroupQuota").by()).isEqualTo("t-admin");
        assertThat(platform.readFeed()).singleElement()
                .satisfies(a -> assertThat(a.payload().get("cause")).isEqualTo("quota_request"));
    }

    @Test
    void bulkHasAnOutcomePerCreator() {
        long verified = creator("RISING", true, 0);
        long unverified = creator("RISING", false, 0);
        BulkChange bulk = new BulkChange(List.of(verified, unverified, 987_654L),
                List.of(SettingChange.flag(FeatureFlag.VIDEO_CALL, true)), "video call pilot");
        BulkResult preview = admin.post("/api/v1/creators/bulk/preview", bulk).as(BulkResult.class);
        TestClient.Response r = admin.post("/api/v1/creators/bulk", bulk);
        contract.check("POST", "/api/v1/creators/bulk", r);
        BulkResult applied = r.as(BulkResult.class);
        assertThat(applied.changed()).isEqualTo(1);
        assertThat(applied.refused()).isEqualTo(2);
        assertThat(applied.outcomes()).extracting(CreatorOutcome::status).containsExactly(
                CreatorOutcome.Status.CHANGED, CreatorOutcome.Status.REFUSED, CreatorOutcome.Status.REFUSED);
        assertThat(applied.outcomes().get(1).problem().extensions().get("rule")).isEqualTo("VIDEO_CALL_NEEDS_VERIFIED");
        assertThat(applied.outcomes()).extracting(CreatorOutcome::displayName).as("named for people")
                .containsExactly(detail(verified).displayName(), detail(unverified).displayName(), null);
        assertThat(preview.outcomes().stream().map(CreatorOutcome::effect).toList())
                .isEqualTo(applied.outcomes().stream().map(CreatorOutcome::effect).toList());
        assertThat(platform.readFeed()).hasSize(1);
    }

    @Test
    void aTierChangeReachesEveryCreatorOfTheTierOnce() {
        Tier star = admin.get("/api/v1/creator-tiers").as(new TypeReference<List<Tier>>() { }).stream()
                .filter(t -> t.code().equals("STAR")).findFirst().orElseThrow();
        long a = creator("STAR", true, 3);
        long b = creator("STAR", false, 0);
        long c = creator("STAR", false, 0);
        int bVersion = detail(b).version();
        // c already has 30 groups by override: a quota of 30 in the tier changes nothing for it.
        change(c, detail(c).version(), new CreatorChange(List.of(SettingChange.limit(Limit.FAN_GROUP_QUOTA, 30)),
                "x")).as(ChangeResult.class);
        platform.readFeed();
        CreatorValues next = CreatorValues.of(30, 2, star.defaults().memberCapacity(),
                EnumSet.of(FeatureFlag.GROUP_CHAT));
        TierChange change = new TierChange(next, "tighter profile for stars");
        BulkResult preview = admin.post("/api/v1/creator-tiers/STAR/preview", change).as(BulkResult.class);
        TestClient.Response r = admin.send("PUT", "/api/v1/creator-tiers/STAR", "application/json",
                TestClient.json(change), Map.of("If-Match", "\"" + star.version() + "\""));
        contract.check("PUT", "/api/v1/creator-tiers/{code}", r);
        BulkResult applied = r.as(BulkResult.class);
        assertThat(applied.outcomes()).isEqualTo(preview.outcomes());
        assertThat(applied.changed()).isEqualTo(applied.outcomes().size()).isGreaterThanOrEqualTo(3);
        assertThat(applied.outcomes()).filteredOn(o -> o.creatorId() == a).singleElement()
                .satisfies(o -> assertThat(o.effect().hiddenGroups()).hasSize(1));
        List<FeedAction> feed = platform.readFeed();
        assertThat(feed).hasSize(applied.changed());
        assertThat(feed).extracting(FeedAction::targetId).doesNotHaveDuplicates();
        assertThat(detail(b).version()).isEqualTo(bVersion + 1);
        // Stale tier version: 412.
        assertThat(admin.send("PUT", "/api/v1/creator-tiers/STAR", "application/json", TestClient.json(change),
                Map.of("If-Match", "\"" + star.version() + "\"")).status()).isEqualTo(412);
        // A tier may not break a rule between flags.
        TestClient.Response broken = admin.post("/api/v1/creator-tiers/STAR/preview", new TierChange(
                CreatorValues.of(1, 1, 1, EnumSet.of(FeatureFlag.CONNECT)), "x"));
        assertThat(broken.status()).isEqualTo(422);
        assertThat(broken.json().get("rule").asText()).isEqualTo("CONNECT_NEEDS_CHAT_ROOM");
    }
}
