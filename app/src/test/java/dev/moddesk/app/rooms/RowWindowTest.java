package dev.moddesk.app.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.screening.WordScreen;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * The chat window's ring-buffer list: appending and cutting the front are one change each that says exactly what was
 * added and removed, middle edits and rebuilds behave as in any list, across wrap-around and growth.
 */
class RowWindowTest {
    private final ChatLines lines = new ChatLines(WordScreen.empty());

    private List<ChatRow> rows(long from, int n) {
        List<ChatRow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(lines.message(from + i, 0, "u1", "用户", "消息" + (from + i), false, false, List.of()));
        }
        return out;
    }

    private static List<Long> seqs(List<? extends ChatRow> rows) {
        return rows.stream().map(ChatRow::seq).toList();
    }

    /** Records every change as text: "+from..to" for additions, "-at:seqs" for removals. */
    private static List<String> record(RowWindow window) {
        List<String> changes = new ArrayList<>();
        window.addListener((ListChangeListener<ChatRow>) c -> {
            StringBuilder one = new StringBuilder();
            while (c.next()) {
                if (c.wasRemoved()) {
                    one.append("-").append(c.getFrom()).append(":").append(seqs(c.getRemoved()));
                }
                if (c.wasAdded()) {
                    one.append("+").append(seqs(c.getAddedSubList()));
                }
            }
            changes.add(one.toString());
        });
        return changes;
    }

    @Test
    void appendingAndCuttingTheFrontAreOneChangeEachAcrossWrapAroundAndGrowth() {
        RowWindow window = new RowWindow();
        List<String> changes = record(window);
        List<Long> expected = new ArrayList<>();
        long next = 1;
        for (int round = 0; round < 40; round++) {
            int n = 3 + round % 7;
            window.appendAll(rows(next, n));
            for (int i = 0; i < n; i++) {
                expected.add(next + i);
            }
            next += n;
            if (window.size() > 20) {
                int cut = window.size() - 12;
                window.dropFirst(cut);
                expected.subList(0, cut).clear();
            }
            assertThat(seqs(window)).isEqualTo(expected);
        }
        assertThat(changes).allSatisfy(c -> assertThat(c).matches("[-+][^-+]*"));

        changes.clear();
        window.dropFirst(2);
        assertThat(changes).containsExactly("-0:" + expected.subList(0, 2));
        window.appendAll(rows(1000, 2));
        assertThat(changes.getLast()).isEqualTo("+[1000, 1001]");
    }

    @Test
    void appendingWithACutAndPrependingAreOneChangeEach() {
        RowWindow window = new RowWindow();
        window.appendAll(rows(1, 14));
        window.dropFirst(10); // the head inside the array: the next changes cross the wrap-around and grow it
        List<String> changes = record(window);

        window.appendAll(rows(15, 6), 3);
        assertThat(seqs(window)).containsExactly(14L, 15L, 16L, 17L, 18L, 19L, 20L);
        assertThat(changes).containsExactly("-0:[11, 12, 13]+[15, 16, 17, 18, 19, 20]");

        window.prependAll(rows(1, 13));
        assertThat(seqs(window)).isEqualTo(java.util.stream.LongStream.rangeClosed(1, 20).boxed().toList());
        assertThat(changes.getLast()).isEqualTo("+" + seqs(rows(1, 13)));

        window.appendAll(rows(21, 40), 20);
        assertThat(seqs(window)).hasSize(40).startsWith(21L).endsWith(60L);
        assertThat(changes).hasSize(3);
    }

    @Test
    void middleEditsAndRebuildsWorkAsInAnyList() {
        RowWindow window = new RowWindow();
        window.appendAll(rows(1, 30));
        window.dropFirst(25); // the head is now inside the array, so edits cross the wrap-around
        window.appendAll(rows(31, 14));
        List<Long> expected = new ArrayList<>(seqs(window));

        ChatRow gap = new GapRow(100, 120, GapRow.State.OPEN);
        window.add(3, gap);
        expected.add(3, 100L);
        assertThat(seqs(window)).isEqualTo(expected);
        window.remove(3);
        window.addAll(3, rows(200, 2));
        expected.remove(3);
        expected.addAll(3, List.of(200L, 201L));
        assertThat(seqs(window)).isEqualTo(expected);
        window.add(0, gap);
        window.remove(window.size() - 1);
        expected.addFirst(100L);
        expected.removeLast();
        assertThat(seqs(window)).isEqualTo(expected);

        List<String> changes = record(window);
        window.setAll(rows(500, 3));
        assertThat(seqs(window)).containsExactly(500L, 501L, 502L);
        assertThat(changes).hasSize(1);
        window.setAll(List.of());
        assertThat(window).isEmpty();
    }
}
