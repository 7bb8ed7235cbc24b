package dev.moddesk.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.lifecycle.AccessRequest;
import dev.moddesk.contract.lifecycle.ErasedUser;
import dev.moddesk.contract.lifecycle.ErasureReport;
import dev.moddesk.contract.lifecycle.ErasureRequest;
import dev.moddesk.contract.platform.CreatePlatformKeyRequest;
import dev.moddesk.contract.platform.CreatedPlatformKey;
import dev.moddesk.contract.platform.IngestBatch;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.review.DecisionKind;
import dev.moddesk.contract.review.DecisionRequest;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.core.ErasureSubject;
import dev.moddesk.server.core.MediaSettings;
import dev.moddesk.server.review.ReviewFeature;
import dev.moddesk.server.review.TinyMedia;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.MutableClock;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Erasure and the access request over real HTTP on H2 and PostgreSQL: after erasing a user, a dump of every table
 * holds neither their id, nickname, answers, caption, note nor the message they were sent; their media files are
 * gone; the decision and its audit entries stay, under the pseudonym. Live rooms (hosted room, chat lines kept as
 * evidence, flagged and held lines, actions on the user), creators and the circles the user owns are covered too.
 */
@ParameterizedClass
@EnumSource(Backend.class)
class ErasureTest {

    // Hostile on purpose: quotes, LIKE wildcards, a backslash, SQL, CJK.
    private static final String VICTIM = "u'\"%_\\; DROP TABLE staff;--用户7";
    private static final String NICKNAME = "晓明Zq9";
    private static final String ANSWER_1 = "I hike at Lake Qx81 every weekend";
    private static final String ANSWER_2 = "我的微信是 wx-secret-777";
    private static final String CAPTION = "caption-Vv3 at my home";
    private static final String NOTE = "the note says Nn5 looked fake";
    private static final String CREATOR_NAME = "Creator-Dd6 小明的频道";
    private static final String JUSTIFICATION = "my fans in 成都 need Jj8 more groups";
    private static final String OWNER_NAME = "Owner-Oo1 圈主";
    private static final String ROOM_TITLE = NICKNAME + "的房间";
    private static final String CHAT_LINE = "chat line Ll7 我在春熙路";
    private static final String FLAGGED_LINE = "flagged Ff2 代充 cheap";
    private static final String HELD_LINE = "held Hh3 wx-999";
    /** What the victim wrote in a user report (举报) they filed about the bystander. */
    private static final String REPORT_TEXT = "report by victim Rp55";
    /** What the victim wrote in an appeal against their warning. */
    private static final String APPEAL_TEXT = "appeal by victim Ap66";
    private static final String BYSTANDER = "bystander-1";
    private static final String BYSTANDER_NICK = "Bystander-Kk4";

    @Parameter
    Backend backend;

    @TempDir
    Path mediaDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    private final AtomicInteger events = new AtomicInteger();
    private TestServer server;
    private TestClient admin;
    private TestClient platform;

    @BeforeEach
    void setUp() {
        server = TestServers.start(backend, c -> c.withClock(clock).withMedia(MediaSettings.defaults()
                .withFolder(mediaDir)), List.of());
        admin = server.as(Role.ADMIN);
        TestClient.Response key = admin.post("/api/v1/platform/keys", new CreatePlatformKeyRequest("platform"));
        platform = server.client().withToken(key.as(CreatedPlatformKey.class).key());
        send("circle.upserted", Map.of("circleId", "c-1", "name", "Hikers", "city", "成都", "topic", "outdoor",
                "joinMode", "EITHER", "questions", List.of("Why?", "How?"), "memberCount", 3, "owner", OWNER_NAME, "ownerId", VICTIM));
        // A circle the platform names only by its owner's nickname, without ownerId: found by that name.
        send("circle.upserted", Map.of("circleId", "c-2", "name", "Night owls", "city", "成都", "topic", "chat",
                "joinMode", "EITHER", "questions", List.of("Why?"), "memberCount", 2, "owner", NICKNAME));
        for (String[] user : new String[][] {{VICTIM, NICKNAME}, {BYSTANDER, BYSTANDER_NICK}}) {
            send("user.upserted", Map.of("userId", user[0], "nickname", user[1], "city", "成都"));
        }
        assertThat(platform.send("PUT", "/api/v1/platform/media/victim-clip.mp4", "application/octet-stream",
                TinyMedia.mp4(2000), Map.of()).status()).isEqualTo(201);
        assertThat(platform.send("PUT", "/api/v1/platform/media/victim-clip.jpg", "application/octet-stream",
                TinyMedia.JPEG, Map.of()).status()).isEqualTo(201);
        send("application.submitted", Map.of("applicationId", "a-victim-1", "circleId", "c-1",
                "applicant", applicant(VICTIM, NICKNAME),
                "answers", List.of(Map.of("position", 1, "text", ANSWER_1), Map.of("position", 2, "text", ANSWER_2))));
        send("application.submitted", Map.of("applicationId", "a-victim-2", "circleId", "c-1",
                "applicant", applicant(VICTIM, NICKNAME), "video", Map.of("mediaKey", "victim-clip.mp4",
                        "posterKey", "victim-clip.jpg", "durationSeconds", 5, "caption", CAPTION)));
        send("creator.upserted", Map.of("creatorId", "cr-victim", "userId", VICTIM, "displayName", CREATOR_NAME,
                "followers", 1200, "tier", "STANDARD"));
        send("creator.quota_requested", Map.of("requestId", "q-1", "creatorId", "cr-victim", "requested", 8,
                "justification", JUSTIFICATION));
        send("application.submitted", Map.of("applicationId", "a-bystander", "circleId", "c-1",
                "applicant", applicant(BYSTANDER, BYSTANDER_NICK),
                "answers", List.of(Map.of("position", 1, "text", "bystander answer Bb2"))));
        roomData();
    }

    /**
     * The victim hosts a live room and chats in it: an ordinary line (kept only as evidence in the audit entries of
     * actions), a flagged line (kept) and a held one; staff warn the victim and the bystander (whose evidence holds the
     * victim's lines too).
     */
    private void roomData() {
        admin.post("/api/v1/word-list", new WordTermRequest("代充", "ads", "FLAG", null));
        send("room.opened", Map.of("roomId", "r-1", "kind", "FRIENDS", "title", ROOM_TITLE, "hostId", VICTIM,
                "hostName", NICKNAME));
        send("room.message", line("m-1", VICTIM, NICKNAME, CHAT_LINE));
        send("room.message", line("m-2", VICTIM, NICKNAME, FLAGGED_LINE));
        send("room.message", line("m-3", BYSTANDER, BYSTANDER_NICK, "bystander line Bb3"));
        Map<String, Object> held = new LinkedHashMap<>(line("m-4", VICTIM, NICKNAME, HELD_LINE));
        held.put("listVersion", 1);
        send("message.held", held);
        // The victim reports the bystander; the bystander reports the victim's flagged line. The warnings below
        // resolve both, so report.resolved feed actions name the victim as a reporter.
        send("report.created", Map.of("reportId", "rep-1", "roomId", "r-1", "targetKind", "USER",
                "targetUserId", BYSTANDER, "targetNickname", BYSTANDER_NICK, "reporterId", VICTIM,
                "reason", "HARASSMENT", "text", REPORT_TEXT));
        send("report.created", Map.of("reportId", "rep-2", "roomId", "r-1", "targetKind", "MESSAGE",
                "messageId", "m-2", "messageText", FLAGGED_LINE, "targetUserId", VICTIM, "targetNickname", NICKNAME,
                "reporterId", BYSTANDER, "reason", "SPAM"));
        send("report.created", Map.of("reportId", "rep-3", "roomId", "r-1", "targetKind", "USER",
                "targetUserId", VICTIM, "targetNickname", NICKNAME, "reporterId", BYSTANDER, "reason", "SPAM"));
        for (String user : List.of(VICTIM, BYSTANDER)) {
            TestClient.Response warned = admin.send("POST", "/api/v1/rooms/r-1/actions", "application/json",
                    TestClient.json(new RoomActionRequest("user.warn", user, "rule 3", Map.of(), null)),
                    Map.of("Idempotency-Key", "warn-" + user.hashCode()));
            assertThat(warned.status()).as(warned.toString()).isEqualTo(200);
            if (user.equals(VICTIM)) {
                send("appeal.created", Map.of("appealId", "ap-1", "userId", VICTIM, "actionId",
                        warned.json().path("action").path("actionId").asText(), "text", APPEAL_TEXT));
            }
        }
    }

    private static Map<String, Object> line(String messageId, String userId, String nickname, String text) {
        return Map.of("roomId", "r-1", "messageId", messageId, "userId", userId, "nickname", nickname, "text", text);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void anErasedUserIsGoneFromEveryTableWhileTheirDecisionAndItsAuditEntriesStayPseudonymized() throws Exception {
        long decided = rejectWithNote("a-victim-1");
        clock.advance(Duration.ofSeconds(11));
        server.server().feature(ReviewFeature.class).orElseThrow().review().publisher().publishFinalDecisions(100);
        Map<String, List<String>> before = TableDump.of(server.server().services().database().dataSource());
        assertThat(TableDump.containing(before, NICKNAME)).as("the set-up put the nickname in several tables")
                .containsKeys("platform_users", "review_application", "action_feed");
        assertThat(TableDump.containing(before, CREATOR_NAME)).containsKeys("creator");
        assertThat(TableDump.containing(before, OWNER_NAME)).containsKeys("review_circle");
        assertThat(TableDump.containing(before, FLAGGED_LINE)).as("the flagged line is kept")
                .containsKeys("room_kept_event");
        assertThat(TableDump.containing(before, HELD_LINE)).containsKeys("room_held_message");
        assertThat(TableDump.containing(before, CHAT_LINE)).as("the chat line is evidence").containsKeys("audit_log");
        assertThat(TableDump.containing(before, ROOM_TITLE)).containsKeys("room");
        assertThat(TableDump.containing(before, REPORT_TEXT)).containsKeys("room_report");
        assertThat(TableDump.containing(before, APPEAL_TEXT)).containsKeys("room_appeal");

        TestClient.Response exported = admin.post("/api/v1/lifecycle/exports", new AccessRequest(VICTIM));
        assertThat(exported.status()).as(exported.toString()).isEqualTo(200);
        assertThat(exported.body()).contains(NICKNAME, ANSWER_1, ANSWER_2, CAPTION, "victim-clip.mp4", CREATOR_NAME,
                JUSTIFICATION, FLAGGED_LINE, HELD_LINE, ROOM_TITLE, "user.warn", REPORT_TEXT, APPEAL_TEXT);
        assertThat(exported.json().path("parts").path("rooms").path("chatLinesInLiveWindow"))
                .as("the lines the live window still holds").extracting(l -> l.path("text").asText())
                .contains(CHAT_LINE, FLAGGED_LINE).doesNotContain("bystander line Bb3");
        JsonNode owned = exported.json().path("parts").path("review").path("ownedCircles");
        assertThat(owned).extracting(c -> c.path("circle").asText() + "/" + c.path("matchedBy").asText())
                .containsExactlyInAnyOrder("c-1/ownerId", "c-2/ownerName");
        assertThat(exported.header("Content-Disposition")).matches("attachment; filename=\"moddesk-user-[A-Za-z0-9_-]+"
                + "-[0-9a-f]{8}\\.json\"");
        new OpenApiContract(server).check("POST", "/api/v1/lifecycle/exports", exported);

        TestClient.Response erased = admin.post("/api/v1/lifecycle/erasures",
                new ErasureRequest(VICTIM, "request by " + NICKNAME));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        new OpenApiContract(server).check("POST", "/api/v1/lifecycle/erasures", erased);
        ErasureReport report = erased.as(ErasureReport.class);
        assertThat(report.pseudonym()).startsWith(ErasedUser.PREFIX).doesNotContain(VICTIM);
        assertThat(report.repeated()).isFalse();
        assertThat(count(report, "review", "answers")).isEqualTo(2);
        assertThat(count(report, "review", "media files")).isEqualTo(2);
        assertThat(count(report, "platform", "user profile (nickname, city)")).isEqualTo(1);
        assertThat(count(report, "platform", "actions pseudonymized")).isGreaterThanOrEqualTo(1);
        assertThat(count(report, "audit", "entries pseudonymized")).isGreaterThanOrEqualTo(2);

        Map<String, List<String>> after = TableDump.of(server.server().services().database().dataSource());
        assertThat(count(report, "creators", "creator profiles pseudonymized")).isEqualTo(1);
        assertThat(count(report, "rooms", "held messages")).isEqualTo(1);
        assertThat(count(report, "rooms", "rooms (host, seats, songs, source)")).isEqualTo(1);
        assertThat(count(report, "rooms", "room actions pseudonymized")).isEqualTo(1);
        assertThat(count(report, "review", "circle owner names")).as("by ownerId and by owner name").isEqualTo(2);
        for (String personal : List.of(VICTIM, NICKNAME, ANSWER_1, ANSWER_2, CAPTION, NOTE, "Lake Qx81",
                "wx-secret-777", CREATOR_NAME, JUSTIFICATION, OWNER_NAME, CHAT_LINE, FLAGGED_LINE, HELD_LINE,
                ROOM_TITLE, REPORT_TEXT, APPEAL_TEXT)) {
            assertThat(TableDump.containing(after, personal)).as("tables still holding " + personal).isEmpty();
        }
        assertThat(TableDump.containing(after, BYSTANDER_NICK)).as("the bystander is untouched")
                .containsKeys("platform_users", "review_application");
        assertThat(TableDump.containing(after, "bystander line Bb3")).as("the bystander's evidence stays")
                .containsKeys("audit_log");
        assertThat(TableDump.containing(after, report.pseudonym())).as("facts that stay, under the pseudonym")
                .containsKeys("room", "room_held_message", "room_action", "review_circle", "room_report",
                        "room_appeal");
        assertThat(count(report, "room reports", "reports filed by the user")).isEqualTo(1);
        assertThat(count(report, "room reports", "reports about the user")).isEqualTo(2);
        assertThat(Files.exists(mediaDir.resolve("victim-clip.mp4"))).isFalse();
        assertThat(Files.exists(mediaDir.resolve("victim-clip.jpg"))).isFalse();

        JsonNode application = admin.get("/api/v1/review/applications/" + decided).json();
        assertThat(application.path("status").asText()).isEqualTo("REJECTED");
        assertThat(application.path("decision").path("reasonCode").asText()).isEqualTo("ADS");
        assertThat(application.path("decision").path("decidedBy").asText()).isNotBlank();
        assertThat(application.path("applicant").path("userId").asText()).isEqualTo(report.pseudonym());
        assertThat(ErasedUser.isErased(application.path("applicant").path("userId").asText(),
                application.path("applicant").path("nickname").asText(null))).isTrue();

        JsonNode audit = admin.get("/api/v1/audit?targetType=application&targetId=" + decided).json();
        assertThat(audit.path("items")).as("the decision's audit entries stay").isNotEmpty();
        assertThat(audit.toString()).contains(ErasureSubject.ERASED_TEXT).doesNotContain(NOTE);
        JsonNode erasure = admin.get("/api/v1/audit?action=lifecycle.user.erase").json().path("items").get(0);
        assertThat(erasure.path("targetId").asText()).isEqualTo(report.pseudonym());
        assertThat(erasure.path("reason").asText()).isEqualTo(ErasureSubject.ERASED_TEXT);

        // A console in Chinese asks again: the report's lines keep their keys and read in Chinese.
        ErasureReport again = admin.send("POST", "/api/v1/lifecycle/erasures", "application/json",
                TestClient.json(new ErasureRequest(VICTIM, "again")), Map.of("Accept-Language", "zh-CN"))
                .as(ErasureReport.class);
        assertThat(again.repeated()).isTrue();
        assertThat(again.removed()).filteredOn(r -> r.key().equals("review.erased.answers")).singleElement()
                .satisfies(r -> assertThat(r.what()).isEqualTo("回答"));
        assertThat(again.removed()).filteredOn(r -> r.key().equals("rooms.erased.held")).singleElement()
                .satisfies(r -> assertThat(r.what()).isEqualTo("暂扣消息"));
        assertThat(report.removed()).as("every line has a text in both languages")
                .allSatisfy(r -> assertThat(r.what()).isNotEqualTo(r.key()));
        assertThat(again.removed()).allSatisfy(r -> assertThat(r.what()).isNotEqualTo(r.key()));
        assertThat(again.pseudonym()).as("stable").isEqualTo(report.pseudonym());
    }

    @Test
    void thePlatformErasesAUserWithAUserErasedEvent() throws Exception {
        send("user.erased", Map.of("userId", BYSTANDER));
        Map<String, List<String>> after = TableDump.of(server.server().services().database().dataSource());
        assertThat(TableDump.containing(after, BYSTANDER_NICK)).isEmpty();
        assertThat(TableDump.containing(after, "bystander answer Bb2")).isEmpty();
        assertThat(TableDump.containing(after, NICKNAME)).as("only the named user").isNotEmpty();
        JsonNode entry = admin.get("/api/v1/audit?action=lifecycle.user.erase").json().path("items").get(0);
        assertThat(entry.path("actor").asText()).isEqualTo("platform");
    }

    @Test
    void onlyAdminsEraseAndExportAndAHostileOrMissingUserIdIsRefusedByField() {
        TestClient moderator = server.as(Role.MODERATOR);
        assertThat(moderator.post("/api/v1/lifecycle/erasures", new ErasureRequest(VICTIM, "x")).status())
                .isEqualTo(403);
        assertThat(moderator.post("/api/v1/lifecycle/exports", new AccessRequest(VICTIM)).status()).isEqualTo(403);
        TestClient.Response blank = admin.post("/api/v1/lifecycle/erasures", new ErasureRequest(" ", "x"));
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.problem().errors()).extracting(e -> e.field()).containsExactly("userId");
        TestClient.Response noReason = admin.post("/api/v1/lifecycle/erasures", new ErasureRequest(VICTIM, null));
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.problem().errors()).extracting(e -> e.field()).containsExactly("reason");
        TestClient.Response tooLong = admin.post("/api/v1/lifecycle/exports", new AccessRequest("x".repeat(101)));
        assertThat(tooLong.status()).isEqualTo(422);
        for (String hostile : List.of("../../etc/passwd", "a\r\nSet-Cookie: x=1", "con", "\"; filename=evil.exe",
                "用户/../..")) {
            TestClient.Response r = admin.post("/api/v1/lifecycle/exports", new AccessRequest(hostile));
            assertThat(r.status()).as(hostile).isEqualTo(200);
            assertThat(r.header("Content-Disposition")).as(hostile)
                    .matches("attachment; filename=\"moddesk-user-[A-Za-z0-9_-]+-[0-9a-f]{8}\\.json\"");
        }
    }

    private long rejectWithNote(String externalId) {
        JsonNode queue = admin.get("/api/v1/review/queue").json().path("items");
        long id = -1;
        for (JsonNode item : queue) {
            if (item.path("applicantNickname").asText().equals(NICKNAME) && item.path("mode").asText()
                    .equals("QUESTIONS")) {
                id = item.path("id").asLong();
            }
        }
        assertThat(id).as(externalId + " in the queue " + queue).isPositive();
        assertThat(admin.post("/api/v1/review/applications/" + id + "/claim", null).status()).isEqualTo(200);
        String etag = admin.get("/api/v1/review/applications/" + id).header("ETag");
        TestClient.Response decided = admin.send("POST", "/api/v1/review/applications/" + id + "/decision",
                "application/json", TestClient.json(new DecisionRequest(DecisionKind.REJECT, "ADS", NOTE, null)),
                Map.of("Idempotency-Key", "k-1", "If-Match", etag));
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        assertThat(decided.body()).contains(NICKNAME);
        return id;
    }

    private static int count(ErasureReport report, String part, String what) {
        return report.removed().stream().filter(r -> r.part().equals(part) && r.what().equals(what))
                .mapToInt(ErasureReport.Removed::count).sum();
    }

    private static Map<String, Object> applicant(String userId, String nickname) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("userId", userId);
        a.put("nickname", nickname);
        a.put("locationCity", "成都");
        return a;
    }

    private void send(String type, Map<String, Object> payload) {
        IngestEvent event = new IngestEvent("e-" + events.incrementAndGet(), type, clock.instant(), payload);
        TestClient.Response r = platform.post("/api/v1/platform/events", new IngestBatch(List.of(event)));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("applied").asInt()).as(r.body()).isEqualTo(1);
    }
}
