package dev.moddesk.server.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The user being erased, as every {@link PersonalData} part sees it: their id, the pseudonym that replaces it, the
 * personal texts all parts found and the references to records about them. It scrubs free text and JSON that other
 * parts copied: the user id becomes the pseudonym, and any text containing a personal text becomes
 * {@link #ERASED_TEXT}.
 */
public record ErasureSubject(String userId, String pseudonym, Set<String> texts,
                             Set<PersonalData.Reference> references) {

    public static final String ERASED_TEXT = dev.moddesk.contract.lifecycle.ErasedUser.ERASED_TEXT;

    public ErasureSubject {
        if (userId == null || userId.isEmpty() || pseudonym == null || pseudonym.isEmpty()) {
            throw new IllegalArgumentException("user id and pseudonym are required");
        }
        // Only records already known to be about the user are scrubbed, so even a two-character nickname is
        // matched inside longer texts (a message "小明，你的申请…" must go). Keys of JSON objects are the code's own
        // names and are left alone.
        texts = Set.copyOf(texts);
        references = Set.copyOf(references);
    }

    /** The ids of the references of {@code targetType}. */
    public List<String> referenced(String targetType) {
        return references.stream().filter(r -> r.targetType().equals(targetType))
                .map(PersonalData.Reference::targetId).sorted().toList();
    }

    /** The reference ids by target type, e.g. {@code application → [12, app-7]}. */
    public java.util.Map<String, List<String>> referencesByType() {
        return references.stream().collect(java.util.stream.Collectors.groupingBy(PersonalData.Reference::targetType,
                java.util.TreeMap::new, java.util.stream.Collectors.mapping(PersonalData.Reference::targetId,
                        java.util.stream.Collectors.toList())));
    }

    /** Whether {@code (targetType, targetId)} is the user or a record about them. */
    public boolean isAbout(String targetType, String targetId) {
        return userId.equals(targetId) || references.contains(new PersonalData.Reference(targetType, targetId));
    }

    /**
     * {@code text} with the user replaced: their id (the whole value) becomes the pseudonym; a value equal to a
     * personal text, or containing one of two or more characters, becomes {@link #ERASED_TEXT}.
     */
    public String scrubText(String text) {
        if (text == null) {
            return null;
        }
        if (text.equals(userId)) {
            return pseudonym;
        }
        for (String personal : texts) {
            if (!personal.isEmpty() && (text.equals(personal) || (personal.length() >= 2 && text.contains(personal)))) {
                return ERASED_TEXT;
            }
        }
        return text;
    }

    /** A JSON document (object or array as text) with every string value scrubbed; null stays null. */
    public String scrubJson(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode tree = Json.mapper().readTree(json);
            return Json.mapper().writeValueAsString(scrub(tree));
        } catch (JsonProcessingException e) {
            return scrubText(json);
        }
    }

    private JsonNode scrub(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(scrubText(node.asText()));
        }
        if (node.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            node.forEach(child -> out.add(scrub(child)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = Json.mapper().createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), scrub(field.getValue()));
            }
            return out;
        }
        return node;
    }
}
