package dev.moddesk.app.review;

import java.util.List;
import java.util.Objects;

/**
 * Something the moderator must be told, as a message-bundle key plus arguments so the view localizes it. Models
 * never build user-facing text themselves.
 */
public record Notice(Level level, String key, List<Object> args) {

    public enum Level { INFO, WARNING, ERROR }

    public Notice {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(key, "key");
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static Notice info(String key, Object... args) {
        return new Notice(Level.INFO, key, List.of(args));
    }

    public static Notice warning(String key, Object... args) {
        return new Notice(Level.WARNING, key, List.of(args));
    }

    public static Notice error(String key, Object... args) {
        return new Notice(Level.ERROR, key, List.of(args));
    }
}
