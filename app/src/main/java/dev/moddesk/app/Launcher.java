package dev.moddesk.app;

import javafx.application.Application;

/** Plain entry point: JavaFX on the class path needs a main class that is not the Application itself. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(ModDeskApp.class, args);
    }
}
