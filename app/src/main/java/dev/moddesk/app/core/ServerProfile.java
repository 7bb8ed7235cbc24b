package dev.moddesk.app.core;

import java.nio.file.Path;

/**
 * A remembered server: a name to pick it by, its address and, for a server whose certificate an organization's own
 * CA signed, that CA's certificate file (PEM or DER), trusted for this server in addition to the system's CAs. Never a
 * password or token.
 */
public record ServerProfile(String name, String url, String caFile) {
    public ServerProfile {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        url = url.strip();
        name = name == null || name.isBlank() ? url : name.strip();
        caFile = caFile == null || caFile.isBlank() ? null : caFile.strip();
    }

    public ServerProfile(String name, String url) {
        this(name, url, null);
    }

    /** The private CA file, or null when the system's CAs are enough. */
    public Path caPath() {
        return caFile == null ? null : Path.of(caFile);
    }

    @Override
    public String toString() {
        return name.equals(url) ? url : name + " — " + url;
    }
}
