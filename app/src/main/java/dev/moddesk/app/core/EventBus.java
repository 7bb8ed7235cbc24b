package dev.moddesk.app.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How features talk without importing each other: they publish record events and subscribe by type. Handlers run
 * on the executor given at construction (the FX thread in the app, the caller's thread in tests).
 */
public final class EventBus {
    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);

    private record Handler<E>(Class<E> type, Consumer<? super E> consumer) {
    }

    private final List<Handler<?>> handlers = new CopyOnWriteArrayList<>();
    private final Executor executor;

    public EventBus(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    public <E extends Record> Subscription subscribe(Class<E> type, Consumer<? super E> consumer) {
        Handler<E> h = new Handler<>(type, consumer);
        handlers.add(h);
        return () -> handlers.remove(h);
    }

    public void publish(Record event) {
        executor.execute(() -> {
            for (Handler<?> h : handlers) {
                deliver(h, event);
            }
        });
    }

    private static <E> void deliver(Handler<E> h, Object event) {
        if (h.type().isInstance(event)) {
            try {
                h.consumer().accept(h.type().cast(event));
            } catch (RuntimeException e) {
                LOG.error("Handler for {} failed", event.getClass().getSimpleName(), e);
            }
        }
    }
}
