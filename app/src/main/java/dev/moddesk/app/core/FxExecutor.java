package dev.moddesk.app.core;

import java.util.concurrent.Executor;
import javafx.application.Platform;

/** Runs work on the JavaFX application thread; view models receive it as a plain {@link Executor}. */
public final class FxExecutor implements Executor {
    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
