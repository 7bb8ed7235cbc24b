package dev.moddesk.app.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.screening.WordScreen;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A held-for-review decision reads as a sentence in the room's chat, in the console's language, not as a wire name. */
class HeldNoticeRowsTest {

    private final RoomEventRows rows = new RoomEventRows(new ChatLines(WordScreen.empty()), new RoomState(), a -> { });

    private String shown(Locale locale, String action, String staffName) {
        NoticeRow row = (NoticeRow) rows.row(7, 0, new ModerationAction("9", action, "message", "m-7", null, "3",
                staffName, Map.of(), null));
        return new I18n(locale).get(row.key(), row.args().toArray());
    }

    @Test
    void releaseDenyAndDropAreSentences() {
        assertThat(shown(Locale.ENGLISH, "message.release", "阿秋"))
                .isEqualTo("阿秋 released held message m-7: the platform shows it. ");
        assertThat(shown(Locale.ENGLISH, "message.deny", "阿秋")).startsWith("阿秋 denied held message m-7");
        assertThat(shown(Locale.ENGLISH, "message.drop", null))
                .isEqualTo("Held message m-7 was dropped: nobody decided before its deadline.");
        assertThat(shown(Locale.SIMPLIFIED_CHINESE, "message.release", "阿秋"))
                .startsWith("阿秋 放行了待审消息 m-7");
    }
}
