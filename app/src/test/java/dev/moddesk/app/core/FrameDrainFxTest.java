package dev.moddesk.app.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.stream.BoundedStreamQueue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real AnimationTimer (headless Monocle) pulses the drain and delivers on the FX thread. */
@ExtendWith(ApplicationExtension.class)
class FrameDrainFxTest {

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @Test
    void theAnimationTimerDeliversQueuedItemsOnTheFxThread(FxRobot robot) throws Exception {
        BoundedStreamQueue<String> queue = new BoundedStreamQueue<>(100);
        FrameDrain drain = FrameDrain.standard();
        CompletableFuture<Boolean> onFxThread = new CompletableFuture<>();
        CompletableFuture<List<String>> firstBatch = new CompletableFuture<>();
        drain.add(queue::drainTo, 100, batch -> {
            onFxThread.complete(Platform.isFxApplicationThread());
            firstBatch.complete(batch);
        });
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");

        robot.interact(drain::start);
        try {
            assertThat(firstBatch.get(10, TimeUnit.SECONDS)).containsExactly("a", "b", "c");
            assertThat(onFxThread.get()).isTrue();
        } finally {
            robot.interact(drain::stop);
        }
    }
}
