package dev.moddesk.app.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the console remembers between runs. Passwords and tokens are never part of it. {@code lastCaFile} is the
 * private CA file used for {@code lastServer} (null: the system's CAs only). {@code dividers} are split panes' divider
 * positions (0–1) by a key the view chooses, e.g. {@code review-queue}.
 */
public record Settings(String language, Theme theme, List<ServerProfile> profiles, String lastServer, String lastUser,
                       String lastCaFile, Map<String, Double> dividers) {
    public Settings {
        language = language == null || language.isBlank() ? "en" : language;
        theme = theme == null ? Theme.LIGHT : theme;
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        lastCaFile = lastCaFile == null || lastCaFile.isBlank() ? null : lastCaFile;
        TreeMap<String, Double> kept = new TreeMap<>();
        if (dividers != null) {
            // The file may have been edited by hand: only positions inside the pane count.
            dividers.forEach((k, v) -> {
                if (k != null && v != null && v > 0 && v < 1) {
                    kept.put(k, v);
                }
            });
        }
        dividers = Map.copyOf(kept);
    }

    public Settings(String language, Theme theme, List<ServerProfile> profiles, String lastServer, String lastUser) {
        this(language, theme, profiles, lastServer, lastUser, null, Map.of());
    }

    public static Settings defaults() {
        return new Settings("en", Theme.LIGHT, List.of(), null, null, null, Map.of());
    }

    /** The remembered divider position for {@code key}, or {@code fallback}. */
    public double divider(String key, double fallback) {
        return dividers.getOrDefault(key, fallback);
    }

    public Settings withDivider(String key, double position) {
        Map<String, Double> map = new TreeMap<>(dividers);
        map.put(key, position);
        return new Settings(language, theme, profiles, lastServer, lastUser, lastCaFile, map);
    }

    public Settings withLanguage(String tag) {
        return new Settings(tag, theme, profiles, lastServer, lastUser, lastCaFile, dividers);
    }

    public Settings withTheme(Theme t) {
        return new Settings(language, t, profiles, lastServer, lastUser, lastCaFile, dividers);
    }

    public Settings withLastLogin(String server, String user) {
        return new Settings(language, theme, profiles, server, user, lastCaFile, dividers);
    }

    public Settings withLastCaFile(String caFile) {
        return new Settings(language, theme, profiles, lastServer, lastUser, caFile, dividers);
    }

    public Settings withProfile(ServerProfile p) {
        List<ServerProfile> list = new ArrayList<>(profiles);
        list.removeIf(existing -> existing.url().equals(p.url()));
        list.add(p);
        return new Settings(language, theme, list, lastServer, lastUser, lastCaFile, dividers);
    }

    public Settings withoutProfile(String url) {
        List<ServerProfile> list = new ArrayList<>(profiles);
        list.removeIf(existing -> existing.url().equals(url));
        return new Settings(language, theme, list, lastServer, lastUser, lastCaFile, dividers);
    }
}
