package dev.moddesk.app.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.Json;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.contract.platform.ActionFeedPage;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.platform.IngestStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Plays the platform for end-to-end tests, as a real platform would: an admin creates a service key over the REST
 * API, and the test's own circles and applications go in through the ingest API. Tests start the server with
 * {@code --no-sim}, so nothing random touches their data (a fresh-clone run once failed because the simulator
 * withdrew a test's application).
 */
final class TestPlatform {
    private static final MediaType JSON = MediaType.get("application/json");
    // Generous: on a loaded machine a batch of applications took longer than OkHttp's default 10 s.
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofMinutes(5)).build();
    private final ObjectMapper mapper = Json.mapper();
    private final String baseUrl;
    private final String key;
    private long events;

    private TestPlatform(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** Signs in as the admin account and creates a service key named after the test. */
    static TestPlatform connect(RealServer server) throws IOException {
        return connect(server.url(), server.account(dev.moddesk.contract.Role.ADMIN));
    }

    /** As {@link #connect(RealServer)}, for a server the caller started (the room stream benchmark's nodes). */
    static TestPlatform connect(String url, dev.moddesk.app.core.SandboxServer.Account admin) throws IOException {
        TestPlatform anonymous = new TestPlatform(url, null);
        SessionToken session = anonymous.post("/api/v1/session", null,
                new LoginRequest(admin.username(), admin.password()), SessionToken.class);
        CreatedPlatformKey created = anonymous.post("/api/v1/platform/keys", session.token(),
                new CreatePlatformKeyRequest("end-to-end test"), CreatedPlatformKey.class);
        return new TestPlatform(url, created.key());
    }

    /** The service key this platform sends with (the room load generator, in its own process, is handed it). */
    String key() {
        return key;
    }

    /** Sends the events and fails unless every one was applied. */
    IngestBatchResult ingest(List<IngestEvent> batch) throws IOException {
        IngestBatchResult result = post("/api/v1/platform/events", key, new IngestBatch(batch), IngestBatchResult.class);
        if (result.outcomes().stream().anyMatch(o -> o.status() != IngestStatus.APPLIED)) {
            throw new AssertionError("not every event was applied: " + result.outcomes());
        }
        return result;
    }

    /** The whole action feed from the start, as a platform pulling it by cursor sees it. */
    List<FeedAction> actions() throws IOException {
        List<FeedAction> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            Request request = new Request.Builder().url(baseUrl + "/api/v1/platform/actions?limit=500&after=" + cursor)
                    .header("Authorization", "Bearer " + key).build();
            try (Response response = http.newCall(request).execute()) {
                String text = response.body().string();
                if (!response.isSuccessful()) {
                    throw new AssertionError("GET actions answered " + response.code() + ": " + text);
                }
                ActionFeedPage page = mapper.readValue(text, ActionFeedPage.class);
                if (page.items().isEmpty()) {
                    return all;
                }
                all.addAll(page.items());
                cursor = page.nextCursor();
            }
        }
    }

    IngestEvent circle(String circleId, String city, List<String> questions) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("circleId", circleId);
        p.put("name", city + "测试圈");
        p.put("city", city);
        p.put("topic", "测试");
        p.put("joinMode", "QUESTIONS");
        p.put("questions", questions);
        p.put("memberCount", 10);
        p.put("owner", "测试圈主");
        return event("circle.upserted", p);
    }

    IngestEvent application(String applicationId, String circleId, String userId, String nickname, String city,
                            List<String> answers) {
        Map<String, Object> applicant = new LinkedHashMap<>();
        applicant.put("userId", userId);
        applicant.put("nickname", nickname);
        applicant.put("accountCreatedAt", "2024-01-01T00:00:00Z");
        applicant.put("locationCity", city);
        List<Map<String, Object>> texts = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            texts.add(Map.of("position", i + 1, "text", answers.get(i)));
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("applicationId", applicationId);
        p.put("circleId", circleId);
        p.put("applicant", applicant);
        p.put("answers", texts);
        p.put("submittedAt", Instant.now().toString());
        return event("application.submitted", p);
    }

    /** A live room opening (the rooms ingest API), with the platform's own fields. */
    IngestEvent roomOpened(String roomId, String kind, String title, String hostId, String hostName, String city) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roomId", roomId);
        p.put("kind", kind);
        p.put("title", title);
        p.put("hostId", hostId);
        p.put("hostName", hostName);
        p.put("city", city);
        return event("room.opened", p);
    }

    /** One chat line in a live room. */
    IngestEvent roomMessage(String roomId, String messageId, String userId, String nickname, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roomId", roomId);
        p.put("messageId", messageId);
        p.put("userId", userId);
        p.put("nickname", nickname);
        p.put("text", text);
        return event("room.message", p);
    }

    /** A mic seat's whole new state ({@code occupantId} null: free). */
    IngestEvent roomSeat(String roomId, int number, String occupantId, String occupantName, boolean muted,
                         boolean locked) {
        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("number", number);
        seat.put("occupantId", occupantId);
        seat.put("occupantName", occupantName);
        seat.put("muted", muted);
        seat.put("locked", locked);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roomId", roomId);
        p.put("seat", seat);
        return event("room.seat", p);
    }

    /** A creator as the platform announces it (creator.upserted). */
    IngestEvent creator(String creatorId, String displayName, String tier, boolean verified, long followers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("creatorId", creatorId);
        p.put("userId", "u-" + creatorId);
        p.put("displayName", displayName);
        p.put("followers", followers);
        p.put("tier", tier);
        p.put("verified", verified);
        return event("creator.upserted", p);
    }

    /** A fan group the creator opened (fan_group.upserted); new groups go last in the display order. */
    IngestEvent fanGroup(String creatorId, String groupId, String name, int members) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("groupId", groupId);
        p.put("creatorId", creatorId);
        p.put("name", name);
        p.put("members", members);
        return event("fan_group.upserted", p);
    }

    /** A creator asking for a higher fan-group quota (creator.quota_requested). */
    IngestEvent quotaRequest(String creatorId, String requestId, int requested, String justification) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("requestId", requestId);
        p.put("creatorId", creatorId);
        p.put("setting", "fanGroupQuota");
        p.put("requested", requested);
        p.put("justification", justification);
        return event("creator.quota_requested", p);
    }

    /** A chat line the platform withheld because it matched a HOLD term of the word list. */
    IngestEvent messageHeld(String roomId, String messageId, String userId, String nickname, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("roomId", roomId);
        p.put("messageId", messageId);
        p.put("userId", userId);
        p.put("nickname", nickname);
        p.put("text", text);
        return event("message.held", p);
    }

    /** A sanctioned user's appeal ({@code appeal.created}) against the room action {@code actionId}. */
    IngestEvent appeal(String appealId, String userId, String actionId, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("appealId", appealId);
        p.put("userId", userId);
        p.put("actionId", actionId);
        p.put("text", text);
        return event("appeal.created", p);
    }

    /** A user report ({@code report.created}); {@code messageId} null makes it about the user. */
    IngestEvent report(String reportId, String roomId, String messageId, String messageText, String userId,
                       String nickname, String reporterId, String reason, String text) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("reportId", reportId);
        p.put("roomId", roomId);
        p.put("targetKind", messageId == null ? "USER" : "MESSAGE");
        if (messageId != null) {
            p.put("messageId", messageId);
            p.put("messageText", messageText);
        }
        p.put("targetUserId", userId);
        p.put("targetNickname", nickname);
        p.put("reporterId", reporterId);
        p.put("reason", reason);
        if (text != null) {
            p.put("text", text);
        }
        return event("report.created", p);
    }

    private IngestEvent event(String type, Map<String, Object> payload) {
        return new IngestEvent("e2e-" + type + "-" + (++events) + "-" + System.nanoTime(), type, Instant.now(), payload);
    }

    private <T> T post(String path, String bearer, Object body, Class<T> type) throws IOException {
        Request.Builder request = new Request.Builder().url(baseUrl + path)
                .post(RequestBody.create(mapper.writeValueAsBytes(body), JSON));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            String text = response.body().string();
            if (!response.isSuccessful()) {
                throw new AssertionError("POST " + path + " answered " + response.code() + ": " + text);
            }
            return mapper.readValue(text, type);
        }
    }
}
