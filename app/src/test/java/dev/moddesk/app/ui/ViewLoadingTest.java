package dev.moddesk.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.moddesk.app.Wiring;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.LaunchOptions;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.ViewRegistry;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.app.testing.FakeModDeskServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Every view in the registry loads from its FXML with its controller from the controller factory, in both languages. */
@ExtendWith(ApplicationExtension.class)
class ViewLoadingTest {
    @TempDir
    static Path config;
    private FakeModDeskServer fake;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        fake = new FakeModDeskServer();
        context = Wiring.context(LaunchOptions.parse(List.of("--lang", "en")), config);
        Session session = context.sessions().signIn(fake.url(), "admin", FakeModDeskServer.PASSWORD).get(20, TimeUnit.SECONDS);
        context.sessions().begin(session);
    }

    @AfterEach
    void close() {
        context.close();
        fake.close();
    }

    @Test
    void everyRegisteredViewLoadsWithItsController(FxRobot robot) {
        assertThat(context.views().all()).extracting(ViewSpec::id)
                .contains("login", "shell", "review", "rooms", "creators", "audit", "staff", "integrations", "settings");
        for (Locale locale : I18n.SUPPORTED) {
            robot.interact(() -> context.i18n().setLocale(locale));
            for (ViewSpec spec : context.views().all()) {
                ViewRegistry.LoadedView[] loaded = new ViewRegistry.LoadedView[1];
                robot.interact(() -> loaded[0] = context.views().load(spec.id()));
                assertThat(loaded[0].root()).as(spec.id()).isNotNull();
                assertThat(loaded[0].controller()).as(spec.id()).isNotNull();
                assertThat(context.controllers().known()).contains(loaded[0].controller().getClass());
                assertThat(context.i18n().bundle().containsKey(spec.titleKey())).as(spec.titleKey()).isTrue();
            }
        }
    }

    @Test
    void theControllerFactoryRefusesAControllerItDoesNotKnow() {
        assertThatThrownBy(() -> context.controllers().call(String.class))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Unknown controller java.lang.String");
    }
}
