package dev.moddesk.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The small HTTP seam under {@link ReviewApi}: JSON in and out, bearer token, problem+json mapped to
 * {@link ApiProblemException}. Kept apart so the review API can move onto the console core's ApiClient by replacing
 * this one class.
 */
public final class ReviewHttp {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "errors");

    /** A decoded answer: the body (null for 204) and the headers (ETag lives there). */
    public record Reply<T>(int status, T body, Headers headers) {
    }

    private final OkHttpClient client;
    private final HttpUrl baseUrl;
    private final Supplier<String> bearerToken;
    private final ObjectMapper json;

    public ReviewHttp(OkHttpClient client, HttpUrl baseUrl, Supplier<String> bearerToken) {
        this.client = client;
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
        this.json = defaultMapper();
    }

    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public ObjectMapper json() {
        return json;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    /** {@code path} is relative to the base URL, e.g. {@code api/v1/review/queue}. */
    public HttpUrl.Builder url(String path) {
        return baseUrl.newBuilder().addPathSegments(path);
    }

    public RequestBody body(Object value) {
        try {
            return RequestBody.create(json.writeValueAsBytes(value), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value, e);
        }
    }

    public Request.Builder request(HttpUrl url) {
        Request.Builder builder = new Request.Builder().url(url).header("Accept", "application/json");
        String token = bearerToken.get();
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends the request; the future fails with {@link IOException} (network) or {@link ApiProblemException}. */
    public <T> CompletableFuture<Reply<T>> send(Request request, JavaType type) {
        CompletableFuture<Reply<T>> result = new CompletableFuture<>();
        Call call = client.newCall(request);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call done, Response response) {
                try (response) {
                    result.complete(decode(response, type));
                } catch (IOException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                call.cancel();
            }
        });
        return result;
    }

    public JavaType type(Class<?> raw) {
        return json.constructType(raw);
    }

    public JavaType listOf(Class<?> element) {
        return json.getTypeFactory().constructCollectionType(List.class, element);
    }

    public JavaType parametric(Class<?> raw, Class<?>... params) {
        return json.getTypeFactory().constructParametricType(raw, params);
    }

    private <T> Reply<T> decode(Response response, JavaType type) throws IOException {
        ResponseBody body = response.body();
        byte[] bytes = body == null ? new byte[0] : body.bytes();
        int code = response.code();
        if (code >= 200 && code < 300) {
            if (type != null && code != 204 && bytes.length == 0) {
                // A body was due and none came: a cut connection, not an answer.
                throw new IOException("empty " + code + " answer from " + response.request().url());
            }
            T value = (code == 204 || type == null) ? null : json.readValue(bytes, type);
            return new Reply<>(code, value, response.headers());
        }
        throw new ApiProblemException(code, problemFrom(code, bytes));
    }

    Problem problemFrom(int code, byte[] bytes) {
        try {
            JsonNode node = json.readTree(bytes);
            if (node != null && node.isObject() && node.hasNonNull("type")) {
                Map<String, Object> extensions = new LinkedHashMap<>();
                node.properties().forEach(e -> {
                    if (!PROBLEM_MEMBERS.contains(e.getKey()) && !e.getValue().isNull()) {
                        extensions.put(e.getKey(), e.getValue().isValueNode()
                                ? e.getValue().asText() : json.convertValue(e.getValue(), Object.class));
                    }
                });
                List<FieldError> errors = new ArrayList<>();
                if (node.has("errors") && node.get("errors").isArray()) {
                    node.get("errors").forEach(e -> errors.add(json.convertValue(e, FieldError.class)));
                }
                return new Problem(node.get("type").asText(), text(node, "title"), node.path("status").asInt(code),
                        text(node, "detail"), text(node, "instance"), errors, extensions);
            }
        } catch (IOException | IllegalArgumentException e) {
            // Not problem+json (a proxy's HTML page, say): fall through to a generic problem for this status.
        }
        return new Problem("about:blank", "HTTP " + code, code, null, null, List.of(), Map.of());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
