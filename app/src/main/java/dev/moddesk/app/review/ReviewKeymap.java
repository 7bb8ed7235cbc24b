package dev.moddesk.app.review;

import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.scene.input.KeyCode;

/**
 * Maps keys to review commands. J/K or ↓/↑ move, A approves, 1–9 reject with the reason in that position (R then a
 * digit does the same, for people who think "reject" first), N needs info, U undo, S skip, ? help, Space play/pause,
 * ←/→ seek, [ and ] change speed. Stateful only for the R prefix, which {@link #rejectArmedProperty()} exposes so
 * the view can show "pick a reason".
 */
public final class ReviewKeymap {

    private final ReadOnlyBooleanWrapper rejectArmed = new ReadOnlyBooleanWrapper(this, "rejectArmed");

    public ReadOnlyBooleanProperty rejectArmedProperty() {
        return rejectArmed.getReadOnlyProperty();
    }

    /** The Reject button was clicked with no reason chosen: wait for one, as after R. */
    public void armReject() {
        rejectArmed.set(true);
    }

    /** A reason was picked with the mouse (or the application changed): the next key is an ordinary key again. */
    public void disarmReject() {
        rejectArmed.set(false);
    }

    /**
     * @param code the key's code
     * @param text the character it typed ("?" is a shifted slash on most layouts, so the text decides)
     * @param modified Ctrl/Alt/Meta held: those belong to the window, not to review
     */
    public Optional<ReviewCommand> map(KeyCode code, String text, boolean modified) {
        if (modified || code == null) {
            return Optional.empty();
        }
        int digit = digitOf(code);
        if (rejectArmed.get()) {
            rejectArmed.set(false);
            if (digit > 0) {
                return Optional.of(ReviewCommand.reject(digit));
            }
            return Optional.of(ReviewCommand.of(ReviewCommand.Kind.CANCEL));
        }
        if (digit > 0) {
            return Optional.of(ReviewCommand.reject(digit));
        }
        if ("?".equals(text)) {
            return Optional.of(ReviewCommand.of(ReviewCommand.Kind.HELP));
        }
        ReviewCommand.Kind kind = switch (code) {
            case J, DOWN -> ReviewCommand.Kind.NEXT;
            case K, UP -> ReviewCommand.Kind.PREVIOUS;
            case A -> ReviewCommand.Kind.APPROVE;
            case R -> ReviewCommand.Kind.ARM_REJECT;
            case N -> ReviewCommand.Kind.NEEDS_INFO;
            case U -> ReviewCommand.Kind.UNDO;
            case S -> ReviewCommand.Kind.SKIP;
            case SPACE -> ReviewCommand.Kind.PLAY_PAUSE;
            case LEFT -> ReviewCommand.Kind.SEEK_BACK;
            case RIGHT -> ReviewCommand.Kind.SEEK_FORWARD;
            case OPEN_BRACKET -> ReviewCommand.Kind.SLOWER;
            case CLOSE_BRACKET -> ReviewCommand.Kind.FASTER;
            case ESCAPE -> ReviewCommand.Kind.CANCEL;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        if (kind == ReviewCommand.Kind.ARM_REJECT) {
            rejectArmed.set(true);
        }
        return Optional.of(ReviewCommand.of(kind));
    }

    private static int digitOf(KeyCode code) {
        return switch (code) {
            case DIGIT1, NUMPAD1 -> 1;
            case DIGIT2, NUMPAD2 -> 2;
            case DIGIT3, NUMPAD3 -> 3;
            case DIGIT4, NUMPAD4 -> 4;
            case DIGIT5, NUMPAD5 -> 5;
            case DIGIT6, NUMPAD6 -> 6;
            case DIGIT7, NUMPAD7 -> 7;
            case DIGIT8, NUMPAD8 -> 8;
            case DIGIT9, NUMPAD9 -> 9;
            default -> 0;
        };
    }
}
