package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FuturesTest {
    @Test
    void unwrapFindsTheFailureUnderTheFutureLayers() {
        IOException cause = new IOException("cut");
        assertThat(Futures.unwrap(new CompletionException(new ExecutionException(cause)))).isSameAs(cause);
        CompletableFuture<Object> failed = CompletableFuture.failedFuture(cause).thenApply(x -> x);
        Throwable[] seen = new Throwable[1];
        failed.whenComplete((v, e) -> seen[0] = e);
        assertThat(seen[0]).isInstanceOf(CompletionException.class);
        assertThat(Futures.unwrap(seen[0])).isSameAs(cause);
    }

    @Test
    void unwrapLeavesOtherFailuresAndEmptyWrappersAlone() {
        IllegalStateException plain = new IllegalStateException("x", new IOException("inner"));
        assertThat(Futures.unwrap(plain)).isSameAs(plain);
        CompletionException empty = new CompletionException("no cause", null);
        assertThat(Futures.unwrap(empty)).isSameAs(empty);
    }
}
