package dev.moddesk.app;

import dev.moddesk.app.core.AppPaths;
import dev.moddesk.app.core.FirstPaint;
import dev.moddesk.app.core.Warmup;
import javafx.application.Application;

/**
 * The console's entry point, {@code --module dev.moddesk.app/dev.moddesk.app.Launcher}. A plain class, so the same main
 * also works from the class path (tools, tests), where JavaFX refuses an Application subclass as the main class.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        FirstPaint.mark("main");
        // The rotating log file goes to the OS's log folder (core/LogSetup reads this before the first log line).
        if (System.getProperty("moddesk.log.dir") == null) {
            System.setProperty("moddesk.log.dir", AppPaths.logDir().toString());
        }
        // Settings and logging are read on another core while the JavaFX toolkit starts.
        Warmup.begin(AppPaths.configDir());
        Application.launch(ModDeskApp.class, args);
    }
}
