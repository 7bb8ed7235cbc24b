package dev.moddesk.app.rooms;

import java.util.Objects;

/** The author of chat lines, shared by all their lines in one monitor (interned by {@link ChatLines}). */
public record ChatUser(String id, String name) {
    public ChatUser {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }
}
