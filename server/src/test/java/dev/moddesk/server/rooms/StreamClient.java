package dev.moddesk.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.server.core.Json;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** A bare test console on the room stream (OkHttp): what it receives, in order, as JSON. */
final class StreamClient implements AutoCloseable {
    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(0, TimeUnit.SECONDS).build();

    final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private StreamClient(String baseUrl, String token, CompletableFuture<Response> opened) {
        Request request = new Request.Builder().url(baseUrl.replaceFirst("^http", "ws") + RoomStream.PATH)
                .header("Authorization", "Bearer " + token).build();
        this.socket = HTTP.newWebSocket(request, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened.complete(response);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    frames.add(Json.mapper().readTree(text));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                closed.complete(code);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                opened.complete(response);
                closed.complete(response == null ? -1 : response.code());
            }
        });
    }

    /** Connects; the handshake's answer (101, or the refusal). */
    static StreamClient connect(String baseUrl, String token) throws Exception {
        CompletableFuture<Response> opened = new CompletableFuture<>();
        StreamClient client = new StreamClient(baseUrl, token, opened);
        Response response = opened.get(10, TimeUnit.SECONDS);
        assertThat(response).isNotNull();
        client.handshake = response.code();
        return client;
    }

    int handshake;

    void send(String type, Map<String, Object> members) {
        ObjectNode message = Json.mapper().createObjectNode().put("type", type);
        members.forEach((k, v) -> message.set(k, Json.mapper().valueToTree(v)));
        socket.send(message.toString());
    }

    void resume(String room, long lastSeq) {
        send(RoomStream.RESUME, Map.of("rooms", Map.of(room, lastSeq)));
    }

    /** The next frame, failing the test when none comes within 20 s. */
    JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(20, TimeUnit.SECONDS);
        assertThat(frame).as("a frame within 20 s").isNotNull();
        return frame;
    }

    /** The next frame of {@code type}, skipping others (summaries, heartbeats). */
    JsonNode next(String type) throws InterruptedException {
        while (true) {
            JsonNode frame = next();
            if (frame.path("type").asText().equals(type)) {
                return frame;
            }
        }
    }

    /** Cuts the link without a closing handshake, as a network failure does. */
    void cut() {
        socket.cancel();
    }

    @Override
    public void close() {
        socket.close(1000, "test done");
    }
}
