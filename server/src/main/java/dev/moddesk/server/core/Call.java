package dev.moddesk.server.core;

import dev.moddesk.contract.EntityTag;
import dev.moddesk.contract.ProblemType;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * One request as a handler sees it: the authenticated {@link Principal}, the parsed body, and typed access to
 * path and query parameters that answers bad values with problem+json instead of exceptions. {@link #ctx()} is
 * there for headers and the rare raw need.
 */
public final class Call {
    private final Context ctx;
    private final Route route;
    private final Principal principal;
    private final Object body;

    Call(Context ctx, Route route, Principal principal, Object body) {
        this.ctx = ctx;
        this.route = route;
        this.principal = principal;
        this.body = body;
    }

    public Context ctx() {
        return ctx;
    }

    public Route route() {
        return route;
    }

    /** The caller; for public routes an anonymous principal with the client address. */
    public Principal principal() {
        return principal;
    }

    public String clientAddress() {
        return principal.clientAddress();
    }

    /** The parsed request body of the type the route declared. */
    @SuppressWarnings("unchecked")
    public <T> T body() {
        return (T) body;
    }

    /** The language the caller reads problem details in (from {@code Accept-Language}). */
    public Locale language() {
        return ProblemText.fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    public String header(String name) {
        return ctx.header(name);
    }

    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    /** A numeric path id; anything else answers 404, since no such resource can exist. */
    public long pathId(String name) {
        String raw = ctx.pathParam(name);
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException ignored) {
            // falls through to 404
        }
        throw ProblemException.keyed(ProblemType.NOT_FOUND, "core.noSuch", name, abbreviate(raw));
    }

    public String query(String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    public Integer queryInt(String name, int min, int max) {
        String raw = query(name);
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw invalidQuery(name, "core.query.wholeNumberRange", min, max);
    }

    public Long queryLong(String name) {
        String raw = query(name);
        if (raw == null) {
            return null;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw invalidQuery(name, "core.query.wholeNumber");
        }
    }

    public Instant queryInstant(String name) {
        String raw = query(name);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw invalidQuery(name, "core.query.instant");
        }
    }

    public Boolean queryBoolean(String name) {
        String raw = query(name);
        if (raw == null) {
            return null;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalidQuery(name, "core.query.boolean");
        };
    }

    /**
     * The version the {@code If-Match} header names, or null when there is none (for a service that answers a missing
     * one itself, after checks of its own). A header that names no single version is answered 412 here: it cannot
     * match a version.
     */
    public Integer ifMatchVersion() {
        List<EntityTag> tags = ifMatchTags();
        if (tags.isEmpty()) {
            return null;
        }
        if (tags.size() == 1 && tags.getFirst().version().isPresent()) {
            return tags.getFirst().version().getAsInt();
        }
        throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "core.ifMatch.malformed");
    }

    /** The version the {@code If-Match} header names: 428 when it is missing, 412 when it names no single version. */
    public int requireIfMatch() {
        Integer version = ifMatchVersion();
        if (version == null) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_REQUIRED, "core.ifMatch.missing");
        }
        return version;
    }

    /**
     * Checks {@code If-Match} against the resource's current version: 428 when it is missing, 412 (with the
     * {@code currentVersion} member) when none of its tags names that version; {@code *} matches any version.
     */
    public void requireIfMatch(int currentVersion) {
        List<EntityTag> tags = ifMatchTags();
        if (tags.isEmpty()) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_REQUIRED, "core.ifMatch.missing");
        }
        if (tags.stream().noneMatch(tag -> tag.matches(currentVersion))) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "core.ifMatch.stale", currentVersion)
                    .withExtension("currentVersion", currentVersion);
        }
    }

    /** Sends {@code version} as the response's {@code ETag} (the value a later {@code If-Match} names). */
    public void etag(int version) {
        ctx.header("ETag", EntityTag.format(version));
    }

    private List<EntityTag> ifMatchTags() {
        try {
            return EntityTag.parseList(ctx.header("If-Match"));
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "core.ifMatch.malformed");
        }
    }

    /** A 400 naming the bad query parameter, whose message is the text {@code key} (e.g. "must be a positive id"). */
    public static ProblemException invalidQuery(String name, String key, Object... args) {
        FieldProblem field = FieldProblem.of(name, key, args);
        return ProblemException.keyed(ProblemType.BAD_REQUEST, "core.query.invalid", name, field).withField(field);
    }

    static String abbreviate(String raw) {
        return raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
    }
}
