package dev.moddesk.app.core;

import java.nio.file.Path;
import java.util.Locale;

/** Per-user folders. System properties {@code moddesk.config.dir} and {@code moddesk.sandbox.dir} override them. */
public final class AppPaths {
    private AppPaths() {
    }

    public static Path configDir() {
        String override = System.getProperty("moddesk.config.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return osBase(true).resolve(isWindowsOrMac() ? "ModDesk" : "moddesk");
    }

    public static Path sandboxDataDir() {
        String override = System.getProperty("moddesk.sandbox.dir");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return osBase(false).resolve(isWindowsOrMac() ? "ModDesk" : "moddesk").resolve("sandbox");
    }

    private static boolean isWindowsOrMac() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        return os.contains("win") || os.contains("mac");
    }

    private static Path osBase(boolean config) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("user.home"));
        if (os.contains("win")) {
            String appData = System.getenv(config ? "APPDATA" : "LOCALAPPDATA");
            return appData != null ? Path.of(appData) : home.resolve("AppData").resolve(config ? "Roaming" : "Local");
        }
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Application Support");
        }
        String xdg = System.getenv(config ? "XDG_CONFIG_HOME" : "XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        return config ? home.resolve(".config") : home.resolve(".local").resolve("share");
    }
}
