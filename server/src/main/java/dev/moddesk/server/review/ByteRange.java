package dev.moddesk.server.review;

import java.util.Optional;

/**
 * One HTTP byte range, resolved against a file length. Players seek by asking for ranges; a server that ignores
 * them makes seeking hang, so they are honoured exactly (RFC 9110 §14: first-last, first-, -suffix).
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * Empty for "no Range header" or a header we answer with the whole file (several ranges, other units, an invalid
     * range such as a last byte before the first); throws
     * {@link Unsatisfiable} for a range outside the file.
     */
    static Optional<ByteRange> parse(String header, long total) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return Optional.empty();
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return Optional.empty();
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || total == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, total - suffix), total - 1));
            }
            long first = Long.parseLong(a);
            if (!b.isEmpty() && Long.parseLong(b) < first) {
                return Optional.empty(); // invalid, not unsatisfiable: RFC 9110 §14.1.1 says ignore it (200, whole file)
            }
            long last = b.isEmpty() ? total - 1 : Math.min(Long.parseLong(b), total - 1);
            if (first >= total || last < first) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("range not satisfiable", null, false, false);
        }
    }
}
