package dev.moddesk.app.core;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What every caller of a {@link java.util.concurrent.CompletableFuture} needs when one fails. */
public final class Futures {
    private Futures() {
    }

    /**
     * The failure itself, without the {@link CompletionException} / {@link ExecutionException} layers that
     * {@code thenApply}, {@code join} and {@code get} wrap around it, so callers can match on what went wrong.
     */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
