package dev.moddesk.app.rooms;

import static dev.moddesk.app.rooms.RoomFixtures.chat;
import static dev.moddesk.app.rooms.RoomFixtures.event;
import static dev.moddesk.app.rooms.RoomFixtures.message;
import static dev.moddesk.app.rooms.RoomFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.stream.StreamFrame;
import dev.moddesk.app.api.stream.StreamGap;
import dev.moddesk.app.api.stream.StreamItem;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.contract.rooms.SeatChange;
import dev.moddesk.screening.WordScreen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A monitor: loading, following from the loaded position, live events, gaps backfilled over REST, lag. */
class RoomMonitorModelTest {
    private final FakeRoomsBackend backend = new FakeRoomsBackend();
    private final MutableClock clock = new MutableClock(RoomFixtures.T0);
    private final AtomicLong followedAfter = new AtomicLong(-1);
    private final ErrorMessages errors = new ErrorMessages(new I18n(Locale.ENGLISH));

    private RoomMonitorModel monitor(RoomSummary s, int capacity) {
        backend.details.put(s.roomId(), RoomFixtures.detail(s));
        return new RoomMonitorModel(s.roomId(), backend, followedAfter::set, new ChatLines(WordScreen.empty()),
                Runnable::run, clock, errors, capacity);
    }

    private static List<Long> seqs(RoomMonitorModel m) {
        return m.log().window().stream().map(ChatRow::seq).toList();
    }

    @Test
    void opensFromTheDetailAndFollowsAfterItsNewestEvent() {
        RoomSummary s = new RoomSummary("v1", RoomKind.VOICE, "语音", "h", "房主", "北京",
                dev.moddesk.contract.rooms.RoomStatus.LIVE, RoomFixtures.T0, 50, 3, 0, 0, 3, 8, 42);
        RoomMonitorModel m = monitor(s, 1000);
        RoomDetail d = RoomFixtures.detail(s);
        backend.details.put("v1", new RoomDetail(s, d.seats(), d.songQueue(), d.source(), 5,
                List.of(event("v1", 40, message("u1", "早", false)), event("v1", 41, message("u2", "好", false)))));
        m.open();
        assertThat(followedAfter.get()).isEqualTo(42);
        assertThat(seqs(m)).containsExactly(40L, 41L);
        assertThat(m.state().seats()).hasSize(8);
        assertThat(m.state().slowModeSecondsProperty().get()).isEqualTo(5);

        m.accept(List.of(new StreamFrame("seat", "v1", 43, new SeatChange(new Seat(4, "u9", "新人", false, false)),
                RoomFixtures.T0.plusSeconds(43).toEpochMilli())));
        assertThat(m.state().seats().get(3).occupantName()).isEqualTo("新人");
        assertThat(m.log().window().getLast()).isInstanceOf(NoticeRow.class);
    }

    @Test
    void aRoomThatDoesNotLoadStillFollowsAndSaysWhy() {
        RoomMonitorModel m = new RoomMonitorModel("gone", backend, followedAfter::set,
                new ChatLines(WordScreen.empty()), Runnable::run, clock, errors, 1000);
        m.open();
        assertThat(followedAfter.get()).isZero();
        assertThat(m.problemProperty().get()).isNotEmpty();
    }

    @Test
    void aGapIsFilledWithWhatTheServerStillHasAndTheRestStaysMarkedLost() {
        RoomSummary s = summary("f1", RoomKind.FRIENDS, "聊天", "北京", 5, 0, 0);
        RoomMonitorModel m = monitor(s, 10_000);
        m.open();
        List<StreamItem> items = new ArrayList<>(chat("f1", 1, 10));
        items.add(new StreamGap("f1", 11, 1200, StreamGap.Cause.REPORTED));
        items.addAll(chat("f1", 1201, 3));
        // The server kept only flagged messages 20 and 30 and everything from 700 on.
        List<RoomEvent> kept = new ArrayList<>();
        kept.add(event("f1", 20, message("u1", "加微信", true)));
        kept.add(event("f1", 30, message("u2", "骗子", true)));
        for (long seq = 700; seq <= 1200; seq++) {
            kept.add(event("f1", seq, message("u3", "补" + seq, false)));
        }
        backend.kept.put("f1", kept);

        m.accept(items);

        assertThat(backend.eventCalls).as("paged, from just before the gap")
                .containsExactly("f1:10", "f1:1197");
        List<ChatRow> rows = m.log().window();
        assertThat(rows.get(10)).isEqualTo(new GapRow(11, 19, GapRow.State.LOST));
        assertThat(rows.get(11).seq()).isEqualTo(20);
        assertThat(rows.get(12)).isEqualTo(new GapRow(21, 29, GapRow.State.LOST));
        assertThat(rows.get(13).seq()).isEqualTo(30);
        assertThat(rows.get(14)).isEqualTo(new GapRow(31, 699, GapRow.State.LOST));
        assertThat(rows.get(15).seq()).isEqualTo(700);
        assertThat(rows.getLast().seq()).isEqualTo(1203);
        assertThat(rows).hasSize(10 + 5 + 501 + 3);
    }

    @Test
    void aGapLongerThanTheBufferFetchesOnlyItsNewestPart() {
        RoomSummary s = summary("f2", RoomKind.FRIENDS, "聊天", "北京", 5, 0, 0);
        RoomMonitorModel m = monitor(s, 100);
        m.open();
        m.accept(List.of(new StreamGap("f2", 1, 100_000, StreamGap.Cause.REPORTED)));
        assertThat(backend.eventCalls).containsExactly("f2:99900");
        assertThat(m.log().window()).containsExactly(new GapRow(1, 99_900, GapRow.State.LOST),
                new GapRow(99_901, 100_000, GapRow.State.LOST));
    }

    @Test
    void aFailedBackfillIsMarkedAndRetried() {
        RoomSummary s = summary("f3", RoomKind.FRIENDS, "聊天", "北京", 5, 0, 0);
        RoomMonitorModel m = monitor(s, 1000);
        m.open();
        backend.failEvents = true;
        m.accept(List.of(new StreamGap("f3", 1, 5, StreamGap.Cause.MISSED)));
        GapRow failed = (GapRow) m.log().window().getFirst();
        assertThat(failed.state()).isEqualTo(GapRow.State.FAILED);
        assertThat(m.problemProperty().get()).isNotEmpty();

        backend.failEvents = false;
        backend.kept.put("f3", List.of(event("f3", 3, message("u1", "在", false))));
        m.backfill(failed);
        assertThat(m.log().window()).extracting(r -> r.getClass().getSimpleName() + r.seq())
                .containsExactly("GapRow1", "ChatLine3", "GapRow4");
    }

    @Test
    void lagIsNowMinusTheNewestEventShownAndLaggingIsShownUntilResumed() {
        RoomSummary s = summary("f4", RoomKind.FRIENDS, "聊天", "北京", 5, 0, 0);
        RoomMonitorModel m = monitor(s, 1000);
        m.open();
        clock.advance(Duration.ofSeconds(10).plusMillis(250));
        m.accept(new ArrayList<>(chat("f4", 1, 10)));
        assertThat(m.lagMillisProperty().get()).isEqualTo(250);
        m.accept(List.of(new StreamFrame(RoomStream.LAGGING, "f4", 0, new RoomStream.Lagging(10, 1000))));
        assertThat(m.state().laggingProperty().get()).isTrue();
        m.accept(List.of(new StreamFrame(RoomStream.RESUMED, "f4", 0, new RoomStream.Resumed(10, 0))));
        assertThat(m.state().laggingProperty().get()).isFalse();
    }

    @Test
    void searchAndFiltersAreProperties() {
        RoomSummary s = summary("f5", RoomKind.FRIENDS, "聊天", "北京", 5, 0, 0);
        RoomMonitorModel m = monitor(s, 1000);
        m.open();
        m.accept(new ArrayList<>(chat("f5", 1, 30)));
        m.textFilterProperty().set("第2");
        assertThat(seqs(m)).containsExactly(2L, 20L, 21L, 22L, 23L, 24L, 25L, 26L, 27L, 28L, 29L);
        m.userFilterProperty().set("昵称u1");
        assertThat(seqs(m)).containsExactly(21L, 26L);
        m.textFilterProperty().set("");
        m.userFilterProperty().set("");
        assertThat(seqs(m)).hasSize(30);
    }

    @Test
    void aReportedMessageIsRevealedFromTheBufferOrFetchedWhenOlderAndOneTheServerLostIsGone() {
        RoomSummary s = new RoomSummary("f9", RoomKind.FRIENDS, "聊天", "h", "房主", "北京",
                dev.moddesk.contract.rooms.RoomStatus.LIVE, RoomFixtures.T0, 50, 3, 0, 0, 0, 0, 100);
        RoomMonitorModel m = monitor(s, 1000);
        RoomDetail d = RoomFixtures.detail(s);
        List<RoomEvent> recent = new ArrayList<>();
        for (long seq = 90; seq <= 100; seq++) {
            recent.add(event("f9", seq, message("u1", "近" + seq, false)));
        }
        backend.details.put("f9", new RoomDetail(s, d.seats(), d.songQueue(), d.source(), 0, recent));
        List<RoomEvent> kept = new ArrayList<>();
        for (long seq = 40; seq <= 100; seq++) {
            kept.add(event("f9", seq, message(seq == 50 ? "u-bad" : "u1", "旧" + seq, false)));
        }
        backend.kept.put("f9", kept);

        m.reveal(50L); // asked before the room has loaded: it waits for the load
        assertThat(m.revealProperty().get()).isEqualTo(RoomMonitorModel.Reveal.SEARCHING);
        m.open();
        assertThat(backend.eventCalls).as("older than the load: fetched from the message on").containsExactly("f9:49");
        assertThat(m.revealProperty().get()).isEqualTo(RoomMonitorModel.Reveal.SHOWN);
        assertThat(m.revealedProperty().get().seq()).isEqualTo(50);
        assertThat(m.revealedProperty().get().text()).isEqualTo("旧50");
        assertThat(seqs(m).getFirst()).isEqualTo(50);
        assertThat(seqs(m)).hasSize(51).isSorted();

        m.reveal(95L); // held already
        assertThat(m.revealedProperty().get().seq()).isEqualTo(95);
        assertThat(backend.eventCalls).hasSize(1);

        m.reveal(10L); // the server keeps nothing before 40
        assertThat(m.revealProperty().get()).isEqualTo(RoomMonitorModel.Reveal.GONE);
        assertThat(m.revealedProperty().get()).isNull();
        assertThat(m.log().window().getFirst()).isEqualTo(new GapRow(10, 39, GapRow.State.LOST));

        m.reveal(null); // the server could not place it
        assertThat(m.revealProperty().get()).isEqualTo(RoomMonitorModel.Reveal.GONE);
    }
}
