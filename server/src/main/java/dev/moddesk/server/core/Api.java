package dev.moddesk.server.core;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import io.javalin.config.JavalinConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.websocket.WsContext;
import io.javalin.websocket.WsHandlerType;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one route registry. Every route is declared here, for example
 * <pre>{@code
 * api.post("/api/v1/staff").summary("Create a staff account")
 *     .access(Access.role(Role.ADMIN))
 *     .body(CreateStaffRequest.class)
 *     .response(201, StaffMember.class).errors(409, 422)
 *     .handle(call -> staff.create(call.principal(), call.body()));
 * }</pre>
 * {@link #install} hands the routes to Javalin wrapped so that, in one place and in this order:
 * <ol>
 *   <li>the {@code Accept} header is honoured (406),</li>
 *   <li>the caller is authenticated by the {@link Authenticator} of the route's {@link Access.Kind} (401 with
 *       {@code WWW-Authenticate: Bearer}) and a staff caller's role must {@link Role#covers cover} the route's
 *       minimum role (403) — handlers never check roles themselves,</li>
 *   <li>a declared body needs {@code Content-Type: application/json} (415), at most {@link #MAX_BODY_BYTES}
 *       (413), valid JSON (400 malformed-json) of the right shape (422 validation with the offending fields),</li>
 *   <li>the handler's result is written with the declared status; a {@link ProblemException} becomes its problem.</li>
 * </ol>
 * Unknown routes (404), known paths with another method (405 with {@code Allow}) and unexpected exceptions (500,
 * logged with a correlation id that the problem carries, never a stack trace) are answered as
 * {@code application/problem+json} too. The route list is also the single source of the OpenAPI document.
 */
public final class Api {
    private static final Logger log = LoggerFactory.getLogger(Api.class);

    /** Largest accepted request body. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    /** Context attribute holding the {@link Principal} once authenticated. */
    public static final String PRINCIPAL_ATTRIBUTE = "moddesk.principal";

    private static final Set<String> JSON_MEDIA = Set.of("application/json", "application/problem+json");

    private final TrustedProxies trustedProxies;
    private final List<Route> routes = new ArrayList<>();
    private final Map<Access.Kind, Authenticator> authenticators = new EnumMap<>(Access.Kind.class);
    private final JsonBodies bodies = new JsonBodies();

    /** A registry that takes the peer's address as the client's. */
    public Api() {
        this(TrustedProxies.none());
    }

    /** A registry that believes {@code X-Forwarded-For} from {@code trustedProxies}. */
    public Api(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /**
     * The client's address, the one place it is decided: the peer's, or what a trusted proxy forwarded. The login
     * throttle, sessions and the audit log get it through the {@link Principal}.
     */
    public String clientAddress(Context ctx) {
        return trustedProxies.clientAddress(ctx.req().getRemoteAddr(),
                java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
    }

    public Route get(String path) {
        return add("GET", path);
    }

    public Route post(String path) {
        return add("POST", path);
    }

    public Route put(String path) {
        return add("PUT", path);
    }

    public Route patch(String path) {
        return add("PATCH", path);
    }

    public Route delete(String path) {
        return add("DELETE", path);
    }

    /**
     * A WebSocket route, declared like a REST one and finished with {@link Route#socket}: the upgrade request is
     * authenticated by the same {@link Authenticator}s and held to the same {@link Access} (401/403 answered as
     * problem+json before any upgrade), and the route is documented in the OpenAPI document as a GET answering 101
     * with {@code x-websocket: true}. The token may come as a subprotocol too (see {@link BearerToken}).
     */
    public Route websocket(String path) {
        return add("GET", path, true);
    }

    /** Who is connected to a WebSocket route (the principal its upgrade was authenticated as). */
    public static Principal principal(WsContext ctx) {
        return ctx.attribute(PRINCIPAL_ATTRIBUTE);
    }

    /** Sets how callers of {@code kind} are recognised; one authenticator per kind. */
    public void authenticator(Access.Kind kind, Authenticator authenticator) {
        if (kind == Access.Kind.PUBLIC) {
            throw new IllegalArgumentException("public routes need no authenticator");
        }
        if (authenticators.putIfAbsent(kind, authenticator) != null) {
            throw new IllegalStateException("an authenticator for " + kind + " is already registered");
        }
    }

    /** Every declared route, in declaration order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private Route add(String method, String path) {
        return add(method, path, false);
    }

    private Route add(String method, String path, boolean websocket) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        for (Route r : routes) {
            if (r.method().equals(method) && r.path().equals(path)) {
                throw new IllegalStateException("route declared twice: " + method + " " + path);
            }
        }
        Route route = new Route(method, path, websocket);
        routes.add(route);
        return route;
    }

    /** Hands every route and the error mapping to Javalin. Call once, after every feature has registered. */
    public void install(JavalinConfig config) {
        config.http.maxRequestSize = MAX_BODY_BYTES;
        for (Route route : routes) {
            if (route.isWebSocket()) {
                installSocket(config, route);
                continue;
            }
            if (route.handler() == null) {
                throw new IllegalStateException(route + " was declared without a handler");
            }
            config.routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(),
                    ctx -> serve(ctx, route));
            if (route.method().equals("GET")) {
                // HEAD runs the GET handler so its headers (Content-Type, Content-Length, Accept-Ranges) are the real
                // ones; Jetty sends no body. Media players probe with HEAD before they fetch (JavaFX Media does).
                config.routes.addHttpHandler(HandlerType.HEAD, route.path(), ctx -> serve(ctx, route));
            }
        }
        config.routes.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-store");
            String length = ctx.header("Content-Length");
            if (length != null && isOver(length, MAX_BODY_BYTES) && !streamsLargeBodies(ctx.path())) {
                throw ProblemException.keyed(ProblemType.PAYLOAD_TOO_LARGE, "core.bodyTooLarge", MAX_BODY_BYTES);
            }
        });
        config.routes.exception(ProblemException.class, (e, ctx) -> writeProblem(ctx, e));
        config.routes.exception(HttpResponseException.class, (e, ctx) -> writeProblem(ctx, fromJavalin(ctx, e)));
        config.routes.exception(Exception.class, (e, ctx) -> writeProblem(ctx, unexpected(ctx, e)));
        // Javalin answers unmatched requests itself; turn whatever it wrote into our problem.
        config.routes.error(404, ctx -> {
            if (!isProblem(ctx)) {
                writeProblem(ctx, unmatched(ctx));
            }
        });
        config.routes.error(405, ctx -> {
            if (!isProblem(ctx)) {
                writeProblem(ctx, unmatched(ctx));
            }
        });
    }

    private void installSocket(JavalinConfig config, Route route) {
        if (route.socketHandler() == null) {
            throw new IllegalStateException(route + " was declared without socket handlers");
        }
        config.routes.addHttpHandler(HandlerType.WEBSOCKET_BEFORE_UPGRADE, route.path(),
                ctx -> beforeUpgrade(ctx, route));
        config.routes.addWsHandler(WsHandlerType.WEBSOCKET, route.path(), route.socketHandler());
        // A plain GET or HEAD (no upgrade) reaches the HTTP router: answer it after the same access check.
        for (HandlerType type : List.of(HandlerType.GET, HandlerType.HEAD)) {
            config.routes.addHttpHandler(type, route.path(), ctx -> {
                authenticate(ctx, route);
                throw ProblemException.keyed(ProblemType.BAD_REQUEST, "core.websocketOnly");
            });
        }
    }

    /**
     * Authenticates an upgrade. A refusal is written here, to the servlet response, and the upgrade skipped: Javalin
     * maps an exception thrown before an upgrade but writes no body for it.
     */
    private void beforeUpgrade(Context ctx, Route route) {
        ProblemException refusal;
        try {
            ctx.attribute(PRINCIPAL_ATTRIBUTE, authenticate(ctx, route));
            return;
        } catch (ProblemException e) {
            refusal = e;
        } catch (RuntimeException e) {
            refusal = unexpected(ctx, e);
        }
        ctx.skipRemainingHandlers();
        ctx.res().setHeader("Sec-WebSocket-Protocol", null);
        try {
            writeProblemNow(ctx, refusal);
        } catch (IOException io) {
            log.debug("Could not answer a refused WebSocket upgrade", io);
        }
    }

    /** True for a path of a route that streams its body itself and checks its own, larger, limit (its handler). */
    private boolean streamsLargeBodies(String path) {
        for (Route route : routes) {
            if (route.rawBodyLimit() > MAX_BODY_BYTES && matches(route.path(), path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOver(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void serve(Context ctx, Route route) throws Exception {
        checkAcceptable(ctx, route);
        Principal principal = authenticate(ctx, route);
        ctx.attribute(PRINCIPAL_ATTRIBUTE, principal);
        Object body = route.bodyType() == null ? null : bodies.read(ctx, route.bodyType());
        Object result = route.handler().handle(new Call(ctx, route, principal, body));
        write(ctx, route, result);
    }

    private static void checkAcceptable(Context ctx, Route route) {
        String accept = ctx.header("Accept");
        if (accept == null || accept.isBlank()) {
            return;
        }
        String produced = route.produces();
        String[] slash = produced.split("/");
        for (String part : accept.split(",")) {
            String media = part.split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (media.equals("*/*") || media.equals(produced) || media.equals(slash[0] + "/*")
                    || (JSON_MEDIA.contains(produced) && JSON_MEDIA.contains(media))) {
                return;
            }
        }
        throw ProblemException.keyed(ProblemType.NOT_ACCEPTABLE, "core.notAcceptable", produced);
    }

    private Principal authenticate(Context ctx, Route route) {
        String clientAddress = clientAddress(ctx);
        Access access = route.access();
        if (access.kind() == Access.Kind.PUBLIC) {
            return Principal.anonymous(clientAddress);
        }
        Authenticator authenticator = authenticators.get(access.kind());
        Optional<Principal> principal = authenticator == null ? Optional.empty()
                : authenticator.authenticate(ctx, clientAddress);
        if (principal.isEmpty() || principal.get().kind() != access.kind()) {
            throw ProblemException.keyed(ProblemType.UNAUTHORIZED, access.kind() == Access.Kind.PLATFORM
                    ? "core.unauthorized.platform" : "core.unauthorized.staff")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        Principal who = principal.get();
        if (access.kind() == Access.Kind.STAFF && (who.role() == null || !who.role().covers(access.minRole()))) {
            throw ProblemException.keyed(ProblemType.FORBIDDEN, "core.forbidden.role", access.minRole());
        }
        if (who.mustChangePassword() && !route.isAllowedBeforePasswordChange()) {
            throw ProblemException.keyed(ProblemType.PASSWORD_CHANGE_REQUIRED, "session.passwordChangeRequired");
        }
        return who;
    }

    private static void write(Context ctx, Route route, Object result) throws IOException {
        if (result instanceof Reply reply) {
            ctx.status(reply.status());
            reply.headers().forEach(ctx::header);
            if (reply.body() == null) {
                return;
            }
            if (reply.contentType() == null) {
                writeJson(ctx, reply.body());
            } else {
                ctx.contentType(reply.contentType()).result(reply.body().toString());
            }
            return;
        }
        ctx.status(route.successStatus());
        if (result != null) {
            writeJson(ctx, result);
        }
    }

    /** Javalin's default threshold: bodies smaller than this are never compressed. */
    private static final int UNCOMPRESSED_BELOW = 1500;

    /**
     * A JSON body. Javalin copies a result through its compressing stream after the handler; when it would not
     * compress (a client that does not accept gzip, or a body under its 1,500-byte threshold) the bytes go to the
     * response directly, with their length: on the claim and decide path that copy cost more than the JSON.
     */
    private static void writeJson(Context ctx, Object body) throws IOException {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        ctx.contentType(ContentType.APPLICATION_JSON);
        if (bytes.length >= UNCOMPRESSED_BELOW && acceptsCompression(ctx.header("Accept-Encoding"))) {
            ctx.result(bytes);
            return;
        }
        ctx.res().setContentLength(bytes.length);
        ctx.res().getOutputStream().write(bytes);
    }

    private static boolean acceptsCompression(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        String lower = acceptEncoding.toLowerCase(Locale.ROOT);
        return lower.contains("gzip") || lower.contains("br") || lower.contains("*");
    }

    private ProblemException unmatched(Context ctx) {
        String path = ctx.path();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            if (matches(route.path(), path)) {
                allowed.add(route.method());
            }
        }
        if (allowed.isEmpty() || allowed.contains(ctx.method().name())) {
            return ProblemException.keyed(ProblemType.NOT_FOUND, "core.noRoute", Call.abbreviate(path));
        }
        return ProblemException.keyed(ProblemType.METHOD_NOT_ALLOWED, "core.methodNotAllowed", ctx.method().name(),
                String.join(", ", allowed)).withHeader("Allow", String.join(", ", allowed));
    }

    static boolean matches(String template, String path) {
        StringBuilder regex = new StringBuilder();
        for (String segment : template.split("/", -1)) {
            if (!regex.isEmpty() || !segment.isEmpty()) {
                regex.append('/');
            }
            regex.append(segment.startsWith("{") ? "[^/]+" : Pattern.quote(segment));
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.matches(regex.toString());
    }

    private ProblemException fromJavalin(Context ctx, HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404, 405 -> unmatched(ctx);
            case 413 -> ProblemException.keyed(ProblemType.PAYLOAD_TOO_LARGE, "core.bodyTooLarge", MAX_BODY_BYTES);
            case 415 -> ProblemException.keyed(ProblemType.UNSUPPORTED_MEDIA_TYPE, "core.sendJsonShort");
            case 406 -> ProblemException.keyed(ProblemType.NOT_ACCEPTABLE, "core.notAcceptableAny");
            case 401 -> ProblemException.keyed(ProblemType.UNAUTHORIZED, "core.unauthorized");
            case 403 -> ProblemException.keyed(ProblemType.FORBIDDEN, "core.forbidden");
            case 503 -> ProblemException.keyed(ProblemType.UNAVAILABLE, "core.unavailable");
            default -> e.getStatus() >= 500 ? unexpected(ctx, e)
                    : ProblemException.keyed(ProblemType.BAD_REQUEST, "core.badRequest");
        };
    }

    private static ProblemException unexpected(Context ctx, Exception e) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected error on {} {} [correlationId={}]", ctx.method(), ctx.path(), correlationId, e);
        return ProblemException.keyed(ProblemType.INTERNAL, "core.internal", correlationId)
                .withExtension("correlationId", correlationId);
    }

    private static boolean isProblem(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith(Problem.MEDIA_TYPE);
    }

    /** Writes {@code e} as {@code application/problem+json} with its status and headers. */
    public static void writeProblem(Context ctx, ProblemException e) {
        Problem problem = problemHead(ctx, e);
        try {
            // Bytes, not a String: Jetty would encode a String as ISO-8859-1 for this media type (Chinese became "?").
            ctx.contentType(Problem.MEDIA_TYPE).result(Json.mapper().writeValueAsBytes(problem));
        } catch (IOException io) {
            log.error("Could not write a problem", io);
            ctx.contentType(Problem.MEDIA_TYPE).result("{\"type\":\"" + ProblemType.INTERNAL.uri() + "\"}");
        }
    }

    /** Status, headers and the problem of {@code e} in the caller's language. */
    private static Problem problemHead(Context ctx, ProblemException e) {
        Locale language = ProblemText.fromAcceptLanguage(ctx.header("Accept-Language"));
        Problem problem = e.toProblem(null, language);
        ctx.status(problem.status());
        e.headers().forEach(ctx::header);
        if (e.localized()) {
            ctx.header("Content-Language", language.toLanguageTag());
            ctx.header("Vary", "Accept-Language");
        }
        return problem;
    }

    /** Writes {@code e} straight to the servlet response (where Javalin will not write a result), with its length. */
    private static void writeProblemNow(Context ctx, ProblemException e) throws IOException {
        Problem problem = problemHead(ctx, e);
        byte[] bytes = Json.mapper().writeValueAsBytes(problem);
        ctx.res().setContentType(Problem.MEDIA_TYPE);
        ctx.res().setContentLength(bytes.length);
        ctx.res().getOutputStream().write(bytes);
    }
}
