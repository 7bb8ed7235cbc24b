package dev.moddesk.server.rooms.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.core.Json;
import io.nats.client.api.StorageType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two bus instances ("nodes") on the NATS JetStream at 127.0.0.1:4222 ({@code scripts/ensure-nats.sh}), each test with
 * a stream of its own (a unique prefix), deleted afterwards.
 */
class JetStreamRoomBusTest {
    static final String URL = "nats://127.0.0.1:4222";
    private static final Instant AT = Instant.parse("2026-12-03T12:00:00Z");
    /** A hostile room id: dots and wildcards would be subject syntax, and it is not ASCII. */
    private static final String ROOM = "直播.间 *>\n1";

    private final String prefix = "t" + Long.toHexString(System.nanoTime());
    private final List<JetStreamRoomBus> buses = new ArrayList<>();

    private JetStreamRoomBus node() {
        JetStreamRoomBus bus = JetStreamRoomBus.connect(
                new JetStreamRoomBus.Settings(URL, prefix, RoomBus.MIN_RETAINED_EVENTS, StorageType.File),
                Json.mapper());
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

    private static List<RoomBus.Pending> lines(String node, int from, int n) {
        List<RoomBus.Pending> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RoomBus.Pending(AT, new RoomMessage(node + "-" + (from + i), "u", "n", "text " + i, false,
                    List.of())));
        }
        return out;
    }

    @Test
    void twoNodesAppendingToOneRoomConcurrentlyGetContiguousNumbersWithoutDuplicates() throws Exception {
        JetStreamRoomBus a = node();
        JetStreamRoomBus b = node();
        int runs = 60;
        int perRun = 5;
        CountDownLatch heardAll = new CountDownLatch(2 * runs * perRun);
        Set<Long> heardByA = ConcurrentHashMap.newKeySet();
        a.subscribe((room, events) -> events.forEach(e -> {
            if (room.equals(ROOM) && heardByA.add(e.seq())) {
                heardAll.countDown();
            }
        }));
        List<RoomEvent> appended = Collections.synchronizedList(new ArrayList<>());
        Thread ta = Thread.ofPlatform().start(() -> {
            for (int r = 0; r < runs; r++) {
                appended.addAll(a.append(ROOM, lines("a", r * perRun, perRun)));
            }
        });
        Thread tb = Thread.ofPlatform().start(() -> {
            for (int r = 0; r < runs; r++) {
                appended.addAll(b.append(ROOM, lines("b", r * perRun, perRun)));
            }
        });
        ta.join();
        tb.join();

        int total = 2 * runs * perRun;
        Set<Long> numbers = new TreeSet<>();
        appended.forEach(e -> numbers.add(e.seq()));
        assertThat(numbers).hasSize(total);
        assertThat(numbers).first().isEqualTo(1L);
        assertThat(numbers).last().isEqualTo((long) total);

        RoomBus.Replay replay = b.replay(ROOM, 0, 10_000);
        assertThat(replay.events()).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(replay.events().get(i).seq()).isEqualTo(i + 1L);
            assertThat(replay.events().get(i).roomId()).isEqualTo(ROOM);
        }
        Set<String> ids = new TreeSet<>();
        replay.events().forEach(e -> ids.add(((RoomMessage) e.payload()).messageId()));
        assertThat(ids).hasSize(total); // every line once: none stored twice, none lost
        assertThat(heardAll.await(30, TimeUnit.SECONDS)).as("node A heard both nodes' events").isTrue();
    }

    @Test
    void aRestartedNodeLosesNothingAndNumbersOn() {
        JetStreamRoomBus a = node();
        a.append(ROOM, lines("a", 0, 40));
        a.append("other", lines("a", 0, 3));
        a.close();
        buses.remove(a);

        JetStreamRoomBus again = node();
        assertThat(again.lastSeq(ROOM)).isEqualTo(40);
        assertThat(again.append(ROOM, lines("b", 0, 2))).extracting(RoomEvent::seq).containsExactly(41L, 42L);
        RoomBus.Replay all = again.replay(ROOM, 0, 1000);
        assertThat(all.events()).extracting(RoomEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 42).boxed().toList());
        assertThat(all.firstRetained()).isEqualTo(1);
        assertThat(again.replay("other", 0, 10).events()).hasSize(3);
    }

    @Test
    void replayFindsTheRunHoldingTheNextEventAndPagesFromThere() {
        JetStreamRoomBus a = node();
        for (int r = 0; r < 30; r++) {
            a.append(ROOM, lines("a", r * 7, 7)); // runs of 7: 1-7, 8-14, ...
        }
        a.append("noise", lines("x", 0, 1));
        RoomBus.Replay page = a.replay(ROOM, 100, 25);
        assertThat(page.events()).extracting(RoomEvent::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(101, 125).boxed().toList());
        assertThat(page.truncated()).isTrue();
        assertThat(page.lastSeq()).isEqualTo(210);
        assertThat(a.replay(ROOM, 210, 10).events()).isEmpty();
        assertThat(a.replay("nobody", 0, 10)).isEqualTo(new RoomBus.Replay(List.of(), 0, 0));
    }
}
