package dev.moddesk.server.ops;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Route;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1 document from the route registry: one operation per declared route with its access
 * (security scheme and required role), parameters, request body, success response and every problem response the
 * route can give, and JSON Schemas generated from the record classes ({@link JsonSchemas}).
 */
final class OpenApiDocument {
    private OpenApiDocument() {
    }

    static Map<String, Object> build(List<Route> routes, String version) {
        JsonSchemas schemas = new JsonSchemas();
        Map<String, Object> problemRef = schemas.schema(Problem.class);
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (Route route : routes) {
            paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>())
                    .put(route.method().toLowerCase(Locale.ROOT), operation(route, schemas, problemRef));
        }

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "ModDesk admin API", "version", version,
                "description", "Staff, audit, platform and moderation API of ModDesk. Errors are RFC 9457 "
                        + "problem+json with a stable type: " + ProblemType.BASE + "<slug>."));
        doc.put("jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema");
        doc.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", schemas.components());
        components.put("securitySchemes", Map.of(
                "staffSession", Map.of("type", "http", "scheme", "bearer",
                        "description", "Session token from POST /api/v1/session"),
                "platformKey", Map.of("type", "http", "scheme", "bearer",
                        "description", "Platform service key (ingest API and action feed only)")));
        doc.put("components", components);
        return doc;
    }

    private static Map<String, Object> operation(Route route, JsonSchemas schemas, Map<String, Object> problemRef) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("operationId", operationId(route));
        op.put("summary", route.summary());
        if (route.description() != null) {
            op.put("description", route.description());
        }
        op.put("tags", List.of(route.tag()));
        if (route.isWebSocket()) {
            // OpenAPI has no WebSocket operation: a GET answering 101, marked so that clients and readers know.
            op.put("x-websocket", true);
        }
        Access access = route.access();
        switch (access.kind()) {
            case PUBLIC -> op.put("security", List.of());
            case STAFF -> {
                op.put("security", List.of(Map.of("staffSession", List.of())));
                op.put("x-required-role", access.minRole().name());
            }
            case PLATFORM -> op.put("security", List.of(Map.of("platformKey", List.of())));
        }
        List<Object> parameters = new ArrayList<>();
        for (String name : route.pathParams()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true,
                    "schema", schemas.schema(route.pathParamType(name))));
        }
        for (Route.QueryParam q : route.queryParams()) {
            Map<String, Object> schema = schemas.schema(q.type() == Instant.class ? Instant.class : q.type());
            parameters.add(Map.of("name", q.name(), "in", "query", "required", q.required(),
                    "description", q.description(), "schema", schema));
        }
        route.requestHeaders().forEach((name, description) -> parameters.add(Map.of("name", name, "in", "header",
                "required", false, "description", description, "schema", schemas.schema(String.class))));
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.rawBodyLimit() > 0) {
            Map<String, Object> binary = new java.util.LinkedHashMap<>();
            for (String type : route.rawBodyTypes()) {
                binary.put(type, Map.of("schema", Map.of("type", "string", "format", "binary",
                        "maxLength", route.rawBodyLimit())));
            }
            op.put("requestBody", Map.of("required", true, "content", binary));
        }
        if (route.bodyType() != null) {
            op.put("requestBody", Map.of("required", true,
                    "content", Map.of("application/json", Map.of("schema", schemas.schema(route.bodyType())))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        route.responses().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            Type type = e.getValue();
            Map<String, Object> response = new LinkedHashMap<>();
            response.put("description", e.getKey() == 204 ? "No content"
                    : e.getKey() == 101 ? "Switching Protocols: the connection is a WebSocket from here on" : "Success");
            if (type != Void.class) {
                response.put("content", Map.of(route.produces(), Map.of("schema",
                        route.produces().equals("application/json") ? schemas.schema(type)
                                : schemas.schema(String.class))));
            }
            responses.put(Integer.toString(e.getKey()), response);
        });
        for (int status : route.errorStatuses()) {
            responses.putIfAbsent(Integer.toString(status), Map.of("description", describe(status),
                    "content", Map.of(Problem.MEDIA_TYPE, Map.of("schema", problemRef))));
        }
        op.put("responses", responses);
        return op;
    }

    private static String describe(int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status() == status) {
                return type.title();
            }
        }
        return "Problem";
    }

    private static String operationId(Route route) {
        StringBuilder id = new StringBuilder(route.method().toLowerCase(Locale.ROOT));
        for (String segment : route.path().split("/")) {
            if (segment.isEmpty() || segment.equals("api") || segment.equals("v1")) {
                continue;
            }
            String clean = segment.replaceAll("[{}]", "").replace(".json", "Json");
            String word = segment.startsWith("{") ? "By" + capitalise(clean) : capitalise(clean);
            id.append(word.replaceAll("[^A-Za-z0-9]", ""));
        }
        return id.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
