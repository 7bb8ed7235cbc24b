package dev.moddesk.server;

import java.io.PrintStream;

/** Lets tests in other packages run the command line as {@code java -jar} would (Main.run is package-private). */
public final class MainAccess {

    private MainAccess() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Main.run(args, out, err);
    }
}
