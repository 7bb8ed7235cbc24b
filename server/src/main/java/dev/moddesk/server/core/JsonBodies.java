package dev.moddesk.server.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.moddesk.contract.ProblemType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads a route's declared JSON body for {@link Api}: content type, size, syntax and shape, each refusal a keyed
 * problem (415, 413, 400, 422 naming the field).
 */
final class JsonBodies {
    /** One reader per body type, made on first use (a reader is immutable and thread-safe). */
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final ObjectReader reader = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    /** The body of {@code ctx} as {@code type}, or the keyed problem that says why it is not one. */
    Object read(Context ctx, Type type) {
        String contentType = ctx.contentType();
        String media = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw contentType == null
                    ? ProblemException.keyed(ProblemType.UNSUPPORTED_MEDIA_TYPE, "core.sendJson")
                    : ProblemException.keyed(ProblemType.UNSUPPORTED_MEDIA_TYPE, "core.sendJsonNot",
                            Call.abbreviate(contentType));
        }
        byte[] bytes = bodyBytes(ctx);
        if (bytes.length == 0) {
            throw ProblemException.keyed(ProblemType.MALFORMED_JSON, "core.bodyRequired");
        }
        ObjectReader typed = readers.computeIfAbsent(type,
                t -> reader.forType(Json.mapper().getTypeFactory().constructType(t)));
        Object value;
        try (JsonParser parser = typed.createParser(bytes)) {
            value = typed.readValue(parser);
        } catch (StreamReadException e) {
            throw ProblemException.keyed(ProblemType.MALFORMED_JSON, "core.bodyNotJson",
                    Call.abbreviate(e.getOriginalMessage()));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // The record's own words (a contract record's compact constructor); they have no key.
            throw ProblemException.invalid(fieldPath(e), "core.field.rejected", String.valueOf(cause.getMessage()));
        } catch (MismatchedInputException e) {
            throw ProblemException.invalid(List.of(mismatch(fieldPath(e), e)));
        } catch (JacksonException e) {
            throw ProblemException.keyed(ProblemType.MALFORMED_JSON, "core.bodyUnreadableJson");
        } catch (IOException e) {
            throw ProblemException.keyed(ProblemType.BAD_REQUEST, "core.bodyUnreadable");
        }
        if (value == null) {
            throw ProblemException.invalid("(body)", "core.field.object");
        }
        return value;
    }

    /**
     * The request body, at most {@link Api#MAX_BODY_BYTES} (413 beyond). Read here rather than through Javalin, which
     * copies every body through a fresh 8 KiB buffer and a growing stream: with a declared length the array is that
     * size. Only {@link #read} reads a declared body.
     */
    private static byte[] bodyBytes(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] bytes = in.readNBytes((int) (declared >= 0 && declared <= Api.MAX_BODY_BYTES ? declared : Api.MAX_BODY_BYTES + 1));
            if (bytes.length > Api.MAX_BODY_BYTES) {
                throw ProblemException.keyed(ProblemType.PAYLOAD_TOO_LARGE, "core.bodyTooLarge", Api.MAX_BODY_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.keyed(ProblemType.BAD_REQUEST, "core.bodyUnreadable");
        }
    }

    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "(body)" : path;
    }

    private static FieldProblem mismatch(String field, MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return FieldProblem.of(field, "core.field.wrongType");
        }
        if (target.isEnum()) {
            return FieldProblem.of(field, "core.field.oneOf", java.util.Arrays.toString(target.getEnumConstants()));
        }
        if (target == String.class) {
            return FieldProblem.of(field, "core.field.string");
        }
        if (Number.class.isAssignableFrom(target) || (target.isPrimitive() && target != boolean.class)) {
            return FieldProblem.of(field, "core.field.number");
        }
        if (target == Boolean.class || target == boolean.class) {
            return FieldProblem.of(field, "core.field.boolean");
        }
        if (java.util.Collection.class.isAssignableFrom(target)) {
            return FieldProblem.of(field, "core.field.array");
        }
        return FieldProblem.of(field, "core.field.object");
    }
}
