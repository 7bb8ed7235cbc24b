package dev.moddesk.server.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where features declare the data they keep, for one running server: the kinds that age out ({@link Prunable}) and
 * what they hold about a platform user ({@link PersonalData}). Any feature registers in its constructor, in any
 * order:
 * <pre>{@code
 * DataLifecycle.of(services).register(new Prunable() { ... });
 * DataLifecycle.of(services).register(new MyFeaturePersonalData(...));
 * }</pre>
 * The lifecycle feature prunes, erases and exports through it and knows no feature.
 */
public final class DataLifecycle {

    // Keyed by the server's Database instance: one registry per running server, gone with it.
    private static final Map<Database, DataLifecycle> BY_DATABASE = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<Prunable> prunables = new CopyOnWriteArrayList<>();
    private final List<PersonalData> personalData = new CopyOnWriteArrayList<>();

    private DataLifecycle() {
    }

    public static DataLifecycle of(Services services) {
        return BY_DATABASE.computeIfAbsent(services.database(), d -> new DataLifecycle());
    }

    /** Adds a kind of data that ages out; two with the same kind are refused (the metric tag would be ambiguous). */
    public DataLifecycle register(Prunable prunable) {
        if (prunables.stream().anyMatch(p -> p.kind().equals(prunable.kind()))) {
            throw new IllegalStateException("retention kind registered twice: " + prunable.kind());
        }
        prunables.add(prunable);
        return this;
    }

    /** Adds a part that holds personal data; two with the same part name are refused. */
    public DataLifecycle register(PersonalData part) {
        if (personalData.stream().anyMatch(p -> p.part().equals(part.part()))) {
            throw new IllegalStateException("personal data part registered twice: " + part.part());
        }
        personalData.add(part);
        return this;
    }

    public List<Prunable> prunables() {
        return List.copyOf(prunables);
    }

    public List<PersonalData> personalData() {
        return List.copyOf(personalData);
    }
}
