package dev.moddesk.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemJsonTest {
    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void extensionsAreTopLevelMembersOnTheWire() throws Exception {
        Problem problem = new Problem(ProblemType.TOO_MANY_REQUESTS.uri().toString(), "Too many", 429, "wait",
                null, List.of(), Map.of("retryAfterSeconds", 30));

        JsonNode json = mapper.readTree(mapper.writeValueAsString(problem));

        assertThat(json.get("retryAfterSeconds").asInt()).isEqualTo(30);
        assertThat(json.has("extensions")).isFalse();
        assertThat(json.has("errors")).isFalse();
        assertThat(json.get("status").asInt()).isEqualTo(429);
    }

    @Test
    void unknownMembersParseBackAsExtensions() throws Exception {
        String wire = """
                {"type":"https://moddesk.dev/problems/claimed-by-other","title":"Held","status":409,
                 "holder":"li.wei","until":"2026-01-01T00:00:00Z","gone":null,
                 "errors":[{"field":"username","message":"taken"}]}""";

        Problem problem = mapper.readValue(wire, Problem.class);

        assertThat(problem.extensions()).containsEntry("holder", "li.wei")
                .containsEntry("until", "2026-01-01T00:00:00Z")
                .doesNotContainKey("gone");
        assertThat(problem.errors()).containsExactly(new FieldError("username", "taken"));
        assertThat(ProblemType.fromUri(problem.type())).contains(ProblemType.CLAIMED_BY_OTHER);
    }
}
