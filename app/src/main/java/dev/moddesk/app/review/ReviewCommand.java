package dev.moddesk.app.review;

/** What a key press asks the review screens to do; {@code reasonPosition} is 1–9 for REJECT, else 0. */
public record ReviewCommand(Kind kind, int reasonPosition) {

    public enum Kind {
        NEXT, PREVIOUS, APPROVE, ARM_REJECT, REJECT, NEEDS_INFO, UNDO, SKIP, HELP, CANCEL,
        PLAY_PAUSE, SEEK_BACK, SEEK_FORWARD, SLOWER, FASTER
    }

    public ReviewCommand {
        if (kind == Kind.REJECT && (reasonPosition < 1 || reasonPosition > 9)) {
            throw new IllegalArgumentException("reject needs a reason position 1-9, got " + reasonPosition);
        }
    }

    public static ReviewCommand of(Kind kind) {
        return new ReviewCommand(kind, 0);
    }

    public static ReviewCommand reject(int position) {
        return new ReviewCommand(Kind.REJECT, position);
    }
}
