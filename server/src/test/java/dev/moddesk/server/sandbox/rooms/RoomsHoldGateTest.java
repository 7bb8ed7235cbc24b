package dev.moddesk.server.sandbox.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.server.sandbox.HeldWordsPlatform;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The rooms' chat through the word list's HOLD gate: once the feed's {@code words.list} holds 加微信, the rooms' contact
 * spam is reported as {@code message.held} instead of shown, and a line staff release is shown then.
 */
class RoomsHoldGateTest {

    private static final Instant T0 = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void heldLinesAreReportedNotShownAndAReleasedLineIsShown() {
        RoomsHoldGate gate = new RoomsHoldGate(new HeldWordsPlatform(() -> T0, "held-test"));
        gate.onAction(new FeedAction(1, "words.list", "words", "1", Map.of("version", 1, "terms", List.of(
                Map.of("term", "加微信", "category", "contact", "action", "HOLD"),
                Map.of("term", "加qq", "category", "contact", "action", "FLAG"))), T0), T0);
        RoomsSimulation simulation = new RoomsSimulation(new SplittableRandom(5), new SimulatedPopulation(), "t",
                gate, new RoomsSimulation.Settings(36, 5_000, 0, null, Duration.ofMinutes(1)));
        RecordingSink sink = new RecordingSink();
        Instant now = T0;
        simulation.start(now, sink);
        for (int i = 0; i < 100; i++) {
            now = now.plusMillis(100);
            simulation.advance(now, sink);
        }

        List<RecordingSink.Event> held = sink.events.stream().filter(e -> e.type().equals("message.held")).toList();
        assertThat(held).hasSize((int) simulation.withheld()).isNotEmpty();
        assertThat(held).allSatisfy(e -> assertThat((String) e.payload().get("text")).containsAnyOf("微", "微信"));
        assertThat(sink.lines).noneMatch(l -> l.text().replaceAll("[^\\p{IsHan}]", "").contains("加微信"));
        assertThat(sink.lines).anyMatch(l -> l.text().contains("ＱＱ")); // FLAG terms are shown (and flagged)

        RecordingSink.Event first = held.getFirst();
        List<IngestEvent> shown = gate.onAction(new FeedAction(2, "message.released", "message",
                (String) first.payload().get("messageId"), Map.of("room", first.roomId(),
                "messageId", first.payload().get("messageId")), now), now);
        assertThat(shown).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("room.message");
            assertThat(e.payload()).containsEntry("text", first.payload().get("text"));
        });
    }
}
