package dev.moddesk.contract.rooms;

/**
 * Where the word screen matched in a message: [start, end) in UTF-16 chars of the text as sent, and the matched
 * term's category (e.g. {@code contact}, {@code abuse}); what the console highlights.
 */
public record ScreenHit(int start, int end, String category) {
    public ScreenHit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("hit range must satisfy 0 <= start <= end");
        }
    }
}
