package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

class ReviewKeymapTest {

    private final ReviewKeymap keymap = new ReviewKeymap();

    private ReviewCommand map(KeyCode code) {
        return keymap.map(code, code.getChar().toLowerCase(), false).orElseThrow();
    }

    @Test
    void digitsRejectWithTheReasonInThatPosition() {
        assertThat(map(KeyCode.DIGIT3)).isEqualTo(ReviewCommand.reject(3));
        assertThat(map(KeyCode.NUMPAD7)).isEqualTo(ReviewCommand.reject(7));
    }

    @Test
    void rThenADigitRejectsAndAnythingElseCancels() {
        assertThat(map(KeyCode.R).kind()).isEqualTo(ReviewCommand.Kind.ARM_REJECT);
        assertThat(keymap.rejectArmedProperty().get()).isTrue();
        assertThat(map(KeyCode.DIGIT2)).isEqualTo(ReviewCommand.reject(2));
        assertThat(keymap.rejectArmedProperty().get()).isFalse();

        map(KeyCode.R);
        assertThat(map(KeyCode.A).kind()).as("A after R does not approve by accident")
                .isEqualTo(ReviewCommand.Kind.CANCEL);
    }

    @Test
    void lettersArrowsAndBrackets() {
        assertThat(map(KeyCode.J).kind()).isEqualTo(ReviewCommand.Kind.NEXT);
        assertThat(map(KeyCode.DOWN).kind()).isEqualTo(ReviewCommand.Kind.NEXT);
        assertThat(map(KeyCode.K).kind()).isEqualTo(ReviewCommand.Kind.PREVIOUS);
        assertThat(map(KeyCode.UP).kind()).isEqualTo(ReviewCommand.Kind.PREVIOUS);
        assertThat(map(KeyCode.A).kind()).isEqualTo(ReviewCommand.Kind.APPROVE);
        assertThat(map(KeyCode.N).kind()).isEqualTo(ReviewCommand.Kind.NEEDS_INFO);
        assertThat(map(KeyCode.U).kind()).isEqualTo(ReviewCommand.Kind.UNDO);
        assertThat(map(KeyCode.S).kind()).isEqualTo(ReviewCommand.Kind.SKIP);
        assertThat(map(KeyCode.SPACE).kind()).isEqualTo(ReviewCommand.Kind.PLAY_PAUSE);
        assertThat(map(KeyCode.LEFT).kind()).isEqualTo(ReviewCommand.Kind.SEEK_BACK);
        assertThat(map(KeyCode.RIGHT).kind()).isEqualTo(ReviewCommand.Kind.SEEK_FORWARD);
        assertThat(map(KeyCode.OPEN_BRACKET).kind()).isEqualTo(ReviewCommand.Kind.SLOWER);
        assertThat(map(KeyCode.CLOSE_BRACKET).kind()).isEqualTo(ReviewCommand.Kind.FASTER);
        assertThat(keymap.map(KeyCode.SLASH, "?", false)).contains(ReviewCommand.of(ReviewCommand.Kind.HELP));
    }

    @Test
    void shortcutsWithModifiersBelongToTheWindow() {
        assertThat(keymap.map(KeyCode.A, "a", true)).isEmpty();
        assertThat(keymap.map(KeyCode.F5, "", false)).isEmpty();
    }
}
