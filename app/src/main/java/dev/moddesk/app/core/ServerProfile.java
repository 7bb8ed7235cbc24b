package dev.moddesk.app.core;

/** A remembered server: a name to pick it by and its address. Never a password or token. */
public record ServerProfile(String name, String url) {
    public ServerProfile {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        url = url.strip();
        name = name == null || name.isBlank() ? url : name.strip();
    }

    @Override
    public String toString() {
        return name.equals(url) ? url : name + " — " + url;
    }
}
