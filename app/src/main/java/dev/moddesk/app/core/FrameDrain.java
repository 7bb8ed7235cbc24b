package dev.moddesk.app.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.animation.AnimationTimer;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves items from bounded queues (filled on network threads) to their consumers (view models) once per frame, on
 * the FX thread, within a time budget — instead of one {@code Platform.runLater} per item.
 *
 * <p>Each pulse drains the channels in turn, a chunk at a time, and hands each channel's batch to its consumer in ONE
 * call (so the consumer appends with one {@code addAll}). When the budget is spent the remaining items, and the
 * channels not yet visited, wait for the next frame; the first channel visited always gets at least one chunk, and
 * the starting channel rotates, so a flood in one room cannot starve another. The budget is checked between chunks
 * and after each consumer call, so one consumer's slow hand-off can overrun it by at most that call.
 *
 * <p>Time comes from an injected nanoTime source; {@link #pulse()} is public so tests run frames without a toolkit.
 * {@link #start()} drives it from a JavaFX {@link AnimationTimer}. Channels are added and removed on the FX thread.
 */
public final class FrameDrain {
    private static final Logger LOG = LoggerFactory.getLogger(FrameDrain.class);

    private final long budgetNanos;
    private final int chunk;
    private final LongSupplier nanoTime;
    private final List<Channel<?>> channels = new CopyOnWriteArrayList<>();
    private int nextFirst;
    private AnimationTimer timer;

    /**
     * @param budget   time per frame for draining and hand-off (4 ms leaves most of a 16.7 ms frame for layout)
     * @param chunk    items taken between two looks at the clock
     * @param nanoTime monotonic time, {@code System::nanoTime} in the console
     */
    public FrameDrain(Duration budget, int chunk, LongSupplier nanoTime) {
        if (budget.isNegative() || budget.isZero() || chunk < 1) {
            throw new IllegalArgumentException("budget " + budget + ", chunk " + chunk);
        }
        this.budgetNanos = budget.toNanos();
        this.chunk = chunk;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** The console's drain: 4 ms a frame, 512 items between looks at the clock. */
    public static FrameDrain standard() {
        return new FrameDrain(Duration.ofMillis(4), 512, System::nanoTime);
    }

    /**
     * Drains {@code source} into {@code consumer}, at most {@code maxPerFrame} items a frame; the consumer may keep the
     * list it is given. Cancel the subscription when the view goes away.
     */
    public <T> Subscription add(BatchSource<T> source, int maxPerFrame, Consumer<? super List<T>> consumer) {
        Channel<T> channel = new Channel<>(source, maxPerFrame, consumer);
        channels.add(channel);
        return () -> channels.remove(channel);
    }

    /** Starts draining every frame (FX thread). */
    public void start() {
        if (timer == null) {
            timer = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulse();
                }
            };
            timer.start();
        }
    }

    /** Stops draining; items stay in their queues (FX thread). */
    public void stop() {
        if (timer != null) {
            timer.stop();
            timer = null;
        }
    }

    /** One frame's worth of draining; returns how many items were handed to consumers. */
    public int pulse() {
        List<Channel<?>> all = List.copyOf(channels);
        if (all.isEmpty()) {
            return 0;
        }
        long deadline = nanoTime.getAsLong() + budgetNanos;
        int first = Math.floorMod(nextFirst++, all.size());
        int handed = 0;
        for (int i = 0; i < all.size(); i++) {
            if (i > 0 && nanoTime.getAsLong() - deadline >= 0) {
                break;
            }
            handed += all.get((first + i) % all.size()).drain(deadline);
        }
        return handed;
    }

    private final class Channel<T> {
        private final BatchSource<T> source;
        private final int maxPerFrame;
        private final Consumer<? super List<T>> consumer;

        Channel(BatchSource<T> source, int maxPerFrame, Consumer<? super List<T>> consumer) {
            if (maxPerFrame < 1) {
                throw new IllegalArgumentException("maxPerFrame " + maxPerFrame);
            }
            this.source = Objects.requireNonNull(source, "source");
            this.maxPerFrame = maxPerFrame;
            this.consumer = Objects.requireNonNull(consumer, "consumer");
        }

        int drain(long deadline) {
            List<T> batch = new ArrayList<>();
            while (batch.size() < maxPerFrame) {
                int taken = source.drainTo(batch, Math.min(chunk, maxPerFrame - batch.size()));
                if (taken == 0 || nanoTime.getAsLong() - deadline >= 0) {
                    break;
                }
            }
            if (batch.isEmpty()) {
                return 0;
            }
            try {
                consumer.accept(batch);
            } catch (RuntimeException e) {
                LOG.error("A drain consumer failed on {} items", batch.size(), e);
            }
            return batch.size();
        }
    }
}
