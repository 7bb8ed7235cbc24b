package dev.moddesk.app.core;

/** What the status bar shows about the link to the server. */
public enum ConnectionState {
    CONNECTED,
    RECONNECTING,
    OFFLINE
}
