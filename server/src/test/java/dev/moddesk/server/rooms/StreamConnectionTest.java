package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomJoin;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.rooms.bus.InProcessRoomBus;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.SeqReservations;
import dev.moddesk.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One connection's bounded queue, without a network: the sender is started only when the test wants it drained. */
class StreamConnectionTest {
    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final InProcessRoomBus bus = new InProcessRoomBus(clock, SeqReservations.NONE);
    private final StreamFrames frames = new StreamFrames(Json.mapper());
    private final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
    private final List<String> closedWith = new ArrayList<>();
    private final StreamConnection.Outlet outlet = new StreamConnection.Outlet() {
        @Override
        public void send(String text) {
            sent.add(text);
        }

        @Override
        public void close(int code, String reason) {
            closedWith.add(code + " " + reason);
        }
    };
    // replays run on the caller's thread: the test decides when everything happens
    private final StreamConnection connection = new StreamConnection("t", outlet, bus, frames, Runnable::run, clock,
            new StreamSettings(10, 5, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30)), true);

    private List<RoomEvent> append(String room, int n) {
        List<RoomBus.Pending> pending = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pending.add(new RoomBus.Pending(T0, new RoomJoin("u" + i, "n", i)));
        }
        return bus.append(room, pending);
    }

    private void deliver(String room, List<RoomEvent> events) {
        connection.deliver(room, events, frames.events(events));
    }

    private List<JsonNode> drain(int n) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = sent.poll(10, TimeUnit.SECONDS);
            assertThat(text).as("frame " + (i + 1) + " of " + n).isNotNull();
            out.add(Json.mapper().readTree(text));
        }
        return out;
    }

    @Test
    void aConsoleThatFallsBehindIsToldItLagsAndDroppedFromThatRoomOnly() throws Exception {
        connection.follow("slow", 0L);
        connection.follow("calm", 0L);
        deliver("slow", append("slow", 20)); // 2 resumed + 8 fit, then the queue is full
        deliver("calm", append("calm", 1)); // no room for it either: calm lags too
        connection.start();
        List<JsonNode> got = drain(12);
        assertThat(got).extracting(f -> f.path("type").asText()).containsExactly("resumed", "resumed",
                "join", "join", "join", "join", "join", "join", "join", "join", "lagging", "lagging");
        assertThat(got.get(10).path("room").asText()).isEqualTo("slow");
        assertThat(got.get(10).path("payload").path("lastSeq").asLong()).isEqualTo(8);
        assertThat(got.get(10).path("payload").path("queueLimit").asInt()).isEqualTo(10);
        assertThat(got.get(11).path("payload").path("lastSeq").asLong()).isZero();

        deliver("slow", append("slow", 1)); // dropped: not followed any more
        // the console resumes when it can (here from 15, having backfilled 9..15 over REST)
        connection.follow("slow", 15L);
        List<JsonNode> resumed = drain(7);
        assertThat(resumed).extracting(f -> f.path("seq").asLong()).containsExactly(16L, 17L, 18L, 19L, 20L, 21L, 0L);
        assertThat(resumed.getLast().path("type").asText()).isEqualTo("resumed");
        assertThat(resumed.getLast().path("payload").path("lastSeq").asLong()).isEqualTo(21);
        assertThat(closedWith).isEmpty();
    }

    @Test
    void aLiveJumpIsFilledFromTheWindowAndDuplicatesAreNotResent() throws Exception {
        connection.follow("r", 0L);
        List<RoomEvent> first = append("r", 3);
        deliver("r", first);
        deliver("r", first); // heard twice (a node's consumer restarted): nothing resent
        append("r", 2); // this node missed these two
        deliver("r", append("r", 1)); // seq 6 arrives: 4 and 5 are read from the window first
        connection.start();
        assertThat(drain(7)).extracting(f -> f.path("seq").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(sent.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aQuietLinkGetsHeartbeatsAQuietConsoleAPingAndADeadOneIsClosed() throws Exception {
        connection.start();
        clock.advance(Duration.ofSeconds(10));
        connection.tick();
        assertThat(drain(1).getFirst().path("type").asText()).isEqualTo("heartbeat");
        clock.advance(Duration.ofSeconds(5));
        connection.tick();
        assertThat(drain(1).getFirst().path("type").asText()).isEqualTo("ping");
        clock.advance(Duration.ofSeconds(14));
        connection.heard();
        clock.advance(Duration.ofSeconds(29));
        connection.tick();
        assertThat(closedWith).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        connection.tick();
        assertThat(closedWith).containsExactly("1001 no sign of life");
    }
}
