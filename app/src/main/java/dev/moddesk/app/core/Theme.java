package dev.moddesk.app.core;

import java.util.Locale;
import java.util.Optional;

public enum Theme {
    LIGHT,
    DARK;

    public static Optional<Theme> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "light" -> Optional.of(LIGHT);
            case "dark" -> Optional.of(DARK);
            default -> Optional.empty();
        };
    }
}
