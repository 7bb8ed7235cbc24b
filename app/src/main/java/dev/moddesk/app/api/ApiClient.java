package dev.moddesk.app.api;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport every feature client ({@link SessionApi}, {@link StaffApi}, {@link AuditApi}, {@link ReviewApi})
 * sends its requests through: OkHttp, the console's JSON, the bearer token, problem+json mapped to a typed
 * {@link ApiException}, cancellation (cancel the future and the call is cancelled). It knows no route. Every call runs
 * on OkHttp's threads and returns a {@link CompletableFuture}; failures complete it with an {@link ApiException}. The session token lives only in this object's memory and is
 * never written to a log: only method, path and status are logged.
 */
public final class ApiClient {
    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
    private static final MediaType JSON = MediaType.get("application/json");

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final AtomicReference<String> token = new AtomicReference<>();
    private volatile Runnable onSessionEnded = () -> { };

    public ApiClient(HttpUrl baseUrl, OkHttpClient http, ObjectMapper mapper) {
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.http = Objects.requireNonNull(http, "http");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** An HTTP client with the console's timeouts; share one per application (it owns a connection pool). */
    public static OkHttpClient defaultHttpClient() {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(15))
                .writeTimeout(Duration.ofSeconds(15))
                .callTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Sends {@code Accept-Language} with the language {@code tag} gives at the time of each request (e.g. "zh-CN"), so
     * the server writes the problem details a moderator may read in the console's language.
     */
    public static Interceptor acceptLanguage(Supplier<String> tag) {
        return chain -> {
            String language = tag.get();
            Request request = chain.request();
            return chain.proceed(language == null || request.header("Accept-Language") != null ? request
                    : request.newBuilder().header("Accept-Language", language).build());
        };
    }

    /** Parses a server address such as {@code http://127.0.0.1:7470}; a bare host gets {@code https://}. */
    public static HttpUrl parseServerUrl(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw ApiException.of(ApiException.Kind.INVALID_URL, "Enter the server address", null);
        }
        if (!s.contains("://")) {
            s = "https://" + s;
        }
        HttpUrl url = HttpUrl.parse(s);
        if (url == null) {
            throw ApiException.of(ApiException.Kind.INVALID_URL, "Not a server address: " + text, null);
        }
        return url;
    }

    public HttpUrl baseUrl() {
        return baseUrl;
    }

    public boolean signedIn() {
        return token.get() != null;
    }

    /** Uses a session token ({@link SessionApi#login} sets it, a test may hand one over); null forgets it. */
    public void useToken(String bearer) {
        token.set(bearer);
    }

    /**
     * Called (on an OkHttp thread) when the server answers 401 to a signed-in request: the session expired or was
     * ended, for example because an admin disabled the account.
     */
    public void onSessionEnded(Runnable listener) {
        this.onSessionEnded = listener == null ? () -> { } : listener;
    }

    /** Opens a WebSocket to {@code path} (http→ws) with this session's bearer token. */
    public WebSocket openWebSocket(String path, WebSocketListener listener) {
        HttpUrl url = baseUrl.resolve(path);
        if (url == null) {
            throw new IllegalArgumentException("bad path " + path);
        }
        return http.newWebSocket(authorized(new Request.Builder().url(url)).build(), listener);
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    private Request.Builder authorized(Request.Builder b) {
        String t = token.get();
        if (t != null) {
            b.header("Authorization", "Bearer " + t);
        }
        return b.header("Accept", "application/json, application/problem+json");
    }

    private RequestBody body(Object payload) {
        try {
            return RequestBody.create(mapper.writeValueAsBytes(payload), JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    /** A decoded answer with its headers (feature clients read ETag there). */
    public record Reply<T>(int status, T body, okhttp3.Headers headers) {
    }

    /**
     * For feature clients such as {@code ReviewApi}: sends {@code request} (built on {@link #request(HttpUrl)}, so it
     * carries this session's token) and decodes the answer as {@code answer} (null: ignore the body). Fails like
     * every other call, with an {@link ApiException}.
     */
    public <T> CompletableFuture<Reply<T>> exchange(Request request, JavaType answer) {
        return exchange(request, answer, false);
    }

    /**
     * Like {@link #exchange(Request, JavaType)}, but with {@code bodyOnAnyStatus} a non-problem body is decoded whatever
     * the status: {@code /health} answers 503 with a Health body when the database is down.
     */
    public <T> CompletableFuture<Reply<T>> exchange(Request request, JavaType answer, boolean bodyOnAnyStatus) {
        CompletableFuture<Reply<T>> result = new CompletableFuture<>();
        String what = request.method() + " " + request.url().encodedPath();
        Call call = callFor(request, result);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                LOG.debug("{} failed: {}", what, e.toString());
                result.completeExceptionally(transportError(e, c.isCanceled(), c.request().url().host()));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    LOG.debug("{} -> {}", what, response.code());
                    ResponseBody body = response.body();
                    byte[] bytes = body.bytes();
                    boolean problemBody = isProblem(response);
                    if (response.isSuccessful() || (bodyOnAnyStatus && !problemBody && bytes.length > 0)) {
                        T value = answer == null || bytes.length == 0 ? null : mapper.readValue(bytes, answer);
                        result.complete(new Reply<>(response.code(), value, response.headers()));
                    } else {
                        ApiException error = problemError(response, bytes);
                        boolean hadToken = request.header("Authorization") != null;
                        if (hadToken && response.code() == 401 && !error.is(ProblemType.BAD_CREDENTIALS)) {
                            token.set(null);
                            onSessionEnded.run();
                        }
                        result.completeExceptionally(error);
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: unreadable answer: {}", what, e.toString());
                    result.completeExceptionally(ApiException.of(ApiException.Kind.BAD_RESPONSE,
                            "The server sent an answer this console cannot read", e));
                }
            }
        });
        return result;
    }

    /**
     * Downloads {@code url} (a media file) into memory, refusing bodies over {@code maxBytes}; never on the caller's
     * thread. Errors are {@link ApiException}s like every other call.
     */
    public CompletableFuture<byte[]> download(HttpUrl url, long maxBytes) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Call call = callFor(new Request.Builder().url(url).get().build(), result);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(transportError(e, c.isCanceled(), c.request().url().host()));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    ResponseBody body = response.body();
                    if (!response.isSuccessful()) {
                        result.completeExceptionally(problemError(response, body.bytes()));
                        return;
                    }
                    long length = body.contentLength();
                    if (length > maxBytes) {
                        result.completeExceptionally(ApiException.of(ApiException.Kind.BAD_RESPONSE,
                                "The file is larger than " + maxBytes + " bytes", null));
                        return;
                    }
                    okio.BufferedSource source = body.source();
                    if (source.request(maxBytes + 1)) {
                        result.completeExceptionally(ApiException.of(ApiException.Kind.BAD_RESPONSE,
                                "The file is larger than " + maxBytes + " bytes", null));
                        return;
                    }
                    result.complete(source.readByteArray());
                } catch (IOException e) {
                    result.completeExceptionally(transportError(e, c.isCanceled(), c.request().url().host()));
                } catch (RuntimeException e) {
                    result.completeExceptionally(ApiException.of(ApiException.Kind.BAD_RESPONSE,
                            "The server sent a file this console cannot read", e));
                }
            }
        });
        return result;
    }

    /** A request builder for {@code url} with this session's authorization and Accept headers. */
    public Request.Builder request(HttpUrl url) {
        return authorized(new Request.Builder().url(url));
    }

    /** {@code path} (segments such as {@code api/v1/staff}) below the server's address, to add query parameters to. */
    public HttpUrl.Builder url(String path) {
        return baseUrl.newBuilder().addPathSegments(path);
    }

    /** How to decode an answer of {@code raw} type. */
    public JavaType type(Class<?> raw) {
        return mapper.constructType(raw);
    }

    /** How to decode a JSON array of {@code element}. */
    public JavaType listOf(Class<?> element) {
        return mapper.getTypeFactory().constructCollectionType(List.class, element);
    }

    /** How to decode a generic answer such as {@code Page<AuditEntry>}. */
    public JavaType parametric(Class<?> raw, Class<?>... parameters) {
        return mapper.getTypeFactory().constructParametricType(raw, parameters);
    }

    /** A JSON request body in the console's JSON dialect. */
    public RequestBody json(Object payload) {
        return body(payload);
    }

    /** A call for {@code request} that is cancelled when {@code result} is (a view closed, the user moved on). */
    private Call callFor(Request request, CompletableFuture<?> result) {
        Call call = http.newCall(request);
        result.whenComplete((ignored, error) -> {
            if (result.isCancelled()) {
                call.cancel();
            }
        });
        return call;
    }

    private static boolean isProblem(Response response) {
        String ct = response.header("Content-Type");
        return ct != null && ct.toLowerCase().startsWith(Problem.MEDIA_TYPE);
    }

    private ApiException problemError(Response response, byte[] bytes) {
        Problem problem = null;
        if (bytes.length > 0) {
            try {
                problem = readProblem(mapper.readTree(bytes), response.code());
            } catch (IOException | RuntimeException e) {
                LOG.debug("error body is not a problem document: {}", e.toString());
            }
        }
        if (problem == null) {
            String reason = response.message().isBlank() ? "HTTP " + response.code() : response.message();
            problem = new Problem("about:blank", reason, response.code(), null, null, List.of(), Map.of());
        }
        return ApiException.problem(problem, retryAfter(response, problem));
    }

    static Problem readProblem(JsonNode node, int status) {
        if (node == null || !node.isObject() || !node.hasNonNull("type")) {
            return null;
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode errorsNode = node.get("errors");
        if (errorsNode != null && errorsNode.isArray()) {
            for (JsonNode e : errorsNode) {
                if (e.hasNonNull("field") && e.hasNonNull("message")) {
                    errors.add(new FieldError(e.get("field").asText(), e.get("message").asText()));
                }
            }
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            switch (f.getKey()) {
                case "type", "title", "status", "detail", "instance", "errors" -> { }
                default -> {
                    JsonNode v = f.getValue();
                    if (!v.isNull()) {
                        extensions.put(f.getKey(), v.isNumber() ? v.numberValue() : v.isTextual() ? v.asText() : v.toString());
                    }
                }
            }
        }
        return new Problem(node.get("type").asText(), text(node, "title"), node.path("status").asInt(status),
                text(node, "detail"), text(node, "instance"), errors, extensions);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long retryAfter(Response response, Problem problem) {
        String header = response.header("Retry-After");
        if (header != null) {
            try {
                return Math.max(0, Long.parseLong(header.strip()));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Math.max(0, Duration.between(Instant.now(), at).toSeconds());
                } catch (RuntimeException notDate) {
                    LOG.debug("unreadable Retry-After {}", header);
                }
            }
        }
        Object ext = problem.extensions().get("retryAfterSeconds");
        if (ext instanceof Number n) {
            return n.longValue();
        }
        return null;
    }

    static ApiException transportError(IOException e, boolean cancelled) {
        return transportError(e, cancelled, "");
    }

    /** What went wrong below HTTP, as a kind; the English message is for the log only. */
    static ApiException transportError(IOException e, boolean cancelled, String host) {
        if (cancelled) {
            return ApiException.of(ApiException.Kind.CANCELLED, "The request was cancelled", e);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                ApiException.TlsProblem problem = tlsProblem(e);
                return ApiException.tls(problem, problem == ApiException.TlsProblem.WRONG_HOST ? host
                        : String.valueOf(t.getMessage()), e);
            }
            if (t instanceof SocketTimeoutException) {
                return ApiException.of(ApiException.Kind.TIMEOUT, "The server did not answer in time", e);
            }
            if (t instanceof UnknownHostException || t instanceof ConnectException) {
                return ApiException.of(ApiException.Kind.UNREACHABLE, "Cannot reach the server: " + t.getMessage(), e);
            }
        }
        if (e instanceof InterruptedIOException) {
            return ApiException.of(ApiException.Kind.TIMEOUT, "The server did not answer in time", e);
        }
        return ApiException.of(ApiException.Kind.UNREACHABLE, "Cannot reach the server: " + e.getMessage(), e);
    }

    /**
     * Why a handshake failed, from the exception chain: OkHttp's host name check ({@code SSLPeerUnverifiedException}
     * "Hostname … not verified"), an expired or not yet valid certificate, or a chain to no trusted CA (PKIX).
     */
    static ApiException.TlsProblem tlsProblem(Throwable error) {
        boolean untrusted = false;
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof javax.net.ssl.SSLPeerUnverifiedException && message.startsWith("Hostname ")
                    || t instanceof java.security.cert.CertificateException
                    && (message.startsWith("No subject alternative") || message.startsWith("No name matching"))) {
                return ApiException.TlsProblem.WRONG_HOST;
            }
            if (t instanceof java.security.cert.CertificateExpiredException
                    || t instanceof java.security.cert.CertificateNotYetValidException
                    || t instanceof java.security.cert.CertPathValidatorException v
                    && (v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.EXPIRED
                    || v.getReason() == java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                return ApiException.TlsProblem.EXPIRED;
            }
            if (t instanceof java.security.cert.CertPathBuilderException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
                untrusted = true;
            }
        }
        return untrusted ? ApiException.TlsProblem.UNTRUSTED : ApiException.TlsProblem.OTHER;
    }
}
