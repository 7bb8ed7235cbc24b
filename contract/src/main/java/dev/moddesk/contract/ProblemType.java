package dev.moddesk.contract;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;

/**
 * Stable RFC 9457 problem types. The server answers every error with one of these as {@code type};
 * the console maps the type to a message a person can read. Never rename a slug: clients key on it.
 */
public enum ProblemType {
    VALIDATION("validation", 422, "The request has invalid fields"),
    MALFORMED_JSON("malformed-json", 400, "The request body is not valid JSON"),
    BAD_REQUEST("bad-request", 400, "The request is not understood"),
    UNAUTHORIZED("unauthorized", 401, "Sign in first"),
    BAD_CREDENTIALS("bad-credentials", 401, "Wrong username or password"),
    ACCOUNT_DISABLED("account-disabled", 403, "This account is disabled"),
    FORBIDDEN("forbidden", 403, "Your role may not do this"),
    PASSWORD_CHANGE_REQUIRED("password-change-required", 403, "Change your password first"),
    OUT_OF_SCOPE("out-of-scope", 403, "This is outside your city scope"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Cannot answer in an accepted format"),
    CONFLICT("conflict", 409, "Conflicts with the current state"),
    CLAIMED_BY_OTHER("claimed-by-other", 409, "Another moderator holds this item"),
    PRECONDITION_FAILED("precondition-failed", 412, "The item changed since you loaded it"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Send application/json"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "This idempotency key was used for a different request"),
    UNKNOWN_EVENT_TYPE("unknown-event-type", 422, "The server does not know this platform event type"),
    PRECONDITION_REQUIRED("precondition-required", 428, "Send If-Match with the version you are changing"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many attempts; wait and try again"),
    INTERNAL("internal", 500, "Something went wrong on the server"),
    UNAVAILABLE("unavailable", 503, "The server cannot serve this right now");

    public static final String BASE = "https://moddesk.dev/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public static Optional<ProblemType> fromUri(String type) {
        if (type == null || !type.startsWith(BASE)) {
            return Optional.empty();
        }
        String slug = type.substring(BASE.length());
        return Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }
}
