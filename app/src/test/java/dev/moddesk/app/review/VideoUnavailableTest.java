package dev.moddesk.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.moddesk.app.core.ActiveView;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.FxExecutor;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.review.VideoSubmission;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.media.MediaView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An application whose media are missing, unreadable or on a host nobody allowed shows its poster (when it has one)
 * and a clear "video unavailable" note, never a hang, and the moderator decides on as usual. Media are served by a
 * local HTTP server the test controls; nothing depends on timing.
 */
@ExtendWith(ApplicationExtension.class)
class VideoUnavailableTest {
    private final FakeReviewServer server = new FakeReviewServer();
    private final FakeReviewApi api = new FakeReviewApi(server, "mod1");
    private final I18n i18n = new I18n(Locale.ENGLISH);
    private final AtomicInteger requests = new AtomicInteger();
    /** Set by a test: the player's 30 s start limit has already passed when the player is created. */
    private final java.util.concurrent.atomic.AtomicBoolean startLimitPassed =
            new java.util.concurrent.atomic.AtomicBoolean();
    private DecisionOutbox outbox;
    private ActiveView view;
    private HttpServer media;
    private String base;
    private long li;

    @Start
    void start(Stage stage) throws IOException {
        li = server.addApplication("小李", "喜欢爬山，周末常去青城山");
        server.addApplication("小王", "想认识同城山友");
        media = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        media.setExecutor(java.util.concurrent.Executors.newCachedThreadPool()); // a held answer holds up no other
        media.start();
        base = "http://127.0.0.1:" + media.getAddress().getPort();
        api.mediaServer(base);
        outbox = new DecisionOutbox(Files.createTempDirectory("video-unavailable"), api, new FxExecutor(),
                Clock.systemUTC(), Duration.ofMillis(20), Duration.ofMillis(200));
        outbox.start();
        ReviewWorkspace workspace = new ReviewWorkspace(api, outbox, new FxExecutor(), new ManualTimers(),
                Clock.systemUTC(), true, new ErrorMessages(i18n));
        java.nio.file.Path config = Files.createTempDirectory("video-unavailable-config");
        // The player's 30 s start limit fires at once when the test says it has passed; the rest runs on the timers.
        ReviewTimers playerTimers = (period, task) -> {
            if (period.equals(VideoPlayerController.START_LIMIT) && startLimitPassed.get()) {
                task.run();
                return () -> { };
            }
            return workspace.timers().every(period, task);
        };
        ReviewScene review = ReviewScene.build(workspace, i18n, config, 1280, 800, playerTimers);
        stage.setScene(review.scene());
        stage.show();
        view = review.view();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(view::deactivate);
        outbox.close();
        media.stop(0);
    }

    /** Serves {@code path} with {@code status} and {@code body}, counting every request. */
    private void serve(String path, int status, byte[] body) {
        media.createContext(path, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(32, 18, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private void open(FxRobot robot) {
        robot.interact(view::activate);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String note(FxRobot robot) {
        return robot.lookup("#videoNote").queryAs(Label.class).getText();
    }

    private static void awaitNote(FxRobot robot, String start) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> note(robot).startsWith(start));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the note reads \"" + note(robot) + "\", not \"" + start + "\"", e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean posterShown(FxRobot robot) {
        ImageView poster = robot.lookup("#posterView").queryAs(ImageView.class);
        return poster.isVisible() && poster.getImage() != null && poster.getImage().getProgress() >= 1
                && !poster.getImage().isError() && poster.getImage().getWidth() == 32;
    }

    private static void decidesOnAsUsual(FxRobot robot) {
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.A);
        assertThat(robot.lookup("#applicantLabel").queryAs(Label.class).getText()).startsWith("小王");
    }

    @Test
    void aMissingVideoShowsThePosterAndSaysTheVideoIsUnavailable(FxRobot robot) throws Exception {
        serve("/v/poster.png", 200, png());
        serve("/v/missing.mp4", 404, new byte[0]);
        server.setVideo(li, new VideoSubmission(base + "/v/missing.mp4", base + "/v/poster.png", 12, "青城山日出"));
        open(robot);

        awaitNote(robot, "Video unavailable: the file could not be loaded.");

        assertThat(note(robot)).contains("It is no longer there");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> posterShown(robot));
        assertThat(robot.lookup("#mediaView").queryAs(MediaView.class).getMediaPlayer()).isNull();
        decidesOnAsUsual(robot);
    }

    @Test
    void aPlayerThatDoesNotStartWithinTheLimitIsGivenUpOnAndThePosterStays(FxRobot robot) throws Exception {
        // A real clip: the player is created on it, and the limit passes before it gets ready (no 30 s wait here).
        serve("/v/pets.mp4", 200, Files.readAllBytes(java.nio.file.Path.of(
                "../server/src/main/resources/sandbox/media/pets.mp4")));
        // The poster arrives only after the player was given up on: it must still be shown.
        java.util.concurrent.CountDownLatch posterHeld = new java.util.concurrent.CountDownLatch(1);
        byte[] poster = png();
        media.createContext("/v/poster.png", exchange -> {
            try {
                posterHeld.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, poster.length);
            exchange.getResponseBody().write(poster);
            exchange.close();
        });
        server.setVideo(li, new VideoSubmission(base + "/v/pets.mp4", base + "/v/poster.png", 4, "猫咪"));
        startLimitPassed.set(true);
        open(robot);

        awaitNote(robot, "Video unavailable: the player did not start. The poster is shown instead.");
        posterHeld.countDown();

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> posterShown(robot));
        assertThat(robot.lookup("#mediaView").queryAs(MediaView.class).getMediaPlayer()).isNull();
        assertThat(robot.lookup("#videoControls").query().isVisible()).isFalse();
        decidesOnAsUsual(robot);
    }

    @Test
    void bytesThatAreNoVideoNeverReachThePlayer(FxRobot robot) throws Exception {
        serve("/v/broken.mp4", 200, "<html>an error page, not a clip</html>".getBytes(StandardCharsets.UTF_8));
        server.setVideo(li, new VideoSubmission(base + "/v/broken.mp4", null, 8, "坏文件"));
        open(robot);

        awaitNote(robot, "Video unavailable: the file is damaged or not a video.");

        assertThat(robot.lookup("#mediaView").queryAs(MediaView.class).getMediaPlayer()).isNull();
        assertThat(robot.lookup("#videoControls").query().isVisible()).isFalse();
        decidesOnAsUsual(robot);
    }

    @Test
    void aVideoOnAHostNobodyAllowedIsNeverFetched(FxRobot robot) throws Exception {
        serve("/v/clip.mp4", 200, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
        serve("/v/poster.png", 200, png());
        api.mediaHosts(List.of("media.example.com"));
        api.mediaServer("http://127.0.0.1:9"); // the local server is now another origin, as an attacker's host is
        server.setVideo(li, new VideoSubmission(base + "/v/clip.mp4", base + "/v/poster.png", 4, "钓鱼"));
        open(robot);

        awaitNote(robot, "Video unavailable: host not allowed.");

        assertThat(requests.get()).as("requests that reached the unlisted host").isZero();
        assertThat(api.mediaFetches()).isZero();
        assertThat(robot.lookup("#posterView").queryAs(ImageView.class).getImage()).isNull();
        decidesOnAsUsual(robot);
    }
}
