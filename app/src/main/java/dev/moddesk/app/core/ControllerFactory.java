package dev.moddesk.app.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javafx.util.Callback;

/**
 * The only place FXMLLoader gets controllers from. Every controller is registered with how to build it; asking for
 * one that is not registered fails loudly instead of falling back to reflection.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {
    private final Map<Class<?>, Supplier<?>> suppliers = new LinkedHashMap<>();

    public <C> ControllerFactory register(Class<C> type, Supplier<? extends C> supplier) {
        if (suppliers.putIfAbsent(type, supplier) != null) {
            throw new IllegalStateException("Controller registered twice: " + type.getName());
        }
        return this;
    }

    public Set<Class<?>> known() {
        return Set.copyOf(suppliers.keySet());
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> supplier = suppliers.get(type);
        if (supplier == null) {
            throw new IllegalStateException("Unknown controller " + type.getName()
                    + ": register it in its feature's FeatureModule before using it in FXML");
        }
        return supplier.get();
    }
}
