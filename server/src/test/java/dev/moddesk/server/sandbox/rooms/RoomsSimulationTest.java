package dev.moddesk.server.sandbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The room simulation driven step by step with its own seed and time: the chat rate is counted, the hot room spikes,
 * and the platform obeys staff's actions from the feed (the next events it generates respect them).
 */
class RoomsSimulationTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private static final Duration STEP = Duration.ofMillis(100);

    private final RecordingSink sink = new RecordingSink();
    private Instant now = T0;
    private long feedIds;

    private RoomsSimulation simulation(double chatPerSecond, double hotPerSecond) {
        return simulation(chatPerSecond, hotPerSecond, MessageGate.SHOW_ALL);
    }

    private RoomsSimulation simulation(double chatPerSecond, double hotPerSecond, MessageGate gate) {
        SimulatedPopulation population = new SimulatedPopulation();
        for (int i = 0; i < 30; i++) {
            population.add(new SimulatedPopulation.User("u-" + i, "用户" + i, "成都", T0.minus(Duration.ofDays(300))));
        }
        RoomsSimulation simulation = new RoomsSimulation(new SplittableRandom(42), population, "t", gate,
                new RoomsSimulation.Settings(36, chatPerSecond, hotPerSecond, null, Duration.ofMinutes(1)));
        simulation.start(now, sink);
        return simulation;
    }

    private void run(RoomsSimulation simulation, Duration length) {
        for (Instant end = now.plus(length); now.isBefore(end); ) {
            now = now.plus(STEP);
            simulation.advance(now, sink);
        }
    }

    private FeedAction action(String roomId, String name, String targetId, Map<String, String> params) {
        Map<String, Object> moderation = new LinkedHashMap<>();
        moderation.put("actionId", Long.toString(++feedIds));
        moderation.put("action", name);
        moderation.put("targetId", targetId);
        moderation.put("params", params);
        return new FeedAction(feedIds, "room." + name, "user", targetId, Map.of("room", roomId, "action", moderation),
                now);
    }

    /** The person who said most in {@code roomId} lately. */
    private String talker(String roomId) {
        return sink.linesIn(roomId).stream().collect(Collectors.groupingBy(RecordingSink.Line::userId,
                Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private SimRoom roomOf(RoomsSimulation simulation, RoomKind kind) {
        return simulation.rooms().stream().filter(r -> r.kind() == kind && !r.hot()).findFirst().orElseThrow();
    }

    @Test
    void theChatRateIsHonouredStepByStepCountedNotTimed() {
        RoomsSimulation simulation = simulation(10_000, 0);
        sink.clear();
        run(simulation, Duration.ofSeconds(10));
        assertThat(sink.lines).hasSize(100_000);

        // Uneven steps add up the same; a stall of a minute makes up for one second at most, not a burst.
        sink.clear();
        for (int i = 0; i < 1000; i++) {
            now = now.plusMillis(i % 2 == 0 ? 3 : 17);
            simulation.advance(now, sink);
        }
        assertThat(sink.lines).hasSize(100_000);
        sink.clear();
        now = now.plus(Duration.ofMinutes(1));
        simulation.advance(now, sink);
        assertThat(sink.lines).hasSize(10_000);
        assertThat(simulation.dropped()).isZero();
        // Every room of every kind chats.
        assertThat(simulation.rooms()).hasSize(36);
        assertThat(simulation.rooms().stream().map(SimRoom::kind).distinct()).containsExactlyInAnyOrder(RoomKind.values());
    }

    @Test
    void usersReportSomeOfTheAbuseTheySeeAboutALineShownBefore() {
        RoomsSimulation simulation = simulation(2_000, 0);
        run(simulation, Duration.ofSeconds(30));
        List<RecordingSink.Event> reports = sink.events.stream().filter(e -> e.type().equals("report.created"))
                .toList();
        assertThat(reports).isNotEmpty();
        assertThat(reports.size()).as("some abuse, not every line").isLessThan(sink.lines.size() / 20);
        java.util.Set<String> shown = new java.util.HashSet<>();
        sink.lines.forEach(l -> shown.add(l.messageId()));
        for (RecordingSink.Event r : reports) {
            assertThat(r.payload()).containsKeys("reportId", "roomId", "targetKind", "targetUserId", "reporterId",
                    "reason");
            assertThat(r.payload().get("reporterId")).isNotEqualTo(r.payload().get("targetUserId"));
            if (r.payload().get("targetKind").equals("MESSAGE")) {
                assertThat(shown).contains((String) r.payload().get("messageId"));
            }
        }
        assertThat(reports).extracting(RecordingSink.Event::eventId).doesNotHaveDuplicates();
    }

    @Test
    void theHotRoomSpikesWhenAsked() {
        RoomsSimulation simulation = simulation(1_000, 5_000);
        String hot = simulation.hotRoom().id();
        run(simulation, Duration.ofSeconds(10));
        int before = sink.linesIn(hot).size();
        assertThat(before).isBetween(500, 5_000); // its share of 10,000 lines: the busiest room, not a spike

        sink.clear();
        simulation.spike(now, Duration.ofSeconds(10));
        run(simulation, Duration.ofSeconds(10));
        assertThat(sink.linesIn(hot).size()).isGreaterThanOrEqualTo(50_000);
        assertThat(sink.lines.size() - sink.linesIn(hot).size()).isBetween(5_000, 10_000);

        sink.clear();
        run(simulation, Duration.ofSeconds(10));
        assertThat(sink.linesIn(hot).size()).isLessThan(5_000);
    }

    @Test
    void aMutedUserStopsTalkingUntilTheMuteEndsOrIsLifted() {
        RoomsSimulation simulation = simulation(2_000, 0);
        SimRoom room = roomOf(simulation, RoomKind.FRIENDS);
        run(simulation, Duration.ofSeconds(20));
        String user = talker(room.id());

        simulation.apply(action(room.id(), "user.mute", user, Map.of("minutes", "5")), now, sink);
        sink.clear();
        run(simulation, Duration.ofMinutes(5).minus(STEP));
        assertThat(sink.linesIn(room.id())).isNotEmpty().noneMatch(l -> l.userId().equals(user));
        run(simulation, Duration.ofSeconds(30));
        assertThat(sink.linesIn(room.id())).anyMatch(l -> l.userId().equals(user) || !room.present().stream()
                .anyMatch(p -> p.id().equals(user))); // the mute ended: back to talking, unless they left meanwhile

        SimRoom other = roomOf(simulation, RoomKind.WATCH_TOGETHER);
        String second = talker(other.id());
        simulation.apply(action(other.id(), "user.mute", second, Map.of("minutes", "60")), now, sink);
        sink.clear();
        run(simulation, Duration.ofSeconds(30));
        assertThat(sink.linesIn(other.id())).noneMatch(l -> l.userId().equals(second));
        simulation.apply(action(other.id(), "user.unmute", second, Map.of()), now, sink);
        assertThat(other.isMuted(second, now)).isFalse();
    }

    @Test
    void aKickedUserLeavesAndCannotComeBackUntilTheKickIsLifted() {
        RoomsSimulation simulation = simulation(2_000, 0);
        SimRoom room = roomOf(simulation, RoomKind.VOICE);
        run(simulation, Duration.ofSeconds(20));
        String user = talker(room.id());

        sink.clear();
        simulation.apply(action(room.id(), "user.kick", user, Map.of()), now, sink);
        assertThat(sink.eventsIn(room.id())).anyMatch(e -> e.type().equals("room.leave")
                && e.payload().get("userId").equals(user));
        assertThat(room.present()).noneMatch(p -> p.id().equals(user));

        sink.clear();
        run(simulation, Duration.ofMinutes(10));
        assertThat(sink.linesIn(room.id())).isNotEmpty().noneMatch(l -> l.userId().equals(user));
        assertThat(sink.eventsIn(room.id())).anyMatch(e -> e.type().equals("room.join"))
                .noneMatch(e -> e.type().equals("room.join") && e.payload().get("userId").equals(user));
        assertThat(room.isKicked(user)).isTrue();

        simulation.apply(action(room.id(), "user.kick.lift", user, Map.of()), now, sink);
        assertThat(room.isKicked(user)).isFalse();
    }

    @Test
    void seatActionsChangeTheSeatsAndALockedSeatStaysEmpty() {
        RoomsSimulation simulation = simulation(500, 0);
        SimRoom room = roomOf(simulation, RoomKind.VOICE);
        run(simulation, Duration.ofSeconds(5));
        SimRoom.SeatState taken = room.seats().stream().filter(s -> s.occupant() != null && s.number() > 1)
                .findFirst().orElseThrow();
        int number = taken.number();

        sink.clear();
        simulation.apply(action(room.id(), "seat.mic-off", Integer.toString(number), Map.of()), now, sink);
        assertThat(seatEvents(room.id(), number)).singleElement()
                .satisfies(seat -> assertThat(seat).doesNotContainKey("occupantId").containsEntry("locked", false));

        sink.clear();
        simulation.apply(action(room.id(), "seat.lock", Integer.toString(number), Map.of()), now, sink);
        simulation.apply(action(room.id(), "seat.mute", "1", Map.of()), now, sink);
        assertThat(seatEvents(room.id(), number)).singleElement()
                .satisfies(seat -> assertThat(seat).containsEntry("locked", true));
        assertThat(seatEvents(room.id(), 1)).singleElement().satisfies(seat -> assertThat(seat)
                .containsEntry("muted", true).containsKey("occupantId"));

        sink.clear();
        run(simulation, Duration.ofMinutes(10));
        assertThat(seatEvents(room.id(), number)).isEmpty();
        assertThat(room.seats().get(number - 1).occupant()).isNull();
        simulation.apply(action(room.id(), "seat.unlock", Integer.toString(number), Map.of()), now, sink);
        assertThat(seatEvents(room.id(), number)).singleElement()
                .satisfies(seat -> assertThat(seat).containsEntry("locked", false));

        // A hostile seat id changes nothing.
        sink.clear();
        simulation.apply(action(room.id(), "seat.lock", "1'; DROP TABLE room;--", Map.of()), now, sink);
        simulation.apply(action(room.id(), "seat.lock", "99", Map.of()), now, sink);
        assertThat(sink.events).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> seatEvents(String roomId, int number) {
        return sink.eventsIn(roomId).stream().filter(e -> e.type().equals("room.seat"))
                .map(e -> (Map<String, Object>) e.payload().get("seat"))
                .filter(s -> s.get("number").equals(number)).toList();
    }

    @Test
    void aClosedRoomGoesQuietUntilStaffReopenIt() {
        RoomsSimulation simulation = simulation(2_000, 0);
        SimRoom room = roomOf(simulation, RoomKind.KTV);
        run(simulation, Duration.ofSeconds(5));

        simulation.apply(action(room.id(), "room.close", room.id(), Map.of()), now, sink);
        sink.clear();
        run(simulation, Duration.ofMinutes(30)); // longer than any broadcast: no ending, no reopening by itself
        assertThat(sink.linesIn(room.id())).isEmpty();
        assertThat(sink.eventsIn(room.id())).isEmpty();
        assertThat(room.status()).isEqualTo(SimRoom.Status.CLOSED);

        simulation.apply(action(room.id(), "room.reopen", room.id(), Map.of()), now, sink);
        assertThat(sink.eventsIn(room.id())).first().satisfies(e -> assertThat(e.type()).isEqualTo("room.opened"));
        assertThat(sink.eventsIn(room.id())).anyMatch(e -> e.type().equals("room.song"));
        run(simulation, Duration.ofSeconds(5));
        assertThat(sink.linesIn(room.id())).isNotEmpty();
    }

    @Test
    void roomsEndAndOpenAgainAsNewBroadcasts() {
        RoomsSimulation simulation = simulation(200, 0);
        run(simulation, Duration.ofMinutes(25));
        Function<String, Long> count = type -> sink.events.stream().filter(e -> e.type().equals(type)).count();
        assertThat(count.apply("room.closed")).isGreaterThan(10);
        assertThat(count.apply("room.opened")).isGreaterThan(36 + 10);
        assertThat(count.apply("room.join")).isGreaterThan(1000);
        assertThat(count.apply("room.leave")).isGreaterThan(500);
        assertThat(count.apply("room.seat")).isGreaterThan(100);
        assertThat(count.apply("room.song")).isGreaterThan(50);
        assertThat(count.apply("room.source")).isGreaterThan(7);
        // Nothing is said in a room that has ended (until it opens again); the hot room never ends.
        for (int i = 0; i < 3000; i++) {
            sink.clear();
            now = now.plus(STEP);
            simulation.advance(now, sink);
            for (SimRoom room : simulation.rooms()) {
                if (room.status() != SimRoom.Status.LIVE) {
                    assertThat(sink.linesIn(room.id())).isEmpty();
                }
            }
        }
        assertThat(simulation.hotRoom().status()).isEqualTo(SimRoom.Status.LIVE);
        // Voice and KTV rooms stay mostly seated, the way people queue for a mic.
        double seated = simulation.rooms().stream().filter(r -> r.status() == SimRoom.Status.LIVE
                        && r.seats().size() == 8)
                .mapToLong(r -> r.seats().stream().filter(seat -> seat.occupant() != null).count()).average()
                .orElseThrow();
        assertThat(seated).isGreaterThanOrEqualTo(4.0);
    }

    @Test
    void slowModeLetsEachUserSpeakOncePerPeriod() {
        RoomsSimulation simulation = simulation(3_000, 0);
        SimRoom room = roomOf(simulation, RoomKind.FRIENDS);
        run(simulation, Duration.ofSeconds(5));
        int before = sink.linesIn(room.id()).size();
        simulation.apply(action(room.id(), "room.slow-mode", room.id(), Map.of("seconds", "30")), now, sink);
        sink.clear();
        run(simulation, Duration.ofSeconds(60));
        Map<String, List<Instant>> byUser = sink.linesIn(room.id()).stream().collect(Collectors.groupingBy(
                RecordingSink.Line::userId, Collectors.mapping(RecordingSink.Line::at, Collectors.toList())));
        assertThat(byUser.values()).allSatisfy(times -> {
            for (int i = 1; i < times.size(); i++) {
                assertThat(Duration.between(times.get(i - 1), times.get(i))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
            }
        });
        assertThat(sink.linesIn(room.id()).size()).isLessThan(before * 12 / 10); // 60 s now say less than 5 s did
        simulation.apply(action(room.id(), "room.slow-mode", room.id(), Map.of("seconds", "0")), now, sink);
        sink.clear();
        run(simulation, Duration.ofSeconds(5));
        assertThat(sink.linesIn(room.id()).size()).isGreaterThan(before / 2);
    }

    @Test
    @SuppressWarnings("unchecked")
    void songsAndSourcesFollowStaffActions() {
        RoomsSimulation simulation = simulation(100, 0);
        SimRoom ktv = roomOf(simulation, RoomKind.KTV);
        SimRoom watch = roomOf(simulation, RoomKind.WATCH_TOGETHER);
        String singing = ktv.queue().getFirst().id();
        String later = ktv.queue().get(1).id();

        sink.clear();
        simulation.apply(action(ktv.id(), "song.skip", singing, Map.of()), now, sink);
        simulation.apply(action(ktv.id(), "song.remove", later, Map.of()), now, sink);
        simulation.apply(action(watch.id(), "source.stop", watch.id(), Map.of()), now, sink);
        List<RecordingSink.Event> songs = sink.eventsIn(ktv.id());
        assertThat(songs).hasSize(2).allMatch(e -> e.type().equals("room.song"));
        List<Map<String, Object>> queue = (List<Map<String, Object>>) songs.getLast().payload().get("queue");
        assertThat(queue).extracting(s -> s.get("id")).doesNotContain(singing, later);
        assertThat(ktv.queue()).extracting(SimRoom.SongEntry::id).doesNotContain(singing, later);
        assertThat(sink.eventsIn(watch.id())).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("room.source");
            assertThat(e.payload()).containsEntry("source", null);
        });
        assertThat(watch.source()).isNull();
    }

    @Test
    void theGateSeesEveryLineBeforeItIsShownAndAWithheldLineIsNotSent() {
        RoomsSimulation simulation = simulation(1_000, 0,
                (room, id, user, nick, text, at, out) -> !text.contains("微") && !text.contains("信"));
        sink.clear();
        run(simulation, Duration.ofSeconds(30));
        assertThat(sink.lines).noneMatch(l -> l.text().contains("微") || l.text().contains("信"));
        assertThat(simulation.withheld()).isPositive();
        assertThat(simulation.shown() + simulation.withheld()).isEqualTo(30_000);
    }
}
