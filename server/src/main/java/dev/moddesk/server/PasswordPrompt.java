package dev.moddesk.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where a command reads a password: from the terminal without echo, asked twice (a typo would lock the only admin
 * out), or else the first line of standard input (scripts and tests pipe it in; it never appears in the process
 * list, as a command-line option would).
 */
final class PasswordPrompt {
    private final Console terminal;
    private final InputStream in;

    /** {@code terminal} is null when standard input is not a terminal. */
    PasswordPrompt(Console terminal, InputStream in) {
        this.terminal = terminal;
        this.in = in;
    }

    /** The prompt of the real process: the terminal when stdin is one, else stdin itself. */
    static PasswordPrompt ofProcess() {
        Console console = System.console();
        // Since JDK 22 System.console() also answers when stdin is redirected; only a real terminal may prompt.
        return new PasswordPrompt(console != null && console.isTerminal() ? console : null, System.in);
    }

    String read(String prompt) throws IOException {
        if (terminal != null) {
            char[] first = terminal.readPassword(prompt);
            char[] second = terminal.readPassword("Repeat the password: ");
            if (first == null || second == null) {
                throw new IOException("no password was entered");
            }
            try {
                if (!Arrays.equals(first, second)) {
                    throw new IOException("the two passwords differ");
                }
                return new String(first);
            } finally {
                Arrays.fill(first, '\0');
                Arrays.fill(second, '\0');
            }
        }
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IOException("no password on standard input (pipe it in, or run in a terminal)");
        }
        return line;
    }
}
