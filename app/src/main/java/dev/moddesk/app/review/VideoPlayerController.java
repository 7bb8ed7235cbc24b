package dev.moddesk.app.review;

import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.Futures;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.Shown;
import dev.moddesk.contract.review.VideoSubmission;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.media.Media;
import javafx.scene.media.MediaException;
import javafx.scene.media.MediaPlayer;
import javafx.scene.media.MediaView;
import javafx.util.Duration;
import javafx.util.Subscription;
import org.kordamp.ikonli.javafx.FontIcon;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inline video player ({@code video_player.fxml}) and the one owner of its {@link MediaPlayer}: {@link #load}
 * shows the poster, downloads the clip and creates the player on the local file; play/pause, seek and speed follow
 * the {@link VideoTransport} the keyboard drives; at the end it rewinds and reports "not playing"; {@link #clear}
 * disposes of it when the moderator leaves the application. A clip this machine cannot play keeps its poster and
 * says why; it never blocks the decision.
 *
 * <p>Thread: the FX thread; a download completes elsewhere and continues through {@code Platform.runLater}.
 */
public final class VideoPlayerController {

    private static final Logger log = LoggerFactory.getLogger(VideoPlayerController.class);

    private final ReviewText text;
    private final ErrorMessages errors;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private VideoTransport transport;
    private MediaPlayer player;
    /** The clip played to its end (shown in the time label until played again). */
    private boolean ended;
    /** Counts videos loaded, so a download that finishes after the moderator moved on is dropped. */
    private long generation;
    /** A player that neither gets ready nor fails within this time is given up on: the poster stays, a note says so. */
    static final java.time.Duration START_LIMIT = java.time.Duration.ofSeconds(30);
    private final ReviewTimers timers;
    private Subscription startWatch;
    /** The player whose ready event has come (its status may read READY before that event runs here). */
    private MediaPlayer readyPlayer;

    @FXML
    private StackPane videoPane;
    @FXML
    private ImageView posterView;
    @FXML
    private MediaView mediaView;
    @FXML
    private Label videoNote;
    @FXML
    private HBox videoControls;
    @FXML
    private FontIcon playIcon;
    @FXML
    private Label timeLabel;
    @FXML
    private Label videoStatus;

    /** {@code timers} run the start limit (tests fire it by hand: no test waits 30 s). */
    public VideoPlayerController(I18n i18n, ErrorMessages errors, ReviewTimers timers) {
        this.text = new ReviewText(i18n, ZoneId.systemDefault());
        this.errors = errors;
        this.timers = timers;
    }

    @FXML
    private void initialize() {
        Shown.hide(videoControls);
        Shown.hide(videoPane);
    }

    /** Follows {@code video} (the keys' play/pause, seek and speed) until {@link #unbind()}. */
    void bind(VideoTransport video) {
        this.transport = video;
        subscriptions.add(video.playingProperty().subscribe(this::playOrPause));
        subscriptions.add(video.rateProperty().subscribe(r -> {
            if (player != null) {
                player.setRate(r.doubleValue());
            }
            updateSpeedNote();
            updateTransport();
        }));
        subscriptions.add(video.seekRequestProperty().subscribe(seek -> {
            if (seek != null && player != null) {
                Duration target = player.getCurrentTime().add(Duration.seconds(seek.seconds()));
                player.seek(target.lessThan(Duration.ZERO) ? Duration.ZERO : target);
            }
        }));
    }

    void unbind() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        clear();
        transport = null;
    }

    /** Shows {@code video} (or nothing, when the application has none): poster first, the clip once downloaded. */
    void load(VideoSubmission video) {
        clear();
        long shown = ++generation;
        if (video == null) {
            Shown.hide(videoPane);
            videoStatus.setText("");
            return;
        }
        Shown.show(videoPane);
        videoNote.setText(text.get("review.video.loading"));
        Shown.show(videoNote);
        posterView.setImage(null);
        // The poster comes like the video: through the console's client (allowed hosts, the profile's CA).
        transport.poster(video.posterUrl()).whenCompleteAsync((file, error) -> {
            if (shown == generation && file != null) {
                posterView.setImage(new Image(file.toUri().toString(), true));
            } else if (error != null) {
                log.info("poster could not be loaded: {}", error.toString());
            }
        }, Platform::runLater);
        posterView.setVisible(true);
        mediaView.setVisible(false);
        videoStatus.setText(text.get("review.video.caption", video.durationSeconds(),
                video.caption() == null ? "" : video.caption()));
        // Download first, then play the local file: never network I/O on the FX thread (see MediaFiles).
        transport.file(video.url()).whenCompleteAsync((file, error) -> {
            if (shown != generation) {
                return; // the moderator has moved on
            }
            if (error != null) {
                couldNotLoad(error);
            } else {
                play(file);
            }
        }, Platform::runLater);
    }

    /** Disposes of the player: the moderator left the application (or it is being replaced). */
    void clear() {
        generation++; // a download still under way must not start a player for what is no longer shown
        disposePlayer();
    }

    /** Lets the player go; the poster (perhaps still on its way) stays wanted for the application shown. */
    private void disposePlayer() {
        ended = false;
        stopStartWatch();
        Shown.hide(videoControls);
        if (player != null) {
            player.dispose();
            player = null;
        }
        readyPlayer = null;
        mediaView.setMediaPlayer(null);
    }

    private void play(Path file) {
        try {
            MediaPlayer created = new MediaPlayer(new Media(file.toUri().toString()));
            created.setOnError(() -> cannotPlay(created.getError()));
            created.setOnReady(() -> {
                readyPlayer = created;
                stopStartWatch();
                mediaView.setVisible(true);
                posterView.setVisible(false);
                Shown.hide(videoNote);
                Shown.show(videoControls);
                updateTransport();
                if (transport.playingProperty().get()) {
                    created.play(); // space was pressed while the clip was still downloading
                }
            });
            created.currentTimeProperty().addListener((o, was, now) -> updateTransport());
            created.statusProperty().addListener((o, was, now) -> updateTransport());
            created.setOnEndOfMedia(() -> {
                ended = true;
                created.pause();
                created.seek(Duration.ZERO);
                transport.playingProperty().set(false);
                updateTransport();
            });
            created.setRate(transport.rateProperty().get());
            mediaView.setMediaPlayer(created);
            player = created;
            watchStart(created);
        } catch (MediaException | IllegalArgumentException | UnsupportedOperationException e) {
            cannotPlay(e);
        }
    }

    private void couldNotLoad(Throwable error) {
        log.info("video could not be loaded: {}", error.toString());
        boolean refused = VideoTransport.refusedHost(error);
        posterView.setVisible(true);
        mediaView.setVisible(false);
        videoNote.setText(refused ? errors.describe(error)
                : Futures.unwrap(error) instanceof VideoTransport.NotAVideo ? text.get("review.video.unreadable")
                : text.get("review.video.loadFailed", errors.describe(error)));
        Shown.show(videoNote);
    }

    /** Gives up on the player: the poster stays and {@code note} says why. */
    private void unavailable(String note) {
        disposePlayer(); // not clear(): a poster that arrives after this must still be shown
        posterView.setVisible(true);
        mediaView.setVisible(false);
        videoNote.setText(note);
        Shown.show(videoNote);
    }

    /**
     * Gives {@code created} {@link #START_LIMIT} to get ready (or fail): a player whose ready event has not come by then is
     * given up on,
     * so a clip the platform's codecs choke on never leaves the moderator with a spinner.
     */
    private void watchStart(MediaPlayer created) {
        Subscription watch = timers.every(START_LIMIT, () -> {
            stopStartWatch();
            if (player == created && readyPlayer != created) {
                log.info("video player did not start within {}", START_LIMIT);
                unavailable(text.get("review.video.noStart"));
            }
        });
        if (player == created && startWatch == null) {
            startWatch = watch;
        } else {
            watch.unsubscribe(); // it already fired (a limit that had passed) or the player is gone
        }
    }

    private void stopStartWatch() {
        if (startWatch != null) {
            startWatch.unsubscribe();
            startWatch = null;
        }
    }

    /** Codecs differ per platform: keep the poster, say why the video is not playing, and carry on. */
    private void cannotPlay(Exception e) {
        log.info("video cannot play here: {}", e == null ? "unknown" : e.toString());
        unavailable(text.get("review.video.cannotPlay"));
    }

    private void playOrPause(boolean play) {
        if (player == null) {
            return;
        }
        if (play) {
            ended = false;
            player.play();
        } else {
            player.pause();
        }
        updateSpeedNote();
        updateTransport();
    }

    @FXML
    private void onPlayPause() {
        if (transport != null) {
            transport.togglePlaying();
        }
    }

    /** Play/pause icon and "0:01 / 0:04 · 1×" (or "· ended"), from the player's own state. */
    private void updateTransport() {
        if (player == null || transport == null) {
            return;
        }
        boolean playing = player.getStatus() == MediaPlayer.Status.PLAYING;
        playIcon.setIconLiteral(playing ? "fth-pause" : "fth-play");
        Duration total = player.getTotalDuration();
        String time = clock(player.getCurrentTime()) + " / " + (total == null || total.isUnknown() ? "–" : clock(total));
        timeLabel.setText(ended ? text.get("review.video.ended", time)
                : text.get("review.video.time", time, transport.rateProperty().get()));
    }

    private static String clock(Duration d) {
        long s = (long) Math.floor(d.toSeconds());
        return s / 60 + ":" + String.format("%02d", s % 60);
    }

    private void updateSpeedNote() {
        if (player != null && transport != null) {
            videoNote.setText(text.get("review.video.speed", transport.rateProperty().get()));
            Shown.show(videoNote);
        }
    }



}
