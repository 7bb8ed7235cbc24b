package dev.moddesk.app.core;

import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import javafx.css.CssParser;
import javafx.css.Stylesheet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that needs no JavaFX toolkit, begun by the launcher on a daemon thread while the toolkit starts (about
 * half a second on which the other core is idle): logging set up, {@code settings.json} read (the first Jackson use),
 * the stylesheets' first read. {@link AppContext} takes the settings from here when they are for its folder. The sign-in
 * form is built in code, so nothing before the first paint reads XML (FXML views load after sign-in).
 */
public final class Warmup {
    private record Pending(Path configDir, CompletableFuture<SettingsStore> settings) {
    }

    private static Pending pending;
    private static CompletableFuture<Void> styles = CompletableFuture.completedFuture(null);

    private Warmup() {
    }

    /** Starts reading {@code configDir}'s settings and warming what the first window needs, in the background. */
    public static synchronized void begin(Path configDir) {
        CompletableFuture<SettingsStore> settings = new CompletableFuture<>();
        CompletableFuture<Void> stylesRead = new CompletableFuture<>();
        pending = new Pending(configDir, settings);
        styles = stylesRead;
        Thread thread = new Thread(() -> {
            try {
                LoggerFactory.getLogger(Warmup.class).debug("warming up");
                settings.complete(new SettingsStore(configDir));
            } catch (RuntimeException | Error e) {
                settings.completeExceptionally(e);
            }
            try {
                readStylesheets();
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(Warmup.class).debug("stylesheet warm-up: {}", e.toString());
            } finally {
                stylesRead.complete(null);
            }
        }, "moddesk-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads the Primer stylesheet and ours once, and drops them: what costs the FX thread its first stylesheets is
     * mostly first use (class initialisation, interpreted code), and this pays it on the idle core while the toolkit
     * starts. Nothing is shared with the FX thread's own loading, which waits for this ({@link #awaitStylesheets()}),
     * so the two never run JavaFX's CSS code at the same time.
     */
    private static void readStylesheets() throws IOException {
        URL primer = PrimerLight.class.getResource(new PrimerLight().getUserAgentStylesheetBSS());
        if (primer != null && Stylesheet.loadBinary(primer) != null) {
            FirstPaint.mark("primerRead"); // on this thread: its CPU, not the FX thread's
        }
        CssParser parser = new CssParser();
        for (String css : List.of(ThemeService.TOKENS, ThemeService.APP)) {
            URL url = Warmup.class.getResource(css);
            if (url != null) {
                parser.parse(url);
            }
        }
        FirstPaint.mark("stylesRead");
    }

    /** Waits for the stylesheet warm-up, if one was begun: called on the FX thread before it loads any stylesheet. */
    public static void awaitStylesheets() {
        styles.join();
    }

    /** The settings of {@code configDir}: from the warm-up when it read that folder (once), else read now. */
    static SettingsStore settings(Path configDir) {
        Pending p;
        synchronized (Warmup.class) {
            p = pending;
            pending = null;
        }
        if (p != null && p.configDir().equals(configDir)) {
            try {
                return p.settings().join();
            } catch (CompletionException e) {
                LoggerFactory.getLogger(Warmup.class).warn("Warm-up could not read the settings: {}", e.getCause().toString());
            }
        }
        return new SettingsStore(configDir);
    }
}
