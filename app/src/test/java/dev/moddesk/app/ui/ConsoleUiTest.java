package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.core.MainWindow;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.app.testing.ConsoleWindow;
import dev.moddesk.app.testing.FakeModDeskServer;
import dev.moddesk.contract.AuditEntry;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console as a person uses it, against the fake admin API: sign in, navigate, filter, switch language and theme. */
@ExtendWith(ApplicationExtension.class)
class ConsoleUiTest {
    @TempDir
    Path config;
    private FakeModDeskServer fake;
    private ConsoleWindow console;

    @Start
    void start(Stage stage) {
        fake = new FakeModDeskServer();
        console = ConsoleWindow.open(stage, fake.url(), config);
    }

    @AfterEach
    void close(FxRobot robot) {
        console.close(robot);
        fake.close();
    }

    private <T extends Node> T find(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    private void openAudit(FxRobot robot) {
        robot.clickOn("#nav-audit");
        ConsoleWindow.await(() -> robot.lookup("#auditTable").tryQuery().isPresent());
    }

    private List<String> navIds(FxRobot robot) {
        ListView<ViewSpec> nav = find(robot, "#navList");
        return nav.getItems().stream().map(ViewSpec::id).toList();
    }

    @Test
    void wrongPasswordThenRightPasswordLandsOnTheReviewQueue(FxRobot robot) {
        robot.clickOn("#usernameField").write("admin");
        robot.clickOn("#passwordField").write("not-it").type(KeyCode.ENTER);
        Label error = find(robot, "#errorLabel");
        ConsoleWindow.await(() -> error.getText().equals("Wrong username or password."));
        PasswordField password = find(robot, "#passwordField");
        assertThat(password.getText()).isEqualTo("not-it");
        ConsoleWindow.await(() -> password.getSelection().getLength() == "not-it".length() && password.isFocused());

        robot.write(FakeModDeskServer.PASSWORD).type(KeyCode.ENTER);
        ConsoleWindow.await(() -> MainWindow.SHELL.equals(console.showingId()));
        assertThat(navIds(robot)).containsExactly("review", "rooms", "creators", "audit", "staff", "integrations", "privacy",
                "settings");
        ConsoleWindow.await(() -> robot.lookup(".review-root").tryQuery().isPresent());
        openAudit(robot);
        TableView<AuditEntry> table = find(robot, "#auditTable");
        ConsoleWindow.await(() -> !table.getItems().isEmpty());
        assertThat(robot.lookup("#userLabel").queryLabeled().getText()).contains("Admin");
        assertThat(robot.lookup("#connectionLabel").queryLabeled().getText()).isEqualTo("Connected");
    }

    @Test
    void moderatorSeesReviewAuditAndSettingsOnly(FxRobot robot) {
        console.signIn(robot, "moderator", FakeModDeskServer.PASSWORD);
        assertThat(navIds(robot)).containsExactly("review", "audit", "settings");
        robot.clickOn("#nav-review");
        ConsoleWindow.await(() -> robot.lookup(".review-root").tryQuery().isPresent());
        assertThat(robot.lookup(".review-root .view-title").queryLabeled().getText()).isEqualTo("Circle review");
    }

    @Test
    void opsAlsoSeesLiveRoomsAndCreatorsButNotStaff(FxRobot robot) {
        console.signIn(robot, "ops", FakeModDeskServer.PASSWORD);
        assertThat(navIds(robot)).containsExactly("review", "rooms", "creators", "audit", "settings");
    }

    @Test
    void filteringTheAuditLogByActor(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        openAudit(robot);
        TableView<AuditEntry> table = find(robot, "#auditTable");
        ConsoleWindow.await(() -> table.getItems().size() >= 50);
        robot.clickOn("#actorField").write("ops").type(KeyCode.ENTER);
        ConsoleWindow.await(() -> !table.getItems().isEmpty() && table.getItems().stream().allMatch(e -> "ops".equals(e.actor())));
        // The last audit request, not the last request: a health ping every 3 s may have come after it.
        assertThat(fake.requests().stream().filter(r -> r.getUrl().encodedPath().equals("/api/v1/audit"))
                .reduce((first, second) -> second).orElseThrow().getUrl().queryParameter("actor")).isEqualTo("ops");
        robot.clickOn("#clearButton");
        ConsoleWindow.await(() -> table.getItems().stream().anyMatch(e -> "admin".equals(e.actor())));
    }

    @Test
    void scrollingToTheEndLoadsTheNextPage(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        openAudit(robot);
        TableView<AuditEntry> table = find(robot, "#auditTable");
        ConsoleWindow.await(() -> table.getItems().size() == 50);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table.getItems()).as("only the first page before scrolling").hasSize(50);
        robot.interact(() -> table.scrollTo(49));
        ConsoleWindow.await(() -> table.getItems().size() == 100);
        robot.interact(() -> table.scrollTo(99));
        ConsoleWindow.await(() -> table.getItems().size() == 120);
        assertThat(robot.lookup("#statusLabel").queryLabeled().getText()).isEqualTo("120 entries.");
    }

    @Test
    void staffAndAuditTellAnUnreachableServerFromNoEntries(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        fake.close();
        robot.clickOn("#nav-staff");
        ConsoleWindow.await(() -> robot.lookup("#staffTable").tryQuery().isPresent());
        TableView<?> staff = find(robot, "#staffTable");
        ConsoleWindow.await(() -> ((javafx.scene.control.Label) staff.getPlaceholder()).getText().startsWith("Could not load"));
        assertThat(((javafx.scene.control.Label) staff.getPlaceholder()).getText()).doesNotContain("No staff");

        openAudit(robot);
        TableView<?> audit = find(robot, "#auditTable");
        ConsoleWindow.await(() -> ((javafx.scene.control.Label) audit.getPlaceholder()).getText().startsWith("Could not load"));
    }

    @Test
    void staffFormShowsServerFieldErrorsNextToTheFieldsAndKeepsTheInput(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        robot.clickOn("#nav-staff");
        ConsoleWindow.await(() -> robot.lookup("#staffTable").tryQuery().isPresent());
        TableView<?> staff = find(robot, "#staffTable");
        ConsoleWindow.await(() -> staff.getItems().size() == 4);
        robot.clickOn("#usernameField").write("X");
        robot.clickOn("#passwordField").write("short");
        robot.clickOn("#createButton");
        Label passwordError = find(robot, "#passwordError");
        ConsoleWindow.await(() -> passwordError.isVisible() && passwordError.getText().equals("at least 8 characters"));
        assertThat(robot.lookup("#usernameError").queryLabeled().getText()).contains("lowercase");
        assertThat(robot.lookup("#usernameField").queryTextInputControl().getText()).isEqualTo("X");
        assertThat(robot.lookup("#usernameField").query().getStyleClass()).contains("field-invalid");
        assertThat(robot.lookup("#cityScopesError").queryLabeled().isVisible()).isFalse();

        robot.interact(() -> robot.lookup("#usernameField").queryTextInputControl().setText("wang.lei"));
        robot.clickOn("#displayNameField").write("王磊");
        robot.interact(() -> robot.lookup("#passwordField").queryTextInputControl().setText("long-enough-9"));
        robot.clickOn("#createButton");
        ConsoleWindow.await(() -> staff.getItems().size() == 5);
        assertThat(passwordError.isVisible()).isFalse();
        assertThat(robot.lookup("#usernameField").queryTextInputControl().getText()).isEmpty();
    }

    @Test
    void disablingAStaffMemberAsksFirst(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        robot.clickOn("#nav-staff");
        ConsoleWindow.await(() -> robot.lookup("#staffTable").tryQuery().isPresent());
        TableView<dev.moddesk.contract.StaffMember> staff = find(robot, "#staffTable");
        ConsoleWindow.await(() -> staff.getItems().size() == 4);
        robot.interact(() -> staff.getSelectionModel().select(2));
        // The editor sits below the create form: scroll down to it as a person would.
        javafx.scene.control.ScrollPane side = robot.lookup(".staff-side").query();
        robot.interact(() -> side.setVvalue(1.0));
        robot.clickOn("#toggleDisabledButton");
        ConsoleWindow.await(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> n instanceof javafx.scene.control.Button b && b.isCancelButton())
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(staff.getItems().get(2).disabled()).isFalse();
        robot.clickOn("#toggleDisabledButton");
        ConsoleWindow.await(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> n instanceof javafx.scene.control.Button b && b.isDefaultButton())
                .queryButton());
        ConsoleWindow.await(() -> staff.getItems().get(2).disabled());
        assertThat(robot.lookup("#toggleDisabledButton").queryButton().getText()).isEqualTo("Enable account");
    }

    @Test
    void anEndedSessionReturnsToTheLoginAndSaysWhy(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        fake.expireAllSessions();
        robot.clickOn("#nav-staff");
        ConsoleWindow.await(() -> MainWindow.LOGIN.equals(console.showingId()));
        Label error = find(robot, "#errorLabel");
        ConsoleWindow.await(() -> error.getText().equals("Your session has ended. Sign in again."));
    }

    @Test
    void selectingAnEntryShowsTheDiff(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        openAudit(robot);
        TableView<AuditEntry> table = find(robot, "#auditTable");
        ConsoleWindow.await(() -> table.getItems().size() > 2);
        robot.interact(() -> table.getSelectionModel().select(1)); // a staff.create entry with before/after
        TableView<?> diff = find(robot, "#diffTable");
        ConsoleWindow.await(() -> diff.getItems().size() == 4);
        assertThat(robot.lookup(".audit-diff-added").tryQuery()).isPresent();
        assertThat(robot.lookup(".audit-diff-removed").tryQuery()).isPresent();
        assertThat(robot.lookup(".audit-diff-changed").tryQuery()).isPresent();
    }

    @Test
    void switchingLanguageAndThemeAppliesWithoutRestart(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        robot.clickOn("#nav-settings");
        ConsoleWindow.await(() -> robot.lookup("#chineseRadio").tryQuery().isPresent());
        robot.clickOn("#chineseRadio");
        ConsoleWindow.await(() -> robot.lookup("#signOutButton").queryButton().getText().equals("退出登录"));
        assertThat(robot.lookup("#nav-audit").queryLabeled().getText()).isEqualTo("审计日志");
        assertThat(robot.lookup("#connectionLabel").queryLabeled().getText()).isEqualTo("已连接");
        assertThat(console.showingId()).isEqualTo(MainWindow.SHELL);
        assertThat(console.context().navigation().current()).isEqualTo("settings");

        robot.clickOn("#darkRadio");
        ConsoleWindow.await(() -> console.stage().getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("tokens-dark.css")));
        assertThat(console.stage().getScene().getRoot().getStyleClass()).contains("theme-dark");

        robot.clickOn("#englishRadio");
        ConsoleWindow.await(() -> robot.lookup("#signOutButton").queryButton().getText().equals("Sign out"));
        assertThat(console.context().settings().get().language()).isEqualTo("en");
        assertThat(console.context().settings().get().theme()).isEqualTo(dev.moddesk.app.core.Theme.DARK);
    }

    @Test
    void signingOutReturnsToTheLoginWithTheUserRemembered(FxRobot robot) {
        console.signIn(robot, "admin", FakeModDeskServer.PASSWORD);
        robot.clickOn("#signOutButton");
        ConsoleWindow.await(() -> MainWindow.LOGIN.equals(console.showingId()));
        assertThat(robot.lookup("#usernameField").queryTextInputControl().getText()).isEqualTo("admin");
        assertThat(robot.lookup("#passwordField").queryTextInputControl().getText()).isEmpty();
        ConsoleWindow.await(() -> fake.requests().stream().anyMatch(r -> r.getMethod().equals("DELETE")));
    }
}
