package dev.moddesk.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.review.QueueFilter;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueFloorsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final QueueFloors.Key CIRCLE_1 = new QueueFloors.Key(
            new QueueFilter(null, 1L, null, null, null, null, "age"), Set.of());
    private static final QueueFloors.Key CIRCLE_2 = new QueueFloors.Key(
            new QueueFilter(null, 2L, null, null, null, null, "age"), Set.of());

    private final QueueFloors floors = new QueueFloors();

    private static Instant submitted(int minute) {
        return T0.minus(Duration.ofHours(1)).plus(Duration.ofMinutes(minute));
    }

    @Test
    void aClaimFromTheHeadLetsTheNextStartAtWhatItGotUntilTheRefreshIsDue() {
        QueueFloors.Start first = floors.start(CIRCLE_1, T0);
        assertThat(first.fromHead()).isTrue();
        floors.claimed(first, submitted(5));

        assertThat(floors.start(CIRCLE_1, T0.plusMillis(10)).floor()).isEqualTo(submitted(5));
        assertThat(floors.start(CIRCLE_2, T0.plusMillis(10)).fromHead()).as("another filter").isTrue();
        assertThat(floors.start(CIRCLE_1, T0.plus(QueueFloors.REFRESH)).fromHead()).as("refresh due").isTrue();
        assertThat(floors.start(CIRCLE_1, T0.minusSeconds(1)).fromHead()).as("the clock went back").isTrue();
    }

    @Test
    void claimsFromTheFloorMoveItOnButNeverBack() {
        floors.claimed(floors.start(CIRCLE_1, T0), submitted(5));
        QueueFloors.Start a = floors.start(CIRCLE_1, T0.plusMillis(1));
        QueueFloors.Start b = floors.start(CIRCLE_1, T0.plusMillis(1));
        floors.claimed(a, submitted(9));
        floors.claimed(b, submitted(7)); // finished later with an earlier row: the floor stays at 9
        assertThat(floors.start(CIRCLE_1, T0.plusMillis(2)).floor()).isEqualTo(submitted(9));
        // Still due for a read from the head one refresh after the last one, however far the floor moved.
        assertThat(floors.start(CIRCLE_1, T0.plus(QueueFloors.REFRESH)).fromHead()).isTrue();
    }

    @Test
    void anApplicationFreedAgainLowersEveryFloorPastIt() {
        floors.claimed(floors.start(CIRCLE_1, T0), submitted(5));
        floors.claimed(floors.start(CIRCLE_2, T0), submitted(2));
        floors.lowerTo(submitted(3));
        assertThat(floors.start(CIRCLE_1, T0.plusMillis(1)).floor()).isEqualTo(submitted(3));
        assertThat(floors.start(CIRCLE_2, T0.plusMillis(1)).floor()).isEqualTo(submitted(2));
    }

    @Test
    void aClaimThatBeganBeforeSomethingWasFreedDoesNotMoveTheFloorPastIt() {
        floors.claimed(floors.start(CIRCLE_1, T0), submitted(5));
        QueueFloors.Start inFlight = floors.start(CIRCLE_1, T0.plusMillis(1));
        QueueFloors.Start headInFlight = floors.head(CIRCLE_1, T0.plusMillis(1));
        floors.lowerTo(submitted(1)); // released while both reads were running: they may have passed it
        floors.claimed(inFlight, submitted(8));
        floors.claimed(headInFlight, submitted(8));
        assertThat(floors.start(CIRCLE_1, T0.plusMillis(2)).floor()).isEqualTo(submitted(1));
    }

    @Test
    void aClaimFromAFloorThatWasForgottenSetsNone() {
        QueueFloors.Start fromFloor = new QueueFloors.Start(CIRCLE_1, submitted(5), 0, T0);
        floors.claimed(fromFloor, submitted(6));
        assertThat(floors.start(CIRCLE_1, T0.plusMillis(1)).fromHead()).isTrue();
    }
}
