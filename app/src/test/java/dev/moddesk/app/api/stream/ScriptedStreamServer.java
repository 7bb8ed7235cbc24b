package dev.moddesk.app.api.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A real WebSocket server (MockWebServer over loopback) whose side of the stream the test scripts. Every request is
 * upgraded unless {@link #refuseNext} says otherwise; what the console sends is recorded in order.
 */
final class ScriptedStreamServer implements AutoCloseable {
    static final String PATH = "/api/v1/stream";

    /** The server's side of one connection. */
    interface Script {
        default void opened(WebSocket socket) {
        }

        default void received(WebSocket socket, JsonNode message) {
        }
    }

    private final ObjectMapper mapper = Json.mapper();
    private final MockWebServer http = new MockWebServer();
    private final OkHttpClient client = ApiClient.defaultHttpClient();
    private final BlockingQueue<JsonNode> fromConsole = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    private final AtomicInteger refusals = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Script script = new Script() { };

    ScriptedStreamServer() {
        http.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new MockResponse.Builder().code(503).build();
                }
                // Counted here, before the answer goes out, so the count is right by the time the console is open.
                connections.incrementAndGet();
                return new MockResponse.Builder().webSocketUpgrade(new ServerSide()).build();
            }
        });
        try {
            http.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void script(Script next) {
        script = next;
    }

    /** The next {@code n} connection attempts get a 503 instead of an upgrade. */
    void refuseNext(int n) {
        refusals.set(n);
    }

    /** A connector through the console's real {@link ApiClient}, as the console will open it. */
    StreamConnector connector() {
        ApiClient api = new ApiClient(http.url("/"), client, mapper);
        return StreamConnector.of(api, PATH);
    }

    /** The next message the console sent, waiting for it at most 10 s. */
    JsonNode nextFromConsole() throws InterruptedException {
        JsonNode message = fromConsole.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the console sent nothing");
        }
        return message;
    }

    /** Waits (at most 10 s) until the server has seen a connection end; returns how it ended. */
    String awaitConnectionEnd() throws InterruptedException {
        String how = ended.poll(10, TimeUnit.SECONDS);
        if (how == null) {
            throw new AssertionError("no connection ended");
        }
        return how;
    }

    /** Connections upgraded so far. */
    int connections() {
        return connections.get();
    }

    String frame(String type, String room, long seq, String payloadJson) {
        return "{\"type\":\"" + type + "\"" + (room == null ? "" : ",\"room\":\"" + room + "\"")
                + (seq > 0 ? ",\"seq\":" + seq : "") + (payloadJson == null ? "" : ",\"payload\":" + payloadJson) + "}";
    }

    @Override
    public void close() {
        http.close();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private final class ServerSide extends WebSocketListener {
        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            script.opened(webSocket);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode message;
            try {
                message = mapper.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            fromConsole.add(message);
            script.received(webSocket, message);
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            webSocket.close(1000, null);
        }

        @Override
        public void onClosed(WebSocket webSocket, int code, String reason) {
            ended.add("closed " + code);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            ended.add("failed " + t.getClass().getSimpleName());
        }
    }
}
