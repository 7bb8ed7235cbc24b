package dev.moddesk.server.core;

import io.javalin.websocket.WsConfig;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One declared route: everything the registry needs to enforce access, parse the body, answer errors and
 * write the OpenAPI document. Built with the fluent methods from {@link Api#get}/{@link Api#post}/…, finished by
 * {@link #handle}, after which it is immutable in practice.
 */
public final class Route {
    /** A documented query parameter. {@code type} is String, Integer, Long, Boolean or Instant. */
    public record QueryParam(String name, Class<?> type, boolean required, String description) {
    }

    private final String method;
    private final String path;
    private String summary = "";
    private String description;
    private String tag;
    private Access access;
    private Type bodyType;
    private String produces = "application/json";
    private final Map<Integer, Type> responses = new LinkedHashMap<>();
    private final Set<Integer> errors = new TreeSet<>();
    private final List<QueryParam> queryParams = new ArrayList<>();
    private final Map<String, String> requestHeaders = new LinkedHashMap<>();
    private final Map<String, Class<?>> pathTypes = new LinkedHashMap<>();
    private RouteHandler handler;
    private Consumer<WsConfig> socket;
    private boolean allowedBeforePasswordChange;
    private long rawBodyLimit;
    private List<String> rawBodyTypes = List.of();

    private final boolean websocket;

    Route(String method, String path, boolean websocket) {
        this.method = method;
        this.path = path;
        this.websocket = websocket;
        if (websocket) {
            responses.put(101, Void.class);
        }
    }

    public Route summary(String summary) {
        this.summary = summary;
        return this;
    }

    /** Declares the type of a path parameter for the OpenAPI document (Long for numeric ids); undeclared ones are strings. */
    public Route pathParam(String name, Class<?> type) {
        if (!pathParams().contains(name)) {
            throw new IllegalArgumentException(this + " has no path parameter {" + name + "}");
        }
        pathTypes.put(name, type);
        return this;
    }

    /** The declared type of a path parameter, String unless {@link #pathParam} said otherwise. */
    public Class<?> pathParamType(String name) {
        return pathTypes.getOrDefault(name, String.class);
    }

    public Route description(String description) {
        this.description = description;
        return this;
    }

    /** OpenAPI tag (defaults to the first path segment after /api/v1). */
    public Route tag(String tag) {
        this.tag = tag;
        return this;
    }

    /**
     * Staff who must change their password (an admin set it) may call this route; every other staff route answers
     * them 403 {@code password-change-required}.
     */
    public Route allowedBeforePasswordChange() {
        this.allowedBeforePasswordChange = true;
        return this;
    }

    public boolean isAllowedBeforePasswordChange() {
        return allowedBeforePasswordChange;
    }

    public Route access(Access access) {
        this.access = access;
        return this;
    }

    /** The JSON request body type; the registry requires {@code Content-Type: application/json} and parses it. */
    public Route body(Type bodyType) {
        this.bodyType = bodyType;
        return this;
    }

    /**
     * A body the handler streams itself ({@link Call#ctx()}'s input stream), of up to {@code maxBytes} and one of
     * {@code mediaTypes} (documented; the handler checks the content): uploads larger than JSON bodies may be.
     */
    public Route rawBody(long maxBytes, String... mediaTypes) {
        if (maxBytes < 1 || mediaTypes.length == 0) {
            throw new IllegalArgumentException(this + ": a raw body needs a positive limit and a media type");
        }
        this.rawBodyLimit = maxBytes;
        this.rawBodyTypes = List.of(mediaTypes);
        return this;
    }

    /** The largest streamed body this route takes, or 0 when it takes none (see {@link #rawBody}). */
    public long rawBodyLimit() {
        return rawBodyLimit;
    }

    public List<String> rawBodyTypes() {
        return rawBodyTypes;
    }

    /** A success response; the first one declared is the status a plain handler result is sent with. */
    public Route response(int status, Type type) {
        responses.put(status, type);
        return this;
    }

    /** A success response without a body (204). */
    public Route response(int status) {
        responses.put(status, Void.class);
        return this;
    }

    /** Problem statuses the handler itself may answer (401/403/406/415/400/413/422/500 are added as they apply). */
    public Route errors(int... statuses) {
        for (int s : statuses) {
            errors.add(s);
        }
        return this;
    }

    public Route query(String name, Class<?> type, String description) {
        queryParams.add(new QueryParam(name, type, false, description));
        return this;
    }

    public Route requiredQuery(String name, Class<?> type, String description) {
        queryParams.add(new QueryParam(name, type, true, description));
        return this;
    }

    /** A documented request header the handler reads (e.g. Idempotency-Key). */
    public Route header(String name, String description) {
        requestHeaders.put(name, description);
        return this;
    }

    /** The media type of a non-JSON success body (e.g. Prometheus text). */
    public Route produces(String mediaType) {
        this.produces = mediaType;
        return this;
    }

    /** Finishes the declaration. Every route must declare its access and at least one response. */
    public void handle(RouteHandler handler) {
        if (websocket) {
            throw new IllegalStateException(this + " is a WebSocket route: finish it with socket(...)");
        }
        if (access == null) {
            throw new IllegalStateException(method + " " + path + ": declare access");
        }
        if (responses.isEmpty()) {
            throw new IllegalStateException(method + " " + path + ": declare a response");
        }
        this.handler = handler;
    }

    /**
     * Finishes a WebSocket route ({@link Api#websocket}): {@code socket} sets the connection's handlers (Javalin's
     * {@link WsConfig}); they run only after the registry has authenticated and authorised the upgrade, and
     * {@link Api#principal(io.javalin.websocket.WsContext)} tells who is connected.
     */
    public void socket(Consumer<WsConfig> socket) {
        if (!websocket) {
            throw new IllegalStateException(this + " was not declared with Api.websocket");
        }
        if (access == null) {
            throw new IllegalStateException(method + " " + path + ": declare access");
        }
        this.socket = socket;
    }

    /** Whether this route upgrades to a WebSocket (documented as a GET answering 101, {@code x-websocket: true}). */
    public boolean isWebSocket() {
        return websocket;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String summary() {
        return summary;
    }

    public String description() {
        return description;
    }

    public String tag() {
        if (tag != null) {
            return tag;
        }
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length()) : path.substring(1);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    public Access access() {
        return access;
    }

    public Type bodyType() {
        return bodyType;
    }

    public String produces() {
        return produces;
    }

    public Map<Integer, Type> responses() {
        return Map.copyOf(responses);
    }

    public int successStatus() {
        return responses.keySet().iterator().next();
    }

    /** Every problem status this route can answer, including the ones the registry adds. */
    public Set<Integer> errorStatuses() {
        Set<Integer> all = new TreeSet<>(errors);
        if (access.kind() != Access.Kind.PUBLIC) {
            all.add(401);
        }
        if (access.kind() == Access.Kind.STAFF) {
            all.add(403);
        }
        if (bodyType != null) {
            all.addAll(List.of(400, 413, 415, 422));
        }
        if (rawBodyLimit > 0) {
            all.add(413);
        }
        if (!queryParams.isEmpty()) {
            all.add(400);
        }
        if (path.contains("{")) {
            all.add(404);
        }
        if (websocket) {
            all.add(400); // a plain GET without the upgrade
        }
        all.add(406);
        all.add(500);
        return all;
    }

    public List<QueryParam> queryParams() {
        return List.copyOf(queryParams);
    }

    public Map<String, String> requestHeaders() {
        return Map.copyOf(requestHeaders);
    }

    public List<String> pathParams() {
        List<String> names = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    RouteHandler handler() {
        return handler;
    }

    Consumer<WsConfig> socketHandler() {
        return socket;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
