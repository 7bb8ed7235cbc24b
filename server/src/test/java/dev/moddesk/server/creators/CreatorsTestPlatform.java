package dev.moddesk.server.creators;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.Role;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The platform side in creator tests: sends creator events over HTTP with a service key and reads the feed. */
final class CreatorsTestPlatform {

    private final TestClient platform;
    private final Clock clock;
    private final AtomicInteger events = new AtomicInteger();
    private long feedCursor;

    CreatorsTestPlatform(TestServer server, Clock clock) {
        TestClient admin = server.as(Role.ADMIN);
        CreatedPlatformKey key = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("creators test"))
                .as(CreatedPlatformKey.class);
        this.platform = server.client().withToken(key.key());
        this.clock = clock;
        this.feedCursor = readFeed().isEmpty() ? 0 : feedCursor;
    }

    IngestBatchResult send(IngestEvent... batch) {
        TestClient.Response response = platform.post("/api/v1/platform/events", new IngestBatch(List.of(batch)));
        if (response.status() != 200) {
            throw new AssertionError("ingest failed: " + response);
        }
        return response.as(IngestBatchResult.class);
    }

    IngestEvent event(String type, Map<String, Object> payload) {
        return new IngestEvent("ev-" + events.incrementAndGet(), type, clock.instant(), payload);
    }

    IngestEvent creator(String id, String name, String tier, boolean verified) {
        return event("creator.upserted", Map.of("creatorId", id, "userId", "u-" + id, "displayName", name,
                "followers", 1000, "tier", tier, "verified", verified));
    }

    List<IngestEvent> groups(String creatorId, int count) {
        List<IngestEvent> list = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("groupId", creatorId + "-g" + i);
            payload.put("creatorId", creatorId);
            payload.put("name", "粉丝群 " + i);
            payload.put("members", 100 + i);
            list.add(event("fan_group.upserted", payload));
        }
        return list;
    }

    /** The actions published since the last call. */
    List<FeedAction> readFeed() {
        List<FeedAction> all = new ArrayList<>();
        while (true) {
            ActionFeedPage page = platform.get("/api/v1/platform/actions?limit=500&after=" + feedCursor)
                    .as(new TypeReference<ActionFeedPage>() { });
            all.addAll(page.items());
            if (page.items().isEmpty()) {
                return all;
            }
            feedCursor = page.nextCursor();
        }
    }
}
