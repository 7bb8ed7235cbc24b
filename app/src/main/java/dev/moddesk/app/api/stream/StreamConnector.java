package dev.moddesk.app.api.stream;

import dev.moddesk.app.api.ApiClient;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** Opens one WebSocket for the stream client (OkHttp connects asynchronously and reports to the listener). */
@FunctionalInterface
public interface StreamConnector {
    WebSocket open(WebSocketListener listener);

    /** The session's stream: {@code path} on the server with the session's bearer token. */
    static StreamConnector of(ApiClient api, String path) {
        return listener -> api.openWebSocket(path, listener);
    }
}
