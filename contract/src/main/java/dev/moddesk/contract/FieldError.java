package dev.moddesk.contract;

/** One invalid field of a request: its JSON name (dotted for nested ones) and what is wrong with it. */
public record FieldError(String field, String message) {
    public FieldError {
        if (field == null || message == null) {
            throw new IllegalArgumentException("field and message are required");
        }
    }
}
