package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.stream.BoundedStreamQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javafx.util.Subscription;
import org.junit.jupiter.api.Test;

/** The per-frame drain's rules, frame by frame, with a fake nanoTime source (no toolkit, no wall clock). */
class FrameDrainTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FrameDrain drain = new FrameDrain(Duration.ofMillis(4), 10, nanos::get);

    @Test
    void stopsAtTheBudgetAndCarriesTheRestToTheNextFrameInOneCallPerFrame() {
        BoundedStreamQueue<Integer> queue = filled(1_000);
        List<List<Integer>> calls = new ArrayList<>();
        // Every chunk of 10 costs 1 ms of the fake clock: a 4 ms budget takes 4 chunks.
        drain.add(this.<Integer>costly(queue::drainTo, Duration.ofMillis(1)), 10_000, calls::add);

        assertThat(drain.pulse()).isEqualTo(40);
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0)).containsExactlyElementsOf(IntStream.range(0, 40).boxed().toList());
        assertThat(queue.size()).isEqualTo(960);

        assertThat(drain.pulse()).isEqualTo(40);
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1)).containsExactlyElementsOf(IntStream.range(40, 80).boxed().toList());
    }

    @Test
    void eachConsumerGetsOneBatchPerFrameUpToItsCapAndTheRestWaits() {
        BoundedStreamQueue<Integer> visible = filled(250);
        BoundedStreamQueue<Integer> background = filled(30);
        List<List<Integer>> visibleCalls = new ArrayList<>();
        List<List<Integer>> backgroundCalls = new ArrayList<>();
        drain.add(visible::drainTo, 100, visibleCalls::add);
        drain.add(background::drainTo, 100, backgroundCalls::add);

        drain.pulse();
        assertThat(visibleCalls).hasSize(1);
        assertThat(visibleCalls.get(0)).hasSize(100);
        assertThat(backgroundCalls).hasSize(1);
        assertThat(backgroundCalls.get(0)).hasSize(30);

        drain.pulse();
        drain.pulse();
        drain.pulse();
        assertThat(visibleCalls).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(backgroundCalls).hasSize(1);
        assertThat(visibleCalls.stream().flatMap(List::stream).toList())
                .containsExactlyElementsOf(IntStream.range(0, 250).boxed().toList());
    }

    @Test
    void aChannelLeftOutWhenTheBudgetRanOutGoesFirstNextFrame() {
        BoundedStreamQueue<Integer> hot = filled(1_000);
        BoundedStreamQueue<Integer> quiet = filled(5);
        List<Integer> hotSizes = new ArrayList<>();
        List<Integer> quietSizes = new ArrayList<>();
        // The hot room's consumer is slow: its hand-off alone spends the whole budget.
        drain.add(hot::drainTo, 20, batch -> {
            hotSizes.add(batch.size());
            nanos.addAndGet(Duration.ofMillis(5).toNanos());
        });
        drain.add(quiet::drainTo, 20, batch -> quietSizes.add(batch.size()));

        drain.pulse();
        assertThat(hotSizes).containsExactly(20);
        assertThat(quietSizes).isEmpty();
        assertThat(quiet.size()).isEqualTo(5);

        // Next frame the quiet room goes first; it is quick, so the hot room still gets its batch after it.
        drain.pulse();
        assertThat(quietSizes).containsExactly(5);
        assertThat(hotSizes).containsExactly(20, 20);
        assertThat(hot.size()).isEqualTo(960);
    }

    @Test
    void emptyQueuesCallNoConsumerAndACancelledChannelIsLeftAlone() {
        BoundedStreamQueue<Integer> queue = new BoundedStreamQueue<>(10);
        List<List<Integer>> calls = new ArrayList<>();
        Subscription channel = drain.add(queue::drainTo, 10, calls::add);
        assertThat(drain.pulse()).isZero();
        assertThat(calls).isEmpty();

        channel.unsubscribe();
        queue.offer(1);
        assertThat(drain.pulse()).isZero();
        assertThat(calls).isEmpty();
        assertThat(queue.size()).isEqualTo(1);
    }

    private static BoundedStreamQueue<Integer> filled(int n) {
        BoundedStreamQueue<Integer> queue = new BoundedStreamQueue<>(Math.max(2, n));
        for (int i = 0; i < n; i++) {
            queue.offer(i);
        }
        return queue;
    }

    /** A source whose every non-empty take advances the fake clock by {@code cost}. */
    private <T> BatchSource<T> costly(BatchSource<T> source, Duration cost) {
        return new BatchSource<>() {
            @Override
            public int drainTo(Collection<T> sink, int max) {
                int n = source.drainTo(sink, max);
                if (n > 0) {
                    nanos.addAndGet(cost.toNanos());
                }
                return n;
            }
        };
    }
}
