package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.review.DecisionKind;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UndoWindowTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T12:00:00Z"));
    private final ManualTimers timers = new ManualTimers();
    private final UndoWindow window = new UndoWindow(timers, clock);

    private UndoWindow.Offer offer(long id, String key) {
        return new UndoWindow.Offer(id, key, DecisionKind.APPROVE, null, "小李", clock.instant().plus(UndoWindow.LENGTH));
    }

    @Test
    void aNewDecisionReplacesTheOfferAndOnlyItCanBeTaken() {
        window.open(offer(1, "k1"), null);
        window.open(offer(2, "k2"), null);

        assertThat(window.take()).get().extracting(t -> t.offer().decisionKey()).isEqualTo("k2");
        assertThat(window.take()).as("taken once").isEmpty();
        assertThat(timers.count(Duration.ofSeconds(1))).as("one countdown, stopped").isZero();
    }

    @Test
    void theOfferEndsWhenTheWindowCloses() {
        window.open(offer(1, "k1"), null);
        clock.advance(UndoWindow.LENGTH);

        assertThat(window.take()).isEmpty();
        timers.fire(Duration.ofSeconds(1));
        assertThat(window.offerProperty().get()).isNull();
        assertThat(window.secondsLeftProperty().get()).isZero();
    }

    @Test
    void aRefusedDecisionWithdrawsOnlyItsOwnOffer() {
        window.open(offer(1, "k1"), null);
        window.withdraw("other");
        assertThat(window.offerProperty().get()).isNotNull();

        window.withdraw("k1");
        assertThat(window.offerProperty().get()).isNull();
        assertThat(timers.count(Duration.ofSeconds(1))).isZero();
    }
}
