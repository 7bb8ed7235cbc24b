package dev.moddesk.screening;

import java.time.Instant;

/**
 * One entry of a word list: the term as staff typed it, its category (广告引流, 色情, … — free text chosen by staff),
 * the action a match asks for, and an optional expiry. A term with an expiry stops matching at that instant (a scan
 * at {@code expiresAt} or later ignores it), judged with the {@link java.time.InstantSource} the screen was given.
 */
public record ScreenTerm(String text, String category, ScreenAction action, Instant expiresAt) {

    /** The category of terms given without one (the plain-string constructors of {@link WordScreen}). */
    public static final String DEFAULT_CATEGORY = "general";
    /** Longest accepted term and category, in UTF-16 chars: a list is typed by staff, not pasted from a book. */
    public static final int MAX_TEXT_LENGTH = 200;
    public static final int MAX_CATEGORY_LENGTH = 64;

    public ScreenTerm {
        if (text == null) {
            throw new IllegalArgumentException("term text is required");
        }
        text = text.strip();
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("term longer than " + MAX_TEXT_LENGTH + " chars");
        }
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("term category is required");
        }
        category = category.strip();
        if (category.length() > MAX_CATEGORY_LENGTH) {
            throw new IllegalArgumentException("term category longer than " + MAX_CATEGORY_LENGTH + " chars");
        }
        if (action == null) {
            throw new IllegalArgumentException("term action is required");
        }
    }

    /** A FLAG term in the default category that never expires. */
    public static ScreenTerm flag(String text) {
        return new ScreenTerm(text, DEFAULT_CATEGORY, ScreenAction.FLAG, null);
    }

    /** Whether the term still matches at {@code now} (no expiry, or {@code now} before it). */
    public boolean liveAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }
}
