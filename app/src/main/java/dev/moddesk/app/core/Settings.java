package dev.moddesk.app.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What the console remembers between runs. Passwords and tokens are never part of it. {@code lastCaFile} is the
 * private CA file used for {@code lastServer} (null: the system's CAs only).
 */
public record Settings(String language, Theme theme, List<ServerProfile> profiles, String lastServer, String lastUser,
                       String lastCaFile) {
    public Settings {
        language = language == null || language.isBlank() ? "en" : language;
        theme = theme == null ? Theme.LIGHT : theme;
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        lastCaFile = lastCaFile == null || lastCaFile.isBlank() ? null : lastCaFile;
    }

    public Settings(String language, Theme theme, List<ServerProfile> profiles, String lastServer, String lastUser) {
        this(language, theme, profiles, lastServer, lastUser, null);
    }

    public static Settings defaults() {
        return new Settings("en", Theme.LIGHT, List.of(), null, null, null);
    }

    public Settings withLanguage(String tag) {
        return new Settings(tag, theme, profiles, lastServer, lastUser, lastCaFile);
    }

    public Settings withTheme(Theme t) {
        return new Settings(language, t, profiles, lastServer, lastUser, lastCaFile);
    }

    public Settings withLastLogin(String server, String user) {
        return new Settings(language, theme, profiles, server, user, lastCaFile);
    }

    public Settings withLastCaFile(String caFile) {
        return new Settings(language, theme, profiles, lastServer, lastUser, caFile);
    }

    public Settings withProfile(ServerProfile p) {
        List<ServerProfile> list = new ArrayList<>(profiles);
        list.removeIf(existing -> existing.url().equals(p.url()));
        list.add(p);
        return new Settings(language, theme, list, lastServer, lastUser, lastCaFile);
    }

    public Settings withoutProfile(String url) {
        List<ServerProfile> list = new ArrayList<>(profiles);
        list.removeIf(existing -> existing.url().equals(url));
        return new Settings(language, theme, list, lastServer, lastUser, lastCaFile);
    }
}
