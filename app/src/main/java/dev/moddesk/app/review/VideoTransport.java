package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

    /** A downloaded "video" that is no MP4 (no {@code ftyp} box first): damaged, or not a video at all. */
    public static final class NotAVideo extends RuntimeException {
        NotAVideo(String message) {
            super(message);
        }
    }

    /**
     * The application's video as a local file, downloaded off the FX thread once (see {@link MediaFiles}); fails with
     * {@link NotAVideo} when the bytes are not an MP4, so the player is never handed them.
     */
    public CompletableFuture<Path> file(String url) {
        return media.file(url).thenApply(VideoTransport::mp4);
    }

    /** The application's poster as a local file, fetched like the video (same hosts, same client, same trust). */
    public CompletableFuture<Path> poster(String url) {
        return url == null || url.isBlank() ? CompletableFuture.completedFuture(null) : media.file(url);
    }

    /** Whether {@code error} is the console refusing a media URL's host (nothing was fetched). */
    public static boolean refusedHost(Throwable error) {
        return dev.moddesk.app.api.ApiException.find(error)
                .map(e -> e.kind() == dev.moddesk.app.api.ApiException.Kind.MEDIA_HOST_REFUSED).orElse(false);
    }

    /** {@code file} when it starts like an MP4 (its first box is {@code ftyp}). */
    static Path mp4(Path file) {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new NotAVideo("cannot read the downloaded video: " + e.getMessage());
        }
        if (read < head.length || !"ftyp".equals(new String(head, 4, 4, StandardCharsets.ISO_8859_1))) {
            throw new NotAVideo("the downloaded file is not an MP4");
        }
        return file;
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
