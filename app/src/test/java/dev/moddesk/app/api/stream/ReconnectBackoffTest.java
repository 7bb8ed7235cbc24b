package dev.moddesk.app.api.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {
    /** Always draws {@code value}. */
    private static RandomGenerator constant(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void doublesUpToTheCapWithHalfOfEachDelayJittered() {
        ReconnectBackoff low = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), constant(0.0));
        ReconnectBackoff high = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), constant(1.0));
        long[] lowMs = new long[10];
        long[] highMs = new long[10];
        for (int i = 0; i < 10; i++) {
            lowMs[i] = low.next().toMillis();
            highMs[i] = high.next().toMillis();
        }
        assertThat(highMs).containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000);
        assertThat(lowMs).containsExactly(250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000);
    }

    @Test
    void manyAttemptsStayAtTheCapWithoutOverflowAndResetStartsOver() {
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), constant(1.0));
        for (int i = 0; i < 200; i++) {
            backoff.next();
        }
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(30));
        backoff.reset();
        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofMillis(500));
    }
}
