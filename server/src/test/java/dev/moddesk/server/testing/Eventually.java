package dev.moddesk.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits until a condition another process or thread makes true holds, re-checking it every few milliseconds, and
 * fails once a generous deadline passes. The deadline only bounds a broken run; no test asserts on elapsed time.
 */
public final class Eventually {

    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
    private static final long RECHECK_MILLIS = 20;

    private Eventually() {
    }

    public static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        awaitTrue(DEFAULT_DEADLINE, condition);
    }

    public static void awaitTrue(Duration deadline, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + deadline.toSeconds() + " s");
            }
            Thread.sleep(RECHECK_MILLIS);
        }
    }
}
