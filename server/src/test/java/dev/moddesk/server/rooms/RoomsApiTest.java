package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.IngestBatchResult;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.SeatChange;
import dev.moddesk.server.testing.Backend;
import dev.moddesk.server.testing.OpenApiContract;
import dev.moddesk.server.testing.TestClient;
import dev.moddesk.server.testing.TestServer;
import dev.moddesk.server.testing.TestServers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Room events in through the ingest API, out through the rooms REST routes, on a real server (H2). */
class RoomsApiTest {
    static TestServer server;
    static RoomFeed feed;
    static TestClient ops;
    static OpenApiContract contract;

    @BeforeAll
    static void start() {
        server = TestServers.start(Backend.H2);
        feed = RoomFeed.of(server);
        ops = server.as(Role.OPS);
        contract = new OpenApiContract(server);
        assertThat(ops.post("/api/v1/word-list", new WordTermRequest("加微信", "contact", "FLAG", null)).status())
                .isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String path(String roomId) {
        return "/api/v1/rooms/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void roomEventsReachTheWallTheDetailAndTheEventsPage() {
        String room = "直播间 #1?&x=<y>";
        String flaggedText = "来 加.微.信 聊\u202e";
        feed.apply(feed.opened(room, "VOICE"));
        feed.apply(feed.join(room, "u1", "小明"), feed.join(room, "u2", "<script>alert(1)</script>"),
                feed.seat(room, 3, "u1", false, false),
                feed.message(room, "u1", "大家好"), feed.message(room, "u2", flaggedText),
                feed.message(room, "u1", "第二行\n换行"));

        TestClient.Response wallResponse = ops.get("/api/v1/rooms?kind=VOICE&city=%E6%88%90%E9%83%BD");
        contract.check("GET", "/api/v1/rooms", wallResponse);
        List<RoomSummary> wall = wallResponse.as(new TypeReference<>() { });
        RoomSummary card = wall.stream().filter(s -> s.roomId().equals(room)).findFirst().orElseThrow();
        assertThat(card.kind()).isEqualTo(RoomKind.VOICE);
        assertThat(card.audience()).isEqualTo(2);
        assertThat(card.seatCount()).isEqualTo(8);
        assertThat(card.seatsTaken()).isEqualTo(1);
        assertThat(card.flagged()).isEqualTo(1);
        assertThat(card.lastSeq()).isEqualTo(6);
        assertThat(ops.get("/api/v1/rooms?kind=KTV").as(new TypeReference<List<RoomSummary>>() { }))
                .noneMatch(s -> s.roomId().equals(room));

        TestClient.Response detailResponse = ops.get(path(room));
        contract.check("GET", "/api/v1/rooms/{roomId}", detailResponse);
        RoomDetail detail = detailResponse.as(RoomDetail.class);
        assertThat(detail.seats()).hasSize(8);
        assertThat(detail.seats().get(2)).isEqualTo(new Seat(3, "u1", "麦上u1", false, false));
        assertThat(detail.recentMessages()).extracting(RoomEvent::seq).containsExactly(4L, 5L, 6L);
        RoomMessage flagged = (RoomMessage) detail.recentMessages().get(1).payload();
        assertThat(flagged.text()).isEqualTo(flaggedText);
        assertThat(flagged.flagged()).isTrue();
        assertThat(flagged.hits()).singleElement().satisfies(hit ->
                assertThat(flaggedText.substring(hit.start(), hit.end())).isEqualTo("加.微.信"));

        TestClient.Response pageResponse = ops.get(path(room) + "/events?after=2&limit=2");
        contract.check("GET", "/api/v1/rooms/{roomId}/events", pageResponse);
        RoomEventPage page = pageResponse.as(RoomEventPage.class);
        assertThat(page.items()).extracting(RoomEvent::seq).containsExactly(3L, 4L);
        assertThat(page.items().getFirst().payload()).isInstanceOf(SeatChange.class);
        assertThat(page.nextAfter()).isEqualTo(4L);
        assertThat(page.lastSeq()).isEqualTo(6);
        assertThat(page.gone()).isEmpty();
        RoomEventPage rest = ops.get(path(room) + "/events?after=4").as(RoomEventPage.class);
        assertThat(rest.items()).extracting(RoomEvent::seq).containsExactly(5L, 6L);
        assertThat(rest.nextAfter()).isNull();
    }

    @Test
    void moderatorsMayNotWatchRoomsAndBadQueriesAreProblems() {
        TestClient moderator = server.as(Role.MODERATOR);
        assertThat(moderator.get("/api/v1/rooms").status()).isEqualTo(403);
        assertThat(moderator.get(path("r")).status()).isEqualTo(403);
        assertThat(ops.get("/api/v1/rooms?kind=PARTY").problem().type())
                .isEqualTo(ProblemType.BAD_REQUEST.uri().toString());
        TestClient.Response missing = ops.get(path("没有这个"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problem().detail()).contains("没有这个");
        assertThat(ops.get(path("没有这个") + "/events?after=-1").status()).isEqualTo(400);
    }

    @Test
    void chatLinesForUnknownOrClosedRoomsAreRejectedAndResendsAreDuplicates() {
        String room = "r-closing";
        feed.apply(feed.opened(room, "FRIENDS"));
        var line = feed.message(room, "u1", "hi");
        IngestBatchResult first = feed.send(List.of(line, feed.message("nope", "u1", "hi"),
                feed.event("room.message", Map.of("roomId", room, "messageId", "m", "userId", "u1",
                        "nickname", "n", "text", "x".repeat(RoomPayloads.MAX_TEXT + 1))),
                feed.event("room.message", Map.of("roomId", room, "messageId", "m\u0000", "userId", "u1",
                        "nickname", "n", "text", "hi"))));
        assertThat(first.outcomes()).extracting(IngestOutcome::status).containsExactly(IngestStatus.APPLIED,
                IngestStatus.REJECTED, IngestStatus.REJECTED, IngestStatus.REJECTED);
        assertThat(first.outcomes().get(1).problem().detail()).contains("room.opened");
        assertThat(feed.send(List.of(line)).outcomes()).extracting(IngestOutcome::status)
                .containsExactly(IngestStatus.DUPLICATE);

        feed.apply(feed.event("room.closed", Map.of("roomId", room, "reason", "主播下播")));
        assertThat(feed.send(List.of(feed.message(room, "u1", "late"))).outcomes().getFirst().status())
                .isEqualTo(IngestStatus.REJECTED);
        RoomDetail detail = ops.get(path(room)).as(RoomDetail.class);
        assertThat(detail.summary().status()).isEqualTo(dev.moddesk.contract.rooms.RoomStatus.ENDED);
        assertThat(ops.get("/api/v1/rooms").as(new TypeReference<List<RoomSummary>>() { }))
                .noneMatch(s -> s.roomId().equals(room));
    }

    @Test
    void aBatchMixingStateAndChatKeepsItsOrderInTheRoomsSequence() {
        String room = "r-order";
        feed.apply(feed.opened(room, "KTV"));
        feed.apply(feed.message(room, "u1", "one"), feed.join(room, "u9", "九"), feed.message(room, "u1", "two"),
                feed.message(room, "u1", "three"), feed.event("room.song", Map.of("roomId", room, "queue",
                        List.of(Map.of("id", "s1", "title", "月亮代表我的心", "singerId", "u9", "singerName", "九")))));
        List<RoomEvent> events = ops.get(path(room) + "/events").as(RoomEventPage.class).items();
        assertThat(events).extracting(e -> e.type().wire())
                .containsExactly("message", "join", "message", "message", "song");
        assertThat(events).extracting(RoomEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(events.get(0).payload()).isInstanceOf(RoomMessage.class);
        assertThat(((RoomMessage) events.get(0).payload()).hits()).isEqualTo(List.<ScreenHit>of());
    }
}
