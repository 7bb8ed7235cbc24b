package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SettingsStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** What the moderator can read in the review view at 1440×900: whole answers, readable queue columns, the split. */
@ExtendWith(ApplicationExtension.class)
class ReviewLayoutTest {

    /** A link pasted into an answer: 120 characters with no place a line may break. */
    static final String UNBROKEN = "https://example.com/" + "x".repeat(100);
    /** 600 characters: Chinese and English prose with a long link inside. */
    static final String LONG_ANSWER = longAnswer();

    /** The review view's width in a 1440-pixel window: the navigation column takes the rest. */
    static final int WIDTH = 1240;

    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private Path dir;
    private DecisionOutbox outbox;
    private ReviewScene review;
    private Stage stage;

    private static String longAnswer() {
        String prose = "我从小在成都长大，周末常和朋友去青城山、龙泉山徒步，也喜欢记录沿途的植物和鸟类。"
                + "I have walked the Qingcheng trails many times and would love to join the weekend group walks. ";
        String text = prose.repeat(3) + UNBROKEN + " " + prose.repeat(4);
        return text.substring(0, 600);
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        server.addApplication("小李", LONG_ANSWER);
        server.addApplication("小王", "加微信 领福利");
        dir = Files.createTempDirectory("review-layout");
        outbox = ReviewScene.outbox(dir.resolve("outbox"), api);
        review = ReviewScene.build(api, outbox, i18n, dir.resolve("config"), WIDTH, 900);
        stage.setScene(review.scene());
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(review.view()::deactivate);
        outbox.close();
    }

    private void open(FxRobot robot) {
        robot.interact(review.view()::activate);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The text a flow shows, without the zero-width spaces that only mark where a line may break. */
    private static String shown(TextFlow flow) {
        return flow.getChildren().stream().map(n -> n instanceof Text t ? t.getText() : ((Labeled) n).getText())
                .collect(Collectors.joining()).replace("\u200B", "");
    }

    @Test
    void aLongAnswerWrapsAndEveryCharacterIsInsideThePane(FxRobot robot) {
        open(robot);
        List<TextFlow> flows = robot.lookup("#answerFlow").queryAllAs(TextFlow.class).stream().toList();
        assertThat(flows).hasSize(2);
        TextFlow longOne = flows.stream().filter(f -> shown(f).startsWith("我从小")).findFirst().orElseThrow();
        TextFlow shortOne = flows.stream().filter(f -> f != longOne).findFirst().orElseThrow();
        assertThat(shown(longOne)).as("nothing cut or elided").isEqualTo(LONG_ANSWER);

        assertThat(longOne.getHeight()).as("wrapped onto many lines")
                .isGreaterThan(6 * shortOne.getHeight());
        Bounds pane = robot.lookup(".review-app-scroll").queryAs(ScrollPane.class).localToScene(
                robot.lookup(".review-app-scroll").queryAs(ScrollPane.class).getLayoutBounds());
        for (Node part : longOne.getChildren()) {
            Bounds b = part.localToScene(part.getLayoutBounds());
            assertThat(b.getMaxX()).as("right edge of %s", part).isLessThanOrEqualTo(pane.getMaxX() + 0.5);
        }
        Bounds flow = longOne.localToScene(longOne.getLayoutBounds());
        assertThat(flow.getMaxX()).isLessThanOrEqualTo(pane.getMaxX() + 0.5);
    }

    @Test
    void queueColumnsShowModeAndSignalsAsIconsWithTheirNamesAndNoTextIsCut(FxRobot robot) {
        open(robot);
        List<TableCell<?, ?>> cells = robot.lookup("#queueTable .table-cell").queryAllAs(TableCell.class).stream()
                .<TableCell<?, ?>>map(c -> c).filter(c -> !c.isEmpty() && c.getItem() != null).toList();
        assertThat(cells).isNotEmpty();
        List<TableCell<?, ?>> modes = cells.stream().filter(c -> c.getStyleClass().contains("review-mode-cell")).toList();
        assertThat(modes).isNotEmpty().allSatisfy(c -> {
            assertThat(c.getGraphic()).isInstanceOf(FontIcon.class);
            assertThat(c.getTooltip().getText()).isEqualTo("Answers");
        });
        TableCell<?, ?> risky = cells.stream().filter(c -> c.getTooltip() != null
                && c.getTooltip().getText().contains("Screened words")).findFirst().orElseThrow();
        assertThat(risky.getGraphic().lookupAll(".review-risk-icon")).hasSize(1);
        for (Text t : robot.lookup("#queueTable .text").queryAllAs(Text.class)) {
            assertThat(t.getText()).as("cell or header text").doesNotEndWith("…").doesNotEndWith("...");
        }
    }

    @Test
    void theDividerStaysWhereTheModeratorLeftItAfterARestart(FxRobot robot) {
        open(robot);
        SplitPane split = robot.lookup("#split").queryAs(SplitPane.class);
        double before = split.getDividerPositions()[0];
        assertThat(before).isCloseTo(ReviewQueueController.SPLIT_DEFAULT, within(0.01));

        robot.drag(".split-pane-divider").dropBy(-160, 0);
        WaitForAsyncUtils.waitForFxEvents();
        double moved = split.getDividerPositions()[0];
        assertThat(moved).isLessThan(before - 0.05);
        assertThat(new SettingsStore(dir.resolve("config")).get().divider(ReviewQueueController.SPLIT_KEY, -1))
                .as("saved when the divider was let go").isCloseTo(moved, within(0.001));

        // A restart: a new view on a new settings store reading the same folder.
        robot.interact(review.view()::deactivate);
        outbox.close();
        outbox = ReviewScene.outbox(dir.resolve("outbox"), api);
        robot.interact(() -> {
            review = ReviewScene.build(api, outbox, i18n, dir.resolve("config"), WIDTH, 900);
            stage.setScene(review.scene());
        });
        open(robot);
        SplitPane again = robot.lookup("#split").queryAs(SplitPane.class);
        assertThat(again.getDividerPositions()[0]).isCloseTo(moved, within(0.002));
    }
}
