package dev.moddesk.app.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Plays the server jar's sandbox mode for launcher tests: serves the fake API and prints the same stdout lines the
 * real server prints, then exits when stdin closes ({@code --exit-on-stdin-eof}). When the data dir holds a file
 * FAIL it prints an error and exits 3 instead.
 */
public final class FakeSandboxMain {
    private FakeSandboxMain() {
    }

    public static void main(String[] args) throws IOException {
        // This is a stand-in for the server process, whose stdout is its documented interface.
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        java.util.List<String> list = java.util.Arrays.asList(args);
        int dataDir = list.indexOf("--data-dir");
        if (dataDir >= 0 && java.nio.file.Files.exists(java.nio.file.Path.of(list.get(dataDir + 1), "FAIL"))) {
            out.println("error: database locked");
            System.exit(3);
        }
        try (FakeModDeskServer server = new FakeModDeskServer()) {
            out.println("sandbox account: admin / " + FakeModDeskServer.PASSWORD + " (ADMIN)");
            out.println("sandbox account: ops / " + FakeModDeskServer.PASSWORD + " (OPS)");
            out.println("sandbox account: moderator / " + FakeModDeskServer.PASSWORD + " (MODERATOR)");
            out.println("ModDesk server listening on " + server.url());
            while (System.in.read() >= 0) {
                // wait for end of input: the console closed our stdin or died
            }
        }
    }
}
