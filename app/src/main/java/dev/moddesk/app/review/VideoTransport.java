package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The video of the application on screen as the keyboard drives it: playing or paused, speed, seek requests, and
 * where its local file comes from. The player control follows these properties; the model never touches a
 * {@code MediaPlayer}, so the keys are testable without media.
 *
 * <p>Thread: the FX thread. {@link #file} and {@link #warm} start downloads that complete on the HTTP client's
 * threads (see {@link MediaFiles}); they touch no property.
 */
public final class VideoTransport {

    public static final int SEEK_SECONDS = 5;
    private static final double[] RATES = {0.5, 0.75, 1.0, 1.25, 1.5, 2.0};

    /** A request to move the video; {@code sequence} makes two equal seeks two distinct events. */
    public record SeekRequest(long sequence, int seconds) {
    }

    private final ReviewApi api;
    private final MediaFiles media;
    private final BooleanProperty playing = new SimpleBooleanProperty(this, "playing");
    private final DoubleProperty rate = new SimpleDoubleProperty(this, "rate", 1.0);
    private final ObjectProperty<SeekRequest> seekRequest = new SimpleObjectProperty<>(this, "seekRequest");
    private long seekSequence;

    public VideoTransport(ReviewApi api) {
        this.api = api;
        this.media = new MediaFiles(api::media);
    }

    /** A new application starts paused at normal speed, whatever the previous one was left at. */
    public void reset() {
        playing.set(false);
        rate.set(1.0);
    }

    public void togglePlaying() {
        playing.set(!playing.get());
    }

    public void seekBack() {
        seekRequest.set(new SeekRequest(++seekSequence, -SEEK_SECONDS));
    }

    public void seekForward() {
        seekRequest.set(new SeekRequest(++seekSequence, SEEK_SECONDS));
    }

    public void slower() {
        rate.set(stepRate(-1));
    }

    public void faster() {
        rate.set(stepRate(1));
    }

    private double stepRate(int direction) {
        int at = 0;
        for (int i = 0; i < RATES.length; i++) {
            if (Math.abs(RATES[i] - rate.get()) < 1e-6) {
                at = i;
            }
        }
        return RATES[Math.max(0, Math.min(RATES.length - 1, at + direction))];
    }

    /** Where the media player fetches a video or poster URL from the application. */
    public String mediaUrl(String url) {
        return api.mediaUrl(url);
    }

    /** The application's video as a local file, downloaded off the FX thread once (see {@link MediaFiles}). */
    public CompletableFuture<Path> file(String url) {
        return media.file(url);
    }

    /** Downloads a video ahead (an application claimed ahead) so it plays at once when shown; failures wait. */
    public void warm(String url) {
        media.file(url).exceptionally(e -> null);
    }

    public BooleanProperty playingProperty() {
        return playing;
    }

    public DoubleProperty rateProperty() {
        return rate;
    }

    public ReadOnlyObjectProperty<SeekRequest> seekRequestProperty() {
        return seekRequest;
    }
}
