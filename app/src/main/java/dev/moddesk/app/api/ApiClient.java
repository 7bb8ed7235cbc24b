package dev.moddesk.app.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.CreateStaffRequest;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Health;
import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.Me;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.ResetPasswordRequest;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.contract.SessionToken;
import dev.moddesk.contract.StaffMember;
import dev.moddesk.contract.UpdateStaffRequest;
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
 * The admin API as the console uses it. Every call runs on OkHttp's threads and returns a {@link CompletableFuture};
 * failures complete it with an {@link ApiException}. The session token lives only in this object's memory and is
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

    /** Uses an existing session token (for example one handed over by a test); null forgets it. */
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

    public CompletableFuture<ServerInfo> info() {
        return send(get("/api/v1/info"), ServerInfo.class);
    }

    /** Fetches {@link #info()} and fails with {@link ApiException.Kind#INCOMPATIBLE} on another API version. */
    public CompletableFuture<ServerInfo> checkCompatible() {
        return info().exceptionallyCompose(error -> {
            boolean noInfoRoute = ApiException.find(error)
                    .flatMap(ApiException::problem).map(p -> p.status() == 404).orElse(false);
            return CompletableFuture.failedFuture(noInfoRoute
                    ? ApiException.of(ApiException.Kind.INCOMPATIBLE,
                            "This server does not offer ModDesk API version " + ServerInfo.API_VERSION + " (no /api/v1/info)", error)
                    : error);
        }).thenApply(info -> {
            if (info.apiVersion() != ServerInfo.API_VERSION) {
                throw ApiException.of(ApiException.Kind.INCOMPATIBLE, "Incompatible server version: the server speaks API "
                        + info.apiVersion() + ", this console speaks " + ServerInfo.API_VERSION, null);
            }
            return info;
        });
    }

    public CompletableFuture<SessionToken> login(String username, String password) {
        return send(post("/api/v1/session", new LoginRequest(username, password)), SessionToken.class)
                .thenApply(session -> {
                    token.set(session.token());
                    return session;
                });
    }

    public CompletableFuture<Void> logout() {
        if (token.get() == null) {
            return CompletableFuture.completedFuture(null);
        }
        return send(builder("/api/v1/session").delete().build(), (JavaType) null)
                .handle((ignored, error) -> {
                    token.set(null);
                    if (error != null) {
                        LOG.info("Sign-out request failed; the session is forgotten locally anyway: {}", error.getMessage());
                    }
                    return null;
                });
    }

    public CompletableFuture<Me> me() {
        return send(get("/api/v1/me"), Me.class);
    }

    public CompletableFuture<HealthProbe> health() {
        long start = System.nanoTime();
        return send(get("/health"), Health.class, true)
                .thenApply(h -> new HealthProbe(h, Math.max(0, (System.nanoTime() - start) / 1_000_000)));
    }

    public CompletableFuture<List<StaffMember>> staff() {
        return send(get("/api/v1/staff"), mapper.getTypeFactory().constructCollectionType(List.class, StaffMember.class));
    }

    public CompletableFuture<StaffMember> createStaff(CreateStaffRequest request) {
        return send(post("/api/v1/staff", request), StaffMember.class);
    }

    public CompletableFuture<StaffMember> updateStaff(long id, UpdateStaffRequest request) {
        return send(builder("/api/v1/staff/" + id).patch(body(request)).build(), StaffMember.class);
    }

    public CompletableFuture<StaffMember> disableStaff(long id) {
        return send(post("/api/v1/staff/" + id + "/disable", Map.of()), StaffMember.class);
    }

    public CompletableFuture<StaffMember> enableStaff(long id) {
        return send(post("/api/v1/staff/" + id + "/enable", Map.of()), StaffMember.class);
    }

    public CompletableFuture<Void> resetPassword(long id, String newPassword) {
        return send(post("/api/v1/staff/" + id + "/password", new ResetPasswordRequest(newPassword)), (JavaType) null);
    }

    public CompletableFuture<Page<AuditEntry>> audit(AuditQuery q) {
        HttpUrl.Builder url = url("/api/v1/audit").newBuilder();
        addParam(url, "actor", q.actor());
        addParam(url, "action", q.action());
        addParam(url, "targetType", q.targetType());
        addParam(url, "targetId", q.targetId());
        addParam(url, "from", q.from() == null ? null : q.from().toString());
        addParam(url, "to", q.to() == null ? null : q.to().toString());
        addParam(url, "cursor", q.cursor());
        url.addQueryParameter("limit", Integer.toString(q.limit()));
        return send(authorized(new Request.Builder().url(url.build())).get().build(),
                mapper.getTypeFactory().constructParametricType(Page.class, AuditEntry.class));
    }

    public CompletableFuture<List<String>> auditActions() {
        return send(get("/api/v1/audit/actions"), mapper.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /**
     * Any other route, for feature clients built on this one (review, rooms, creators): {@code path} may carry a
     * query; {@code body} is sent as JSON when not null; {@code headers} such as {@code Idempotency-Key} or
     * {@code If-Match} are added; a null {@code answer} ignores the response body.
     */
    public <T> CompletableFuture<T> call(String method, String path, Object body, Map<String, String> headers,
                                         TypeReference<T> answer) {
        HttpUrl url = baseUrl.resolve(path);
        if (url == null) {
            throw new IllegalArgumentException("bad path " + path);
        }
        Request.Builder b = authorized(new Request.Builder().url(url));
        headers.forEach(b::header);
        RequestBody requestBody = body == null
                ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create(new byte[0], JSON))
                : body(body);
        b.method(method, requestBody);
        return send(b.build(), answer == null ? null : mapper.getTypeFactory().constructType(answer));
    }

    public <T> CompletableFuture<T> get(String path, TypeReference<T> answer) {
        return call("GET", path, null, Map.of(), answer);
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

    private static void addParam(HttpUrl.Builder url, String name, String value) {
        if (value != null) {
            url.addQueryParameter(name, value);
        }
    }


    private HttpUrl url(String path) {
        HttpUrl resolved = baseUrl.resolve(path);
        if (resolved == null) {
            throw new IllegalArgumentException("bad path " + path);
        }
        return resolved;
    }

    private Request.Builder authorized(Request.Builder b) {
        String t = token.get();
        if (t != null) {
            b.header("Authorization", "Bearer " + t);
        }
        return b.header("Accept", "application/json, application/problem+json");
    }

    private Request.Builder builder(String path) {
        return authorized(new Request.Builder().url(url(path)));
    }

    private Request get(String path) {
        return builder(path).get().build();
    }

    private Request post(String path, Object payload) {
        return builder(path).post(body(payload)).build();
    }

    private RequestBody body(Object payload) {
        try {
            return RequestBody.create(mapper.writeValueAsBytes(payload), JSON);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode " + payload.getClass().getSimpleName(), e);
        }
    }

    private <T> CompletableFuture<T> send(Request request, JavaType answer) {
        return send(request, answer, false);
    }

    private <T> CompletableFuture<T> send(Request request, Class<T> answer) {
        return send(request, mapper.constructType(answer), false);
    }

    private <T> CompletableFuture<T> send(Request request, Class<T> answer, boolean acceptAnyStatusBody) {
        return send(request, mapper.constructType(answer), acceptAnyStatusBody);
    }

    /** {@code acceptAnyStatusBody}: /health answers 503 with a Health body when the database is down. */
    private <T> CompletableFuture<T> send(Request request, JavaType answer, boolean acceptAnyStatusBody) {
        return this.<T>exchange(request, answer, acceptAnyStatusBody).thenApply(Reply::body);
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
     * Downloads {@code url} (a media file) into memory, refusing bodies over {@code maxBytes}; never on the caller's
     * thread. Errors are {@link ApiException}s like every other call.
     */
    public CompletableFuture<byte[]> download(HttpUrl url, long maxBytes) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Call call = callFor(new Request.Builder().url(url).get().build(), result);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                result.completeExceptionally(transportError(e));
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
                    result.completeExceptionally(transportError(e));
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

    private <T> CompletableFuture<Reply<T>> exchange(Request request, JavaType answer, boolean acceptAnyStatusBody) {
        CompletableFuture<Reply<T>> result = new CompletableFuture<>();
        String what = request.method() + " " + request.url().encodedPath();
        Call call = callFor(request, result);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                LOG.debug("{} failed: {}", what, e.toString());
                result.completeExceptionally(transportError(e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                try (response) {
                    LOG.debug("{} -> {}", what, response.code());
                    ResponseBody body = response.body();
                    byte[] bytes = body.bytes();
                    boolean problemBody = isProblem(response);
                    if (response.isSuccessful() || (acceptAnyStatusBody && !problemBody && bytes.length > 0)) {
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

    static ApiException transportError(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return ApiException.of(ApiException.Kind.TLS, "Secure connection failed: " + t.getMessage(), e);
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

}
