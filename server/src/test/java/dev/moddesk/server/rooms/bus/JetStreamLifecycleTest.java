package dev.moddesk.server.rooms.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomJoin;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.core.Json;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.MessageInfo;
import io.nats.client.PurgeOptions;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The room stream's part in the data lifecycle (issue 13), on the NATS JetStream at 127.0.0.1:4222, each test with a
 * stream of its own: an erased user's chat lines are rewritten out of the stream with every room number kept, and a
 * quiet room whose lines all aged out numbers on from its stored mark instead of from 1.
 */
class JetStreamLifecycleTest {
    private static final Instant AT = Instant.parse("2026-12-04T12:00:00Z");
    private static final String SECRET = "我的手机号 13800001111";
    private static final String NICK = "小明Qx7";

    private final String prefix = "tl" + Long.toHexString(System.nanoTime());
    private final List<JetStreamRoomBus> buses = new ArrayList<>();
    private final MapReservations marks = new MapReservations();

    /** The server keeps these in room_seq_reservation; here a map shared by the test's nodes. */
    private static final class MapReservations implements SeqReservations {
        final Map<String, Long> marks = new ConcurrentHashMap<>();

        @Override
        public long reserved(String roomId) {
            return marks.getOrDefault(roomId, 0L);
        }

        @Override
        public void reserve(String roomId, long upTo) {
            marks.merge(roomId, upTo, Math::max);
        }
    }

    private JetStreamRoomBus node(Duration maxAge) {
        JetStreamRoomBus bus = JetStreamRoomBus.connect(new JetStreamRoomBus.Settings(JetStreamRoomBusTest.URL, prefix,
                RoomBus.MIN_RETAINED_EVENTS, StorageType.File, maxAge), Json.mapper(), marks);
        buses.add(bus);
        return bus;
    }

    @AfterEach
    void deleteStream() {
        if (!buses.isEmpty()) {
            buses.getFirst().deleteStream();
        }
        buses.forEach(JetStreamRoomBus::close);
    }

    private static RoomBus.Pending line(String id, String user, String nick, String text) {
        return new RoomBus.Pending(AT, new RoomMessage(id, user, nick, text, false, List.of()));
    }

    @Test
    void anErasedUsersLinesAreRewrittenOutOfTheStreamWithEveryNumberKept() throws Exception {
        JetStreamRoomBus a = node(Duration.ZERO);
        JetStreamRoomBus b = node(Duration.ZERO);
        List<RoomEvent> heardByB = new CopyOnWriteArrayList<>();
        CountDownLatch heardLast = new CountDownLatch(1);
        b.subscribe((room, events) -> {
            heardByB.addAll(events);
            if (room.equals("r1") && events.getLast().seq() == 6) {
                heardLast.countDown();
            }
        });
        // Chunks that mix the erased user with others, in two rooms (one hostile id), and a room without them.
        a.append("r1", List.of(line("m1", "u-bye", NICK, SECRET), line("m2", "u-stay", "阿华", "大家好")));
        a.append("r1", List.of(new RoomBus.Pending(AT, new RoomJoin("u-bye", NICK, 12)), line("m3", "u-stay", "阿华",
                "欢迎")));
        b.append("直播.间 *>", List.of(line("m4", "u-bye", NICK, SECRET + " again")));
        a.append("r3", List.of(line("m5", "u-stay", "阿华", "no one erased here")));
        long r3Before = lastStreamSeq(a, "r3");

        assertThat(b.linesBy("u-bye", 10)).as("the access export's view, from either node")
                .extracting(e -> ((RoomMessage) e.payload()).text()).containsExactlyInAnyOrder(SECRET, SECRET + " again");
        int changed = a.scrubUser("u-bye", "erased-abc");
        assertThat(a.linesBy("u-bye", 10)).isEmpty();

        assertThat(changed).isEqualTo(3);
        List<RoomEvent> r1 = b.replay("r1", 0, 100).events();
        assertThat(r1).extracting(RoomEvent::seq).containsExactly(1L, 2L, 3L, 4L);
        RoomMessage scrubbed = (RoomMessage) r1.getFirst().payload();
        assertThat(scrubbed.userId()).isEqualTo("erased-abc");
        assertThat(scrubbed.nickname()).isNull();
        assertThat(scrubbed.text()).isEqualTo("[erased]");
        assertThat(((RoomJoin) r1.get(2).payload()).userId()).isEqualTo("erased-abc");
        assertThat(((RoomMessage) r1.get(1).payload()).text()).as("the bystander's line stays").isEqualTo("大家好");
        assertThat(((RoomMessage) r1.get(3).payload()).nickname()).isEqualTo("阿华");
        assertThat(((RoomMessage) b.replay("直播.间 *>", 0, 10).events().getFirst().payload()).text())
                .isEqualTo("[erased]");
        assertThat(lastStreamSeq(a, "r3")).as("a room without the user is not rewritten").isEqualTo(r3Before);
        assertThat(rawStream()).as("no message left on the stream holds them")
                .noneMatch(data -> data.contains(SECRET) || data.contains(NICK) || data.contains("u-bye"));

        // Appends go on after the rewrite, on either node, numbered after the kept numbers; listeners heard only
        // real events, not the rewrite.
        assertThat(b.append("r1", List.of(line("m6", "u-stay", "阿华", "继续")))).extracting(RoomEvent::seq)
                .containsExactly(5L);
        assertThat(a.append("r1", List.of(line("m7", "u-stay", "阿华", "再见")))).extracting(RoomEvent::seq)
                .containsExactly(6L);
        assertThat(a.replay("r1", 4, 10).events()).extracting(RoomEvent::seq).containsExactly(5L, 6L);
        // Delivered in stream order: once the last append is heard, the rewrite's copies before it were too.
        assertThat(heardLast.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(heardByB).extracting(e -> e.roomId() + "#" + e.seq()).as("the rewrite's copies were not heard")
                .doesNotHaveDuplicates();
        assertThat(heardByB).noneMatch(e -> e.payload() instanceof RoomMessage m && "erased-abc".equals(m.userId()));
    }

    @Test
    void aQuietRoomWhoseLinesAllAgedOutNumbersOnFromItsStoredMark() throws Exception {
        JetStreamRoomBus a = node(Duration.ofDays(90));
        a.append("quiet", List.of(line("q1", "u1", "n", "one"), line("q2", "u1", "n", "two")));
        long mark = marks.reserved("quiet");
        assertThat(mark).as("reserved ahead, one write per block").isEqualTo(2 + SeqReservations.BLOCK);
        try (Connection nc = Nats.connect(JetStreamRoomBusTest.URL)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            assertThat(jsm.getStreamInfo(prefix + "_ROOMS").getConfiguration().getMaxAge())
                    .isEqualTo(Duration.ofDays(90));
            // What the age limit does to a quiet room, without waiting 90 days: its messages go.
            jsm.purgeStream(prefix + "_ROOMS", PurgeOptions.subject(new RoomSubjects(prefix).of("quiet")));
        }
        JetStreamRoomBus restarted = node(Duration.ofDays(30));
        assertThat(restarted.lastSeq("quiet")).isEqualTo(mark);
        assertThat(restarted.replay("quiet", 0, 10).lastSeq()).isEqualTo(mark);
        assertThat(restarted.append("quiet", List.of(line("q3", "u1", "n", "three")))).extracting(RoomEvent::seq)
                .as("not 1 again: a console that saw 1 and 2 is told of a gap, never handed them anew")
                .containsExactly(mark + 1);
        try (Connection nc = Nats.connect(JetStreamRoomBusTest.URL)) {
            assertThat(nc.jetStreamManagement().getStreamInfo(prefix + "_ROOMS").getConfiguration().getMaxAge())
                    .as("an existing stream takes the new age limit").isEqualTo(Duration.ofDays(30));
        }
    }

    private long lastStreamSeq(JetStreamRoomBus bus, String room) throws Exception {
        try (Connection nc = Nats.connect(JetStreamRoomBusTest.URL)) {
            return nc.jetStreamManagement().getLastMessage(prefix + "_ROOMS", new RoomSubjects(prefix).of(room))
                    .getSeq();
        }
    }

    /** Every message still on the stream, as text. */
    private List<String> rawStream() throws IOException, InterruptedException, JetStreamApiException {
        List<String> out = new ArrayList<>();
        try (Connection nc = Nats.connect(JetStreamRoomBusTest.URL)) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            var state = jsm.getStreamInfo(prefix + "_ROOMS").getStreamState();
            for (long seq = state.getFirstSequence(); seq <= state.getLastSequence(); seq++) {
                try {
                    MessageInfo m = jsm.getMessage(prefix + "_ROOMS", seq);
                    out.add(new String(m.getData(), StandardCharsets.UTF_8));
                } catch (JetStreamApiException deleted) {
                    // a purged or deleted sequence number
                }
            }
        }
        assertThat(out).isNotEmpty();
        return out;
    }
}
