package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The line-up on its own, with HTTP answers that arrive when the test says (standing in for OkHttp's threads) and an
 * FX thread the test drains: what reads or changes the line-up must wait for the FX thread.
 */
class FocusLineUpTest {

    private final FakeReviewServer server = new FakeReviewServer();
    private final DrainableExecutor http = new DrainableExecutor();
    private final DrainableExecutor fx = new DrainableExecutor();
    private final List<Notice> notices = new ArrayList<>();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final FocusLineUp lineUp = new FocusLineUp(api, fx, new ManualTimers(), notices::add,
            new ErrorMessages(new I18n(Locale.ENGLISH))::describe, url -> { }, m -> { }, m -> { });

    @BeforeEach
    void answersArriveOnTheHttpThread() {
        api.answerThrough(http);
    }

    @AfterEach
    void tearDown() {
        lineUp.close();
        http.drain();
        fx.drain();
    }

    @Test
    void passingOverAnotherModeratorsApplicationContinuesOnTheFxThread() {
        long held = server.addApplication("小王", "加微信 领福利");
        long next = server.addApplication("小赵", "想认识同城山友");
        server.claimAs("mod2", held);

        lineUp.start(List.of(held, next), null);
        assertThat(lineUp.loadingProperty().get()).isTrue();

        http.drain(); // the refusal arrives on the HTTP thread
        assertThat(lineUp.conflictProperty().get()).as("set on the FX thread only").isNull();
        assertThat(server.holder(next)).as("the line-up is not read off the FX thread").isEmpty();

        fx.drain();
        assertThat(lineUp.conflictProperty().get().holder()).isEqualTo("mod2");
        assertThat(notices).extracting(Notice::key).containsExactly("review.notice.claimedByOther");

        http.drain();
        assertThat(server.holder(next)).as("the next id, asked for from the FX thread").contains("mod1");
        fx.drain();
        assertThat(lineUp.current().applicationId()).isEqualTo(next);
        assertThat(lineUp.loadingProperty().get()).isFalse();
    }
}
