package dev.moddesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.contract.LoginRequest;
import dev.moddesk.contract.ServerInfo;
import dev.moddesk.server.testing.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdout contract the console's sandbox launcher relies on, checked on a real server process: the three
 * sandbox account lines, then the listening line; the same passwords after a restart on the same data folder;
 * a clean stop when stdin closes ({@code --exit-on-stdin-eof}) and on SIGTERM.
 */
class LauncherContractTest {
    private static final Pattern ACCOUNT = Pattern.compile("sandbox account: (\\w+) / (\\S+) \\((\\w+)\\)");
    private static final Pattern LISTENING = Pattern.compile("ModDesk server listening on (http://[\\d.]+:\\d+)");

    @TempDir
    Path dataDir;

    record Started(Process process, List<String> lines, String url) {
    }

    private Started start() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "--sandbox", "--port", "0", "--data-dir", dataDir.toString(),
                "--exit-on-stdin-eof")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    queue.add(line);
                }
            } catch (IOException ignored) {
                // process ended
            }
        }, "launcher-test-stdout");
        reader.setDaemon(true);
        reader.start();
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = queue.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                assertThat(process.isAlive()).as("server exited early: " + lines).isTrue();
                continue;
            }
            lines.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.matches()) {
                return new Started(process, lines, listening.group(1));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("no listening line within 60 s: " + lines);
    }

    @Test
    void printsAccountsThenListeningAndStopsOnStdinEofOrSigterm() throws Exception {
        Started first = start();
        assertThat(first.lines()).hasSize(4);
        List<String> users = new ArrayList<>();
        List<String> passwords = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        for (String line : first.lines().subList(0, 3)) {
            Matcher m = ACCOUNT.matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            users.add(m.group(1));
            passwords.add(m.group(2));
            roles.add(m.group(3));
        }
        assertThat(users).containsExactly("admin", "ops", "moderator");
        assertThat(roles).containsExactly("ADMIN", "OPS", "MODERATOR");

        TestClient client = new TestClient(first.url(), null);
        assertThat(client.get("/api/v1/info").as(ServerInfo.class).sandbox()).isTrue();
        assertThat(client.post("/api/v1/session", new LoginRequest("admin", passwords.get(0))).status())
                .isEqualTo(201);

        first.process().getOutputStream().close();
        assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).as("stops on stdin EOF").isTrue();
        assertThat(first.process().exitValue()).isZero();

        Started second = start();
        assertThat(second.lines().subList(0, 3)).isEqualTo(first.lines().subList(0, 3));
        second.process().destroy(); // SIGTERM
        assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }
}
