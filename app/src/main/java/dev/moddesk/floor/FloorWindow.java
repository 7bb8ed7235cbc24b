package dev.moddesk.floor;

import dev.moddesk.app.core.FirstPaint;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The start-up floor: one label in a window, started exactly like the console (same module path and JVM options, its
 * own AOT cache), printing the same first-paint line. scripts/bench-startup.sh compares the console with it, so a
 * slow machine or a busy one shows in both. Not part of the console: {@code --module
 * dev.moddesk.app/dev.moddesk.floor.FloorWindow}; with {@code -Dmoddesk.aot.training=true} it exits after painting.
 */
public final class FloorWindow extends Application {

    public static void main(String[] args) {
        FirstPaint.mark("main");
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        FirstPaint.mark("start");
        stage.setTitle("ModDesk start-up floor");
        stage.setScene(new Scene(new Label("ModDesk 启动基线 start-up floor"), 1280, 800));
        boolean training = Boolean.getBoolean("moddesk.aot.training");
        if (training) {
            stage.setOpacity(0);
        }
        FirstPaint.whenPainted(stage, ms -> {
            System.out.println(FirstPaint.LINE_PREFIX + ms + " " + FirstPaint.marks());
            if (training) {
                Platform.exit();
            }
        });
        stage.show();
    }
}
