package dev.moddesk.app.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sequence rules and the queue's accounting, without a socket. */
class StreamIntakeTest {
    private final BoundedStreamQueue<StreamItem> queue = new BoundedStreamQueue<>(3);
    private final StreamIntake intake = new StreamIntake(queue);

    @Test
    void aGapAndTheFrameAfterItGoInTogetherOrNotAtAll() {
        intake.accept(frame("r1", 1));
        intake.accept(frame("r1", 2));
        intake.accept(frame("r1", 5)); // needs two slots, one is left: refused whole, position stays at 2
        assertThat(intake.positions()).isEqualTo(Map.of("r1", 2L));
        assertThat(intake.overflowed()).isEqualTo(1);
        assertThat(drain()).containsExactly(frame("r1", 1), frame("r1", 2));

        intake.accept(frame("r1", 6));
        assertThat(drain()).containsExactly(new StreamGap("r1", 3, 5, StreamGap.Cause.OVERFLOW), frame("r1", 6));
        assertThat(intake.positions()).isEqualTo(Map.of("r1", 6L));
    }

    @Test
    void aRefusedFirstFrameIsStillReportedOnceThereIsRoom() {
        for (int i = 0; i < 3; i++) {
            intake.accept(new StreamFrame("summary", null, 0, null));
        }
        intake.accept(frame("r9", 70));
        assertThat(queue.refused()).isEqualTo(1);
        drain();

        intake.accept(frame("r9", 71));
        assertThat(drain()).containsExactly(new StreamGap("r9", 70, 70, StreamGap.Cause.OVERFLOW), frame("r9", 71));
    }

    @Test
    void aServerGapCoversEverythingTheRoomLacksAndAnOldOneIsADuplicate() {
        intake.accept(frame("r1", 1));
        intake.accept(new StreamGap("r1", 4, 6, StreamGap.Cause.REPORTED));
        intake.accept(new StreamGap("r1", 2, 3, StreamGap.Cause.REPORTED));
        intake.accept(frame("r1", 7));
        assertThat(drain()).containsExactly(frame("r1", 1), new StreamGap("r1", 2, 6, StreamGap.Cause.REPORTED),
                frame("r1", 7));
        assertThat(intake.duplicates()).isEqualTo(1);
    }

    @Test
    void aForgottenRoomStartsAfreshWithoutAGap() {
        intake.accept(frame("r1", 1));
        intake.forget("r1");
        intake.accept(frame("r1", 50));
        assertThat(drain()).containsExactly(frame("r1", 1), frame("r1", 50));
        assertThat(intake.gaps()).isZero();
    }

    private List<StreamItem> drain() {
        List<StreamItem> out = new ArrayList<>();
        queue.drainTo(out, Integer.MAX_VALUE);
        return out;
    }

    private static StreamFrame frame(String room, long seq) {
        return new StreamFrame("message", room, seq, null);
    }
}
