package dev.moddesk.app.core;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/**
 * Start-up work that needs no JavaFX toolkit, begun by the launcher on a daemon thread while the toolkit starts (about
 * half a second on which the other core is idle): logging set up, {@code settings.json} read (the first Jackson use),
 * the XML reader FXMLLoader uses. {@link AppContext} takes the settings from here when they are for its folder.
 */
public final class Warmup {
    private record Pending(Path configDir, CompletableFuture<SettingsStore> settings) {
    }

    private static Pending pending;

    private Warmup() {
    }

    /** Starts reading {@code configDir}'s settings and warming what the first window needs, in the background. */
    public static synchronized void begin(Path configDir) {
        CompletableFuture<SettingsStore> settings = new CompletableFuture<>();
        pending = new Pending(configDir, settings);
        Thread thread = new Thread(() -> {
            try {
                LoggerFactory.getLogger(Warmup.class).debug("warming up");
                settings.complete(new SettingsStore(configDir));
                javax.xml.stream.XMLInputFactory.newFactory();
            } catch (RuntimeException | Error e) {
                settings.completeExceptionally(e);
            }
        }, "moddesk-warmup");
        thread.setDaemon(true);
        thread.start();
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
