package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Plays a platform's room events into a test server through the real ingest API (tests feed their own events). */
final class RoomFeed {
    static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");

    private final TestClient platform;
    private final AtomicLong ids = new AtomicLong();
    private final String idPrefix;

    private RoomFeed(TestClient platform, String idPrefix) {
        this.platform = platform;
        this.idPrefix = idPrefix;
    }

    /** A feed with a new platform key made by an admin of {@code server}. */
    static RoomFeed of(TestServer server) {
        TestClient admin = server.as(Role.ADMIN);
        TestClient.Response created = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("rooms test"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new RoomFeed(server.client().withToken(created.as(CreatedPlatformKey.class).key()),
                "e" + System.nanoTime() + "-");
    }

    /** The same platform key against another node. */
    RoomFeed on(TestServer node) {
        return new RoomFeed(node.client().withToken(platform.token()), idPrefix + "n" + System.nanoTime() + "-");
    }

    /** The platform key this feed sends with. */
    String token() {
        return platform.token();
    }

    IngestEvent event(String type, Map<String, Object> payload) {
        return new IngestEvent(idPrefix + ids.incrementAndGet(), type, AT, payload);
    }

    IngestEvent opened(String roomId, String kind) {
        return event("room.opened", Map.of("roomId", roomId, "kind", kind, "title", "今晚一起聊 <b>", "hostId", "h1",
                "hostName", "主播小王", "city", "成都"));
    }

    IngestEvent join(String roomId, String userId, String nickname) {
        return event("room.join", Map.of("roomId", roomId, "userId", userId, "nickname", nickname));
    }

    IngestEvent message(String roomId, String userId, String text) {
        long n = ids.get() + 1;
        return event("room.message", Map.of("roomId", roomId, "messageId", "m" + n, "userId", userId,
                "nickname", "用户" + userId, "text", text));
    }

    List<IngestEvent> messages(String roomId, int count) {
        List<IngestEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(message(roomId, "u" + (i % 7), "第" + i + "条 hello"));
        }
        return out;
    }

    /** The platform withheld a line ({@code message.held}). */
    IngestEvent held(String roomId, String messageId, String userId, String text) {
        return event("message.held", Map.of("roomId", roomId, "messageId", messageId, "userId", userId,
                "nickname", "用户" + userId, "text", text));
    }

    IngestEvent seat(String roomId, int number, String occupantId, boolean muted, boolean locked) {
        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("number", number);
        if (occupantId != null) {
            seat.put("occupantId", occupantId);
            seat.put("occupantName", "麦上" + occupantId);
        }
        seat.put("muted", muted);
        seat.put("locked", locked);
        return event("room.seat", Map.of("roomId", roomId, "seat", seat));
    }

    IngestBatchResult send(List<IngestEvent> events) {
        TestClient.Response response = platform.post("/api/v1/platform/events", new IngestBatch(events));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.as(IngestBatchResult.class);
    }

    /** Sends and expects every event APPLIED. */
    void apply(List<IngestEvent> events) {
        IngestBatchResult result = send(events);
        assertThat(result.outcomes()).as(result.toString()).extracting(IngestOutcome::status)
                .containsOnly(IngestStatus.APPLIED);
    }

    void apply(IngestEvent... events) {
        apply(List.of(events));
    }
}
