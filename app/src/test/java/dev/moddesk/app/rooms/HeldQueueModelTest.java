package dev.moddesk.app.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.testing.MutableClock;
import dev.moddesk.contract.rooms.HeldMessage;
import dev.moddesk.contract.rooms.HeldStatus;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The held queue kept current by the room stream: changes heard while a load runs land on top of its answer, new
 * messages go in deadline order once, settled ones leave with a note naming another staff member, and a fresh
 * follow of the queue reloads it only while the tab is shown.
 */
class HeldQueueModelTest {
    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");
    private final List<CompletableFuture<List<HeldMessage>>> loads = new ArrayList<>();
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private final HeldQueueModel model = new HeldQueueModel(new LoadsOnly(), Runnable::run, new MutableClock(T0), i18n,
            new ErrorMessages(i18n), "3");

    private static HeldMessage held(long id, String nickname, int minutesLeft) {
        return new HeldMessage(id, "r1", "m" + id, "u" + id, nickname, "加微信", List.of(), null, T0,
                T0.plus(Duration.ofMinutes(minutesLeft)), HeldStatus.HELD, null, null);
    }

    private static RoomStream.HeldSettled settled(long id, HeldStatus status, String by, String byId) {
        return new RoomStream.HeldSettled(id, "m" + id, status, by, byId, T0);
    }

    @Test
    void changesHeardDuringALoadLandOnItsAnswerAndLiveOnesFollowInDeadlineOrder() {
        model.setShown(true);
        model.refresh();
        model.heldQueued(held(2, "小红", 2));
        model.heldSettled("r1", settled(1, HeldStatus.RELEASED, "阿秋", "7"));
        assertThat(model.ids()).as("nothing until the load answers").isEmpty();
        loads.getFirst().complete(List.of(held(1, "小明", 5)));
        assertThat(model.ids()).containsExactly(2L);
        assertThat(model.statusProperty().get()).isEqualTo("阿秋 released the message from 小明.");

        model.heldQueued(held(3, "阿强", 10));
        model.heldQueued(held(3, "阿强", 10));
        model.heldQueued(held(4, "阿花", 1));
        assertThat(model.ids()).containsExactly(4L, 2L, 3L);

        model.heldSettled("r1", settled(2, HeldStatus.DENIED, "t-ops", "3")); // this console's own decision
        assertThat(model.ids()).containsExactly(4L, 3L);
        assertThat(model.statusProperty().get()).isEqualTo("2 messages wait");
        model.heldSettled("r1", settled(3, HeldStatus.DROPPED, null, null));
        assertThat(model.ids()).containsExactly(4L);
        assertThat(model.statusProperty().get()).startsWith("The message from 阿强 was dropped");
    }

    @Test
    void aFreshFollowOfTheQueueReloadsItOnlyWhileShown() {
        model.heldFollowing();
        assertThat(loads).isEmpty();
        model.setShown(true);
        model.heldFollowing();
        assertThat(loads).hasSize(1);
        loads.getFirst().complete(List.of(held(5, "小明", 3)));
        assertThat(model.ids()).containsExactly(5L);
    }

    /** Only the queue's load is asked for; each answer is completed by the test. */
    private final class LoadsOnly implements WordsBackend {
        @Override
        public CompletableFuture<List<HeldMessage>> held() {
            CompletableFuture<List<HeldMessage>> load = new CompletableFuture<>();
            loads.add(load);
            return load;
        }

        @Override
        public CompletableFuture<WordList> words() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WordTerm> add(WordTermRequest term) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<WordTerm> update(long id, int version, WordTermRequest term) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> remove(long id, int version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<HeldMessage> release(long id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<HeldMessage> deny(long id) {
            throw new UnsupportedOperationException();
        }
    }
}
