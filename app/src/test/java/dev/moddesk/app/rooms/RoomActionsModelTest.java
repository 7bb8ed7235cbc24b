package dev.moddesk.app.rooms;

import static dev.moddesk.app.rooms.RoomFixtures.T0;
import static dev.moddesk.app.rooms.RoomFixtures.event;
import static dev.moddesk.app.rooms.RoomFixtures.message;
import static dev.moddesk.app.rooms.RoomFixtures.summary;
import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.stream.StreamFrame;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.Problem;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.screening.WordScreen;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A monitor's actions: one key per intent (a retry reuses it), pending until the room's event arrives (never done
 * before), the server's keyed problem kept readable, sanctions listed for their undo until an undo event arrives.
 */
class RoomActionsModelTest {
    private final FakeRoomsBackend backend = new FakeRoomsBackend();
    private final RoomSummary friends = summary("f1", RoomKind.FRIENDS, "好友闲聊", "北京", 3, 0, 0);
    private final RoomMonitorModel monitor;

    RoomActionsModelTest() {
        backend.details.put("f1", RoomFixtures.detail(friends));
        monitor = new RoomMonitorModel("f1", backend, after -> { }, new ChatLines(WordScreen.empty()), Runnable::run,
                new MutableClock(T0), new ErrorMessages(new I18n(Locale.ENGLISH)), 1000);
        monitor.open();
    }

    private void arrives(long seq, ModerationAction a) {
        monitor.accept(List.of(new StreamFrame("action", "f1", seq, a, T0.plusSeconds(seq).toEpochMilli())));
    }

    private ModerationAction sent(int i) {
        var r = backend.acted.get(i).getValue();
        return new ModerationAction(Long.toString(101 + i), r.action(), "user", r.targetId(), r.reason(), "7", "ops",
                r.params(), r.undoes());
    }

    @Test
    void anActionWaitsForItsRoomEventAndOnlyThenIsDone() {
        RoomActionsModel actions = monitor.actions();
        actions.act(RoomAction.MUTE_USER, "u1", "刷屏", 60);

        assertThat(backend.acted).hasSize(1);
        assertThat(backend.acted.getFirst().getValue().params()).containsEntry("minutes", "60");
        assertThat(actions.latestProperty().get().phase()).as("answered, but the room has not shown it yet")
                .isEqualTo(RoomActionsModel.Phase.WAITING);

        arrives(5, sent(0));
        assertThat(actions.latestProperty().get().phase()).isEqualTo(RoomActionsModel.Phase.DONE);
        assertThat(monitor.log().window()).last().isInstanceOfSatisfying(NoticeRow.class, n -> {
            assertThat(n.key()).isEqualTo("rooms.notice.act.mute");
            assertThat(n.args()).containsExactly("ops", "u1", "刷屏", "60");
        });
        assertThat(actions.sanctions()).extracting(ModerationAction::actionId).containsExactly("101");
    }

    @Test
    void aFailedIntentKeepsTheServersWordsAndItsRetrySendsTheSameKey() {
        RoomActionsModel actions = monitor.actions();
        backend.failNextAction = ApiException.problem(new Problem(ProblemType.VALIDATION.uri().toString(), "Invalid",
                422, "此操作需要理由", null, List.of(new FieldError("reason", "此操作需要理由")), Map.of()), null);
        actions.act(RoomAction.KICK_USER, "u2", "", null);
        RoomActionsModel.Intent failed = actions.latestProperty().get();
        assertThat(failed.phase()).isEqualTo(RoomActionsModel.Phase.FAILED);
        assertThat(failed.problem()).isEqualTo("此操作需要理由");

        actions.retry(failed);
        assertThat(backend.acted).hasSize(2);
        assertThat(backend.acted.get(1).getKey()).as("one intent, one key").isEqualTo(backend.acted.get(0).getKey());

        actions.act(RoomAction.KICK_USER, "u2", "辱骂", null);
        assertThat(backend.acted.get(2).getKey()).as("a new intent gets a new key")
                .isNotEqualTo(backend.acted.get(0).getKey());
    }

    @Test
    void theEventMayArriveBeforeTheAnswer() {
        RoomActionsModel actions = monitor.actions();
        arrives(3, new ModerationAction("101", "user.warn", "user", "u3", "广告", "7", "ops", Map.of(), null));
        actions.act(RoomAction.WARN_USER, "u3", "广告", null);
        assertThat(actions.latestProperty().get().phase()).isEqualTo(RoomActionsModel.Phase.DONE);
    }

    @Test
    void aSanctionIsListedUntilItsUndoEventArrivesAndAnUndoNamesIt() {
        RoomActionsModel actions = monitor.actions();
        arrives(1, new ModerationAction("50", "seat.lock", "seat", "3", null, "7", "ops", Map.of(), null));
        arrives(2, new ModerationAction("51", "user.warn", "user", "u1", "x", "7", "ops", Map.of(), null));
        assertThat(actions.sanctions()).extracting(ModerationAction::actionId).containsExactly("50");
        assertThat(actions.active(RoomAction.LOCK_SEAT, "3")).isPresent();

        actions.undo(actions.sanctions().getFirst(), "");
        var undo = backend.acted.getLast().getValue();
        assertThat(undo.action()).isEqualTo("seat.unlock");
        assertThat(undo.undoes()).isEqualTo("50");
        assertThat(actions.sanctions()).as("still locked until the room says otherwise").hasSize(1);

        arrives(3, new ModerationAction("52", "seat.unlock", "seat", "3", null, "7", "ops", Map.of(), "50"));
        assertThat(actions.sanctions()).isEmpty();
        assertThat(actions.active(RoomAction.LOCK_SEAT, "3")).isEmpty();
    }

    @Test
    void deletingALineReadsItsMessageIdFromTheServerFirst() {
        backend.kept.put("f1", List.of(event("f1", 7, message("u1", "加微信", true))));
        monitor.actions().deleteMessage(7, "广告");
        assertThat(backend.acted.getLast().getValue().targetId()).isEqualTo("m-" + "加微信".hashCode());

        monitor.actions().deleteMessage(9, "广告");
        RoomActionsModel.Intent gone = monitor.actions().latestProperty().get();
        assertThat(gone.phase()).isEqualTo(RoomActionsModel.Phase.FAILED);
        assertThat(gone.problem()).as("the server no longer has it: the view says so").isNull();
    }
}
