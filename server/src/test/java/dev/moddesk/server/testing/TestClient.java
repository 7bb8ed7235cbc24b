package dev.moddesk.server.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.Problem;
import dev.moddesk.server.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small HTTP client for server tests (java.net.http), optionally carrying a bearer token. */
public final class TestClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final String baseUrl;
    private final String token;

    public TestClient(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same client sending {@code Authorization: Bearer token}. */
    public TestClient withToken(String token) {
        return new TestClient(baseUrl, token);
    }

    /** The bearer token this client sends, or null. */
    public String token() {
        return token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Response get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, "application/json", json(body), Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, "application/json", json(body), Map.of());
    }

    public Response put(String path, Object body) {
        return send("PUT", path, "application/json", json(body), Map.of());
    }

    /** Sends exactly what it is given (raw body, any content type, extra headers). */
    public Response send(String method, String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (body != null && body.length > 64 * 1024) {
            // As well-behaved clients do for large uploads: the server may refuse (413) before the body is sent,
            // instead of closing the connection under a client that is still writing (a broken pipe, not an answer).
            request.expectContinue(true);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> first = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> first.put(k.toLowerCase(), v.getFirst()));
            return new Response(response.statusCode(), first, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static byte[] json(Object body) {
        if (body instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A received response; header names are lower-case. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String contentType() {
            String type = header("content-type");
            return type == null ? null : type.split(";")[0].trim();
        }

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        public <T> T as(Class<T> type) {
            try {
                return Json.mapper().readValue(body, type);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a " + type.getSimpleName() + " (" + status + "): " + body, e);
            }
        }

        public <T> T as(TypeReference<T> type) {
            try {
                return Json.mapper().readValue(body, type);
            } catch (JsonProcessingException e) {
                throw new AssertionError("unexpected body (" + status + "): " + body, e);
            }
        }

        /** The body as a problem, asserting the problem media type. */
        public Problem problem() {
            if (!Problem.MEDIA_TYPE.equals(contentType())) {
                throw new AssertionError("expected " + Problem.MEDIA_TYPE + " but got " + contentType() + " ("
                        + status + "): " + body);
            }
            return as(Problem.class);
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }
}
