package dev.moddesk.server.rooms.bus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomJoin;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class InProcessRoomBusTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);

    private static List<RoomBus.Pending> joins(int n) {
        List<RoomBus.Pending> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RoomBus.Pending(T0, new RoomJoin("u" + i, "n" + i, i)));
        }
        return out;
    }

    @Test
    void numbersEachRoomOnItsOwnAndListenersHearEveryRunInOrder() {
        try (InProcessRoomBus bus = new InProcessRoomBus(clock, SeqReservations.NONE)) {
            List<Long> heard = new ArrayList<>();
            bus.subscribe((room, events) -> {
                if (room.equals("a")) {
                    events.forEach(e -> heard.add(e.seq()));
                }
            });
            assertThat(bus.append("a", joins(3))).extracting(RoomEvent::seq).containsExactly(1L, 2L, 3L);
            assertThat(bus.append("b", joins(1))).extracting(RoomEvent::seq).containsExactly(1L);
            assertThat(bus.append("a", joins(2))).extracting(RoomEvent::seq).containsExactly(4L, 5L);
            assertThat(heard).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(bus.lastSeq("a")).isEqualTo(5);
            assertThat(bus.lastSeq("nobody")).isZero();
        }
    }

    @Test
    void replayReadsAfterASequenceNumberInPages() {
        try (InProcessRoomBus bus = new InProcessRoomBus(clock, SeqReservations.NONE)) {
            bus.append("a", joins(10));
            RoomBus.Replay page = bus.replay("a", 3, 4);
            assertThat(page.events()).extracting(RoomEvent::seq).containsExactly(4L, 5L, 6L, 7L);
            assertThat(page.truncated()).isTrue();
            assertThat(page.firstRetained()).isEqualTo(1);
            assertThat(bus.replay("a", 10, 5).events()).isEmpty();
            assertThat(bus.replay("a", 0, 100).events()).hasSize(10);
        }
    }

    @Test
    void theWindowKeepsWhicheverOfCountAndAgeKeepsMore() {
        try (InProcessRoomBus bus = new InProcessRoomBus(clock, SeqReservations.NONE, 5, Duration.ofMinutes(2))) {
            bus.append("a", joins(20));
            // all younger than two minutes: all kept although more than five
            assertThat(bus.replay("a", 0, 100).firstRetained()).isEqualTo(1);
            clock.advance(Duration.ofMinutes(3));
            bus.append("a", joins(1));
            // the old ones are now older than two minutes: trimmed down to the last five
            RoomBus.Replay replay = bus.replay("a", 0, 100);
            assertThat(replay.firstRetained()).isEqualTo(17);
            assertThat(replay.events()).extracting(RoomEvent::seq).containsExactly(17L, 18L, 19L, 20L, 21L);
        }
    }

    @Test
    void afterARestartNumberingGoesOnAboveTheReservation() {
        Map<String, Long> stored = new ConcurrentHashMap<>();
        SeqReservations reservations = new SeqReservations() {
            @Override
            public long reserved(String roomId) {
                return stored.getOrDefault(roomId, 0L);
            }

            @Override
            public void reserve(String roomId, long upTo) {
                stored.merge(roomId, upTo, Math::max);
            }
        };
        long last;
        try (InProcessRoomBus bus = new InProcessRoomBus(clock, reservations)) {
            last = bus.append("a", joins(3)).getLast().seq();
        }
        try (InProcessRoomBus restarted = new InProcessRoomBus(clock, reservations)) {
            assertThat(restarted.lastSeq("a")).isGreaterThanOrEqualTo(last);
            RoomBus.Replay empty = restarted.replay("a", last, 10);
            assertThat(empty.events()).isEmpty();
            assertThat(empty.firstRetained()).isZero();
            long next = restarted.append("a", joins(1)).getFirst().seq();
            assertThat(next).isGreaterThan(last);
            assertThat(restarted.replay("a", last, 10).firstRetained()).isEqualTo(next);
        }
    }

    @Test
    void concurrentAppendersToOneRoomGetContiguousNumbers() throws Exception {
        try (InProcessRoomBus bus = new InProcessRoomBus(clock, SeqReservations.NONE)) {
            Map<Long, Integer> seen = new HashMap<>();
            List<Thread> threads = new ArrayList<>();
            List<List<RoomEvent>> results = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 250; i++) {
                        results.add(bus.append("hot", joins(2)));
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            for (List<RoomEvent> run : results) {
                assertThat(run.get(1).seq()).isEqualTo(run.get(0).seq() + 1);
                run.forEach(e -> seen.merge(e.seq(), 1, Integer::sum));
            }
            assertThat(seen).hasSize(2000);
            assertThat(seen.keySet()).allMatch(s -> s >= 1 && s <= 2000);
            assertThat(seen.values()).allMatch(n -> n == 1);
        }
    }

    @Test
    void anErasedUsersEventsInTheWindowAreScrubbedAndTheNumbersStay() {
        try (InProcessRoomBus bus = new InProcessRoomBus(clock, SeqReservations.NONE)) {
            List<RoomEvent> heard = new ArrayList<>();
            bus.subscribe((room, events) -> heard.addAll(events));
            bus.append("r1", List.of(
                    new RoomBus.Pending(T0, new RoomMessage("m1", "u-bye", "小明", "我的电话 138", false, List.of())),
                    new RoomBus.Pending(T0, new RoomJoin("u-bye", "小明", 3)),
                    new RoomBus.Pending(T0, new RoomMessage("m2", "u-stay", "阿华", "你好", false, List.of()))));
            int heardBefore = heard.size();

            assertThat(bus.scrubUser("u-bye", "erased-1")).isEqualTo(2);

            List<RoomEvent> events = bus.replay("r1", 0, 10).events();
            assertThat(events).extracting(RoomEvent::seq).containsExactly(1L, 2L, 3L);
            RoomMessage line = (RoomMessage) events.get(0).payload();
            assertThat(line.userId()).isEqualTo("erased-1");
            assertThat(line.nickname()).isNull();
            assertThat(line.text()).isEqualTo("[erased]");
            assertThat(((RoomJoin) events.get(1).payload()).nickname()).isNull();
            assertThat(((RoomMessage) events.get(2).payload()).text()).as("someone else's line").isEqualTo("你好");
            assertThat(heard).as("listeners hear nothing of it").hasSize(heardBefore);
            assertThat(bus.append("r1", List.of(new RoomBus.Pending(T0, new RoomJoin("u-stay", "阿华", 3)))))
                    .extracting(RoomEvent::seq).containsExactly(4L);
        }
    }
}
