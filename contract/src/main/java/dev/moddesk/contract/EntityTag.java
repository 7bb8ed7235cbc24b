package dev.moddesk.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An HTTP entity tag (RFC 9110, section 8.8.3) as ModDesk uses it: the tag of a versioned resource is its row
 * version in quotes, {@code "3"}. Server and console both format and read {@code ETag} and {@code If-Match} through
 * this one codec.
 *
 * <p>Reading is lenient where clients are known to differ: a weak tag ({@code W/"3"}) names the same version, because
 * a compressing proxy may weaken a strong tag on the way; a bare {@code 3} is taken as {@code "3"}, because some
 * clients drop the quotes. {@link #ANY} stands for the {@code *} of {@code If-Match: *}.
 *
 * @param opaque the text between the quotes (no quotes in it), or {@code *} for {@link #ANY}
 * @param weak   whether the tag was sent as {@code W/"..."}
 */
public record EntityTag(String opaque, boolean weak) {

    /** {@code If-Match: *}: any current version. */
    public static final EntityTag ANY = new EntityTag("*", false);

    public EntityTag {
        if (opaque == null) {
            throw new IllegalArgumentException("opaque is required");
        }
        for (int i = 0; i < opaque.length(); i++) {
            char c = opaque.charAt(i);
            // etagc: %x21 / %x23-7E / obs-text; no quote, no space, no control character.
            if (c == '"' || c <= 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("an entity tag may not contain " + describe(c));
            }
        }
    }

    /** The strong tag of {@code version}. */
    public static EntityTag of(int version) {
        return new EntityTag(Integer.toString(version), false);
    }

    /** The header value of {@code version}'s tag: {@code "3"}. */
    public static String format(int version) {
        return of(version).toString();
    }

    public boolean isAny() {
        return this.equals(ANY);
    }

    /** The version this tag names: a non-negative whole number between the quotes; empty for anything else. */
    public OptionalInt version() {
        if (opaque.isEmpty() || opaque.length() > 10) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < opaque.length(); i++) {
            if (opaque.charAt(i) < '0' || opaque.charAt(i) > '9') {
                return OptionalInt.empty();
            }
        }
        long value = Long.parseLong(opaque);
        return value > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) value);
    }

    /** Whether this tag (from {@code If-Match}) names {@code version}; {@link #ANY} names every version. */
    public boolean matches(int version) {
        if (isAny()) {
            return true;
        }
        OptionalInt mine = version();
        return mine.isPresent() && mine.getAsInt() == version;
    }

    /** The header form: {@code "3"}, {@code W/"3"} or {@code *}. */
    @Override
    public String toString() {
        if (isAny()) {
            return "*";
        }
        return (weak ? "W/\"" : "\"") + opaque + '"';
    }

    /**
     * One tag, as in an {@code ETag} header; empty when {@code value} is null, blank, {@code *}, a list or not a tag.
     */
    public static Optional<EntityTag> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            List<EntityTag> tags = parseList(value);
            return tags.size() == 1 && !tags.getFirst().isAny() ? Optional.of(tags.getFirst()) : Optional.empty();
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The tags of an {@code If-Match} (or {@code If-None-Match}) header: {@code *} as a list of {@link #ANY}, a
     * comma-separated list of tags otherwise, empty for a null or blank header.
     *
     * @throws IllegalArgumentException when the header is not such a list
     */
    public static List<EntityTag> parseList(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        String trimmed = header.strip();
        if (trimmed.equals("*")) {
            return List.of(ANY);
        }
        List<EntityTag> tags = new ArrayList<>();
        int i = 0;
        int n = trimmed.length();
        while (i < n) {
            i = skipSpace(trimmed, i);
            boolean weak = trimmed.startsWith("W/", i);
            if (weak) {
                i += 2;
            }
            int end;
            String opaque;
            if (i < n && trimmed.charAt(i) == '"') {
                end = trimmed.indexOf('"', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed quote in " + header);
                }
                opaque = trimmed.substring(i + 1, end);
                end++;
            } else {
                end = i;
                while (end < n && trimmed.charAt(end) != ',' && !Character.isWhitespace(trimmed.charAt(end))) {
                    end++;
                }
                opaque = trimmed.substring(i, end);
                if (opaque.isEmpty() || opaque.equals("*")) {
                    throw new IllegalArgumentException("not an entity tag list: " + header);
                }
            }
            tags.add(new EntityTag(opaque, weak));
            i = skipSpace(trimmed, end);
            if (i < n) {
                if (trimmed.charAt(i) != ',') {
                    throw new IllegalArgumentException("entity tags must be separated by commas: " + header);
                }
                i++;
                if (skipSpace(trimmed, i) >= n) {
                    throw new IllegalArgumentException("a trailing comma in " + header);
                }
            }
        }
        return List.copyOf(tags);
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String describe(char c) {
        return c == '"' ? "a quote" : String.format("character U+%04X", (int) c);
    }
}
