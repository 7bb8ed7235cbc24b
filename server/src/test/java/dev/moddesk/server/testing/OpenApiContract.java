package dev.moddesk.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.moddesk.server.core.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's own /openapi.json used as a test oracle: {@link #check} fails when a response's status is not
 * documented for its route or its body does not match the documented JSON Schema.
 */
public final class OpenApiContract {
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode document;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    public OpenApiContract(TestServer server) {
        TestClient.Response response = server.client().get("/openapi.json");
        if (response.status() != 200) {
            throw new AssertionError("no OpenAPI document: " + response);
        }
        this.document = response.json();
    }

    public JsonNode document() {
        return document;
    }

    /** The operation for a route template, or null when undocumented. */
    public JsonNode operation(String method, String template) {
        JsonNode path = document.path("paths").get(template);
        return path == null ? null : path.get(method.toLowerCase(Locale.ROOT));
    }

    /** Asserts the response is documented for the route and matches its schema. */
    public void check(String method, String template, TestClient.Response response) {
        JsonNode operation = operation(method, template);
        if (operation == null) {
            throw new AssertionError(method + " " + template + " is not in /openapi.json");
        }
        JsonNode documented = operation.path("responses").get(Integer.toString(response.status()));
        if (documented == null) {
            throw new AssertionError(method + " " + template + " answered " + response.status()
                    + ", which is not documented: " + response);
        }
        JsonNode content = documented.get("content");
        if (content == null) {
            if (!response.body().isEmpty()) {
                throw new AssertionError(method + " " + template + " documents no body but sent " + response);
            }
            return;
        }
        String type = response.contentType();
        JsonNode media = content.get(type);
        if (media == null) {
            throw new AssertionError(method + " " + template + " answered " + type + ", documented "
                    + content.fieldNames().next() + ": " + response);
        }
        if (!type.endsWith("json")) {
            return;
        }
        Set<ValidationMessage> errors = schema(media.get("schema")).validate(response.json());
        if (!errors.isEmpty()) {
            throw new AssertionError(method + " " + template + " " + response.status()
                    + " does not match its schema: " + errors + "\n" + response);
        }
    }

    /** Validates {@code body} against the named component schema; returns the messages. */
    public Set<ValidationMessage> validate(String component, JsonNode body) {
        ObjectNode ref = Json.mapper().createObjectNode().put("$ref", "#/components/schemas/" + component);
        return schema(ref).validate(body);
    }

    private JsonSchema schema(JsonNode schema) {
        return compiled.computeIfAbsent(schema.toString(), key -> {
            ObjectNode root = Json.mapper().createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.set("components", document.get("components"));
            schema.properties().forEach(e -> root.set(e.getKey(), e.getValue()));
            return FACTORY.getSchema(root);
        });
    }
}
