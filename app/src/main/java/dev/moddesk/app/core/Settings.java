package dev.moddesk.app.core;

import java.util.ArrayList;
import java.util.List;

/** What the console remembers between runs. Passwords and tokens are never part of it. */
public record Settings(String language, Theme theme, List<ServerProfile> profiles, String lastServer, String lastUser) {
    public Settings {
        language = language == null || language.isBlank() ? "en" : language;
        theme = theme == null ? Theme.LIGHT : theme;
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    public static Settings defaults() {
        return new Settings("en", Theme.LIGHT, List.of(), null, null);
    }

    public Settings withLanguage(String tag) {
        return new Settings(tag, theme, profiles, lastServer, lastUser);
    }

    public Settings withTheme(Theme t) {
        return new Settings(language, t, profiles, lastServer, lastUser);
    }

    public Settings withLastLogin(String server, String user) {
        return new Settings(language, theme, profiles, server, user);
    }

    public Settings withProfile(ServerProfile p) {
        List<ServerProfile> list = new ArrayList<>(profiles);
        list.removeIf(existing -> existing.url().equals(p.url()));
        list.add(p);
        return new Settings(language, theme, list, lastServer, lastUser);
    }

    public Settings withoutProfile(String url) {
        List<ServerProfile> list = new ArrayList<>(profiles);
        list.removeIf(existing -> existing.url().equals(url));
        return new Settings(language, theme, list, lastServer, lastUser);
    }
}
