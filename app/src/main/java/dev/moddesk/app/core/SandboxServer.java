package dev.moddesk.app.core;

import dev.moddesk.contract.Role;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reference server jar as its own process in sandbox mode and reads its address and sandbox accounts from
 * its stdout. Used by {@code --sandbox} and by end-to-end tests. {@link #close()} stops the process; the server's
 * {@code --exit-on-stdin-eof} makes it stop too when this JVM dies without closing.
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
    static final Pattern ACCOUNT = Pattern.compile("sandbox account: (\\S+) / (\\S+) \\((MODERATOR|OPS|ADMIN)\\)");
    static final Pattern LISTENING = Pattern.compile("ModDesk server listening on (https?://\\S+)");

    /** A sandbox login as printed by the server. */
    public record Account(String username, String password, Role role) {
        @Override
        public String toString() {
            return "Account[" + username + ", " + role + "]";
        }
    }

    /** Why the sandbox could not start, with the server's last output lines for the error window. */
    public static final class StartException extends Exception {
        private final List<String> output;

        public StartException(String message, List<String> output, Throwable cause) {
            super(message, cause);
            this.output = List.copyOf(output);
        }

        public List<String> output() {
            return output;
        }
    }

    private final Process process;
    private final String url;
    private final List<Account> accounts;

    private SandboxServer(Process process, String url, List<Account> accounts) {
        this.process = process;
        this.url = url;
        this.accounts = List.copyOf(accounts);
    }

    /** Starts with a fresh port; blocks until the server says it listens (call it off the FX thread). */
    public static SandboxServer start(Path serverJar, Path dataDir, Duration timeout) throws StartException {
        return start(serverJar, dataDir, timeout, List.of());
    }

    /** As {@link #start(Path, Path, Duration)}, with more server options (tests pass {@code --no-sim}). */
    public static SandboxServer start(Path serverJar, Path dataDir, Duration timeout, List<String> serverOptions)
            throws StartException {
        if (serverJar == null || !Files.isRegularFile(serverJar)) {
            throw new StartException("The server jar is missing: " + serverJar
                    + ". Build it first (mvn -pl server -am package) or pass --server-jar.", List.of(), null);
        }
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.addAll(List.of("-jar", serverJar.toAbsolutePath().toString(), "--sandbox", "--port", "0",
                "--data-dir", dataDir.toAbsolutePath().toString(), "--exit-on-stdin-eof"));
        command.addAll(serverOptions);
        Process process;
        try {
            Files.createDirectories(dataDir);
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new StartException("Cannot start the sandbox server: " + e.getMessage(), List.of(), e);
        }
        LOG.info("Started sandbox server pid {} with data in {}", process.pid(), dataDir);
        CompletableFuture<String> listening = new CompletableFuture<>();
        List<Account> accounts = new ArrayList<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> readOutput(process, listening, accounts, tail), "sandbox-server-output");
        reader.setDaemon(true);
        reader.start();
        try {
            String url = listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (accounts) {
                return new SandboxServer(process, url, accounts);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new StartException("Interrupted while starting the sandbox server", snapshot(tail), e);
        } catch (ExecutionException e) {
            stop(process);
            throw new StartException(e.getCause().getMessage(), snapshot(tail), e.getCause());
        } catch (TimeoutException e) {
            stop(process);
            throw new StartException("The sandbox server did not start within " + timeout.toSeconds() + " s", snapshot(tail), e);
        }
    }

    private static void readOutput(Process process, CompletableFuture<String> listening, List<Account> accounts, Deque<String> tail) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                Matcher account = ACCOUNT.matcher(line);
                if (account.find()) {
                    synchronized (accounts) {
                        accounts.add(new Account(account.group(1), account.group(2), Role.valueOf(account.group(3))));
                    }
                    LOG.info("sandbox server: sandbox account {} ({})", account.group(1), account.group(3));
                } else {
                    LOG.info("sandbox server: {}", line);
                }
                synchronized (tail) {
                    tail.addLast(line.replaceAll(ACCOUNT.pattern(), "sandbox account: $1 / *** ($3)"));
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(m.group(1));
                }
            }
        } catch (IOException e) {
            LOG.debug("sandbox server output closed: {}", e.toString());
        }
        listening.completeExceptionally(new IllegalStateException("The sandbox server stopped before it was ready"
                + exitCode(process)));
    }

    private static String exitCode(Process process) {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return " (exit code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** The {@code java} this console runs on, so the server runs on the same JDK. */
    static String javaCommand() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public String url() {
        return url;
    }

    public List<Account> accounts() {
        return accounts;
    }

    public Optional<Account> account(Role role) {
        return accounts.stream().filter(a -> a.role() == role).findFirst();
    }

    public boolean running() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // closing stdin is only a hint; destroy follows
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            LOG.info("Sandbox server stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
