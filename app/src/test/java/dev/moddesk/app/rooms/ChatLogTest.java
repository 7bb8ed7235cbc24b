package dev.moddesk.app.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.screening.WordScreen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded chat buffer, its window, freezing with the "N new" count, filters and gap replacement. */
class ChatLogTest {
    private final ChatLines lines = new ChatLines(WordScreen.empty());

    private List<ChatRow> rows(long from, int n) {
        List<ChatRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = from + i;
            out.add(lines.message(seq, 0, "u" + (seq % 3), "用户" + (seq % 3), "消息" + seq, seq % 10 == 0, false,
                    List.of()));
        }
        return out;
    }

    private static List<Long> seqs(List<ChatRow> rows) {
        return rows.stream().map(ChatRow::seq).toList();
    }

    @Test
    void theBufferKeepsTheNewestRowsAndTheWindowStaysBounded() {
        ChatLog log = new ChatLog(100);
        for (int frame = 0; frame < 50; frame++) {
            log.append(rows(1 + frame * 37L, 37));
        }
        assertThat(log.size()).isEqualTo(100);
        assertThat(log.dropped()).isEqualTo(50 * 37 - 100);
        assertThat(log.window().size()).isBetween(100, 100 + 100 / 16);
        assertThat(log.window().getLast().seq()).isEqualTo(50 * 37);
    }

    @Test
    void aFrozenLogCountsNewMessagesAndShowsThemWhenItThaws() {
        ChatLog log = new ChatLog(1000);
        log.append(rows(1, 10));
        log.setHovered(true);
        log.append(rows(11, 5));
        log.append(rows(16, 3));
        assertThat(log.frozenProperty().get()).isTrue();
        assertThat(log.newWhileFrozenProperty().get()).isEqualTo(8);
        assertThat(seqs(log.window())).as("the window stands still").hasSize(10).endsWith(10L);

        log.setHovered(false);
        assertThat(log.frozenProperty().get()).isFalse();
        assertThat(log.newWhileFrozenProperty().get()).isZero();
        assertThat(seqs(log.window())).hasSize(18).endsWith(16L, 17L, 18L);
    }

    @Test
    void aFollowedListHoldsTheNewestRowsAndFreezingBringsBackTheWholeBuffer() {
        ChatLog log = new ChatLog(1000, 100);
        List<Integer> changes = new ArrayList<>();
        log.window().addListener((javafx.collections.ListChangeListener<ChatRow>) c -> changes.add(1));
        for (int frame = 0; frame < 20; frame++) {
            log.append(rows(1 + frame * 30L, 30));
        }
        assertThat(log.size()).isEqualTo(600);
        assertThat(changes).as("one list change a frame, the cut included").hasSize(20);
        assertThat(log.window().size()).isBetween(100, 100 + 100 / 16);
        assertThat(log.window().getLast().seq()).isEqualTo(600);

        log.setHovered(true);
        assertThat(seqs(log.window())).as("the moderator can scroll back through every buffered line")
                .hasSize(600).startsWith(1L, 2L).endsWith(600L);
        log.append(rows(601, 30));
        assertThat(log.newWhileFrozenProperty().get()).isEqualTo(30);
        assertThat(log.window()).hasSize(600);

        log.setHovered(false);
        assertThat(seqs(log.window())).as("back to the newest rows").hasSize(100).startsWith(531L).endsWith(630L);
    }

    @Test
    void aFilterWhileFollowingShowsTheNewestMatchesAndAllOfThemWhenFrozen() {
        ChatLog log = new ChatLog(1000, 16);
        log.append(rows(1, 500));
        log.setFilter(new ChatFilter("", "", true, false));
        assertThat(seqs(log.window())).hasSize(16).endsWith(500L).allMatch(seq -> seq % 10 == 0);
        log.togglePinned();
        assertThat(seqs(log.window())).hasSize(50).startsWith(10L).endsWith(500L);
    }

    @Test
    void theHotkeyPinsTheFreezeWhateverThePointerDoes() {
        ChatLog log = new ChatLog(1000);
        log.append(rows(1, 3));
        log.togglePinned();
        log.setHovered(true);
        log.setHovered(false);
        log.append(rows(4, 2));
        assertThat(log.frozenProperty().get()).isTrue();
        assertThat(log.newWhileFrozenProperty().get()).isEqualTo(2);
        log.togglePinned();
        assertThat(seqs(log.window())).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void thawingAfterTheBufferRolledOverRebuildsTheWindow() {
        ChatLog log = new ChatLog(20);
        log.append(rows(1, 20));
        log.togglePinned();
        log.append(rows(21, 50));
        assertThat(log.newWhileFrozenProperty().get()).isEqualTo(50);
        log.resume();
        assertThat(seqs(log.window())).hasSize(20).startsWith(51L).endsWith(70L);
    }

    @Test
    void filtersRebuildTheWindowAndKeepGapMarkers() {
        ChatLog log = new ChatLog(1000);
        log.append(rows(1, 20));
        GapRow gap = new GapRow(21, 30, GapRow.State.OPEN);
        log.append(List.of(gap));
        log.append(rows(31, 20));
        log.setFilter(new ChatFilter("", "", true, false));
        assertThat(seqs(log.window())).containsExactly(10L, 20L, 21L, 40L, 50L);
        log.setFilter(new ChatFilter("用户1", "", false, false));
        assertThat(log.window()).allMatch(r -> r instanceof GapRow || ((ChatLine) r).user().id().equals("u1"));
        log.setFilter(new ChatFilter("", "消息4", false, false));
        assertThat(seqs(log.window())).containsExactly(4L, 21L, 40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L, 48L, 49L);
        log.append(rows(51, 50));
        assertThat(seqs(log.window())).as("new rows are filtered too").endsWith(49L).doesNotContain(50L, 51L);
        log.setFilter(ChatFilter.NONE);
        assertThat(log.window()).hasSize(91);
    }

    @Test
    void aFilledGapTakesItsMarkersPlaceInBufferAndWindow() {
        ChatLog log = new ChatLog(1000);
        log.append(rows(1, 5));
        GapRow gap = new GapRow(6, 9, GapRow.State.OPEN);
        log.append(List.of(gap));
        log.append(rows(10, 2));
        List<ChatRow> filled = new ArrayList<>(rows(6, 2));
        GapRow lost = new GapRow(8, 9, GapRow.State.LOST);
        filled.add(lost);
        assertThat(log.replace(gap, filled)).isTrue();
        assertThat(seqs(log.window())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 10L, 11L);
        assertThat(log.window().get(7)).isSameAs(lost);
        assertThat(log.gaps(GapRow.State.LOST)).containsExactly(lost);
        assertThat(log.replace(gap, List.of())).as("already replaced").isFalse();
    }

    @Test
    void theUserCardSeesAnAuthorsNewestLines() {
        ChatLog log = new ChatLog(1000);
        log.append(rows(1, 30));
        assertThat(log.linesBy("u1", 3)).extracting(ChatLine::seq).containsExactly(28L, 25L, 22L);
        assertThat(log.countsBy("u1")).containsExactly(10, 1);
    }
}
