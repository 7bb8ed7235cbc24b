package dev.moddesk.app.core;

import java.util.Objects;
import java.util.function.Supplier;

/** A value built on first use, once, by whichever thread asks first; later calls return it. */
public final class Lazy<T> implements Supplier<T> {
    private Supplier<? extends T> factory;
    private T value;

    public Lazy(Supplier<? extends T> factory) {
        this.factory = Objects.requireNonNull(factory);
    }

    @Override
    public synchronized T get() {
        if (factory != null) {
            value = Objects.requireNonNull(factory.get());
            factory = null;
        }
        return value;
    }

    /** The value if it was built, else null; never builds it. */
    public synchronized T ifBuilt() {
        return factory == null ? value : null;
    }
}
