package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.AuditApi;
import dev.moddesk.app.api.AuditQuery;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.SandboxServer;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decisions are never lost or applied twice, through crashes on both sides, against the real server jar: a console
 * process decides 50 applications through its durable outbox; halfway the server is killed (SIGKILL), the console
 * process is killed and started again while the server is down, then the server comes back on the same data. Every
 * application must then have exactly one decision in the server's decision log and exactly one action on the feed,
 * compared by application, not by count.
 */
class OutboxSurvivesCrashesTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OutboxSurvivesCrashesTest.class);
    static final int APPLICATIONS = 50;

    @TempDir
    Path dataDir;
    @TempDir
    Path outboxDir;

    @Test
    void everyDecisionIsAppliedExactlyOnceThroughAServerKillAndAConsoleRestart() throws Exception {
        List<String> options = List.of("--no-sim", "--port", Integer.toString(freePort()));
        RealServer server = RealServer.start(dataDir, options);
        ConsoleProcess restarted = null;
        try {
            TestPlatform platform = TestPlatform.connect(server);
            List<IngestEvent> events = new ArrayList<>();
            events.add(platform.circle("crash-circle", "成都", List.of("你打羽毛球多久了？")));
            Set<String> users = IntStream.rangeClosed(1, APPLICATIONS).mapToObj(i -> "crash-user-" + i)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
            for (int i = 1; i <= APPLICATIONS; i++) {
                events.add(platform.application("crash-app-" + i, "crash-circle", "crash-user-" + i, "用户" + i, "成都",
                        List.of("打了" + i + "年")));
            }
            platform.ingest(events);
            SandboxServer.Account moderator = server.account(Role.MODERATOR);

            ConsoleProcess console = ConsoleProcess.start(server.url(), moderator, outboxDir, APPLICATIONS / 2);
            for (int i = 0; i < APPLICATIONS / 2; i++) {
                console.await(l -> l.startsWith("submitted "));
            }
            server.crash();
            console.kill();

            restarted = ConsoleProcess.start(server.url(), moderator, outboxDir, APPLICATIONS);
            restarted.await(l -> l.startsWith("loaded "));
            restarted.await(l -> l.startsWith("waiting "));   // it tried while the server was down
            server = RealServer.start(dataDir, options);
            assertThat(restarted.await(l -> l.startsWith("confirmed "))).endsWith(" failed 0");

            ApiClient admin = server.signedIn(Role.ADMIN);
            ReviewApi review = new ReviewApi(admin);
            Map<String, Integer> decisionsPerUser = new TreeMap<>();
            for (AuditEntry e : decisionLog(admin)) {
                String user = review.application(Long.parseLong(e.targetId())).get(30, TimeUnit.SECONDS).applicant().userId();
                decisionsPerUser.merge(user, 1, Integer::sum);
            }
            assertThat(decisionsPerUser.keySet()).as("applications with a decision").isEqualTo(users);
            assertThat(decisionsPerUser.values()).as("decisions per application").containsOnly(1);

            // Final actions go out once the 10 s undo window has closed.
            Map<String, Integer> actionsPerUser = Map.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (actionsPerUser.size() < APPLICATIONS && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
                actionsPerUser = platform.actions().stream()
                        .filter(a -> a.type().equals("application.approved") || a.type().equals("application.rejected"))
                        .collect(Collectors.toMap(a -> (String) a.payload().get("userId"), a -> 1, Integer::sum, TreeMap::new));
            }
            assertThat(actionsPerUser.keySet()).as("applications on the action feed").isEqualTo(users);
            assertThat(actionsPerUser.values()).as("feed actions per application").containsOnly(1);
        } finally {
            if (restarted != null) {
                restarted.kill();
            }
            server.close();
        }
    }

    private static List<AuditEntry> decisionLog(ApiClient admin) throws Exception {
        List<AuditEntry> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<AuditEntry> page = new AuditApi(admin).page(new AuditQuery(null, "review.decision", "application", null, null, null,
                    cursor, AuditEntry.MAX_PAGE_SIZE)).get(30, TimeUnit.SECONDS);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** {@link OutboxConsoleProcess} in its own JVM, its output lines readable one at a time. */
    private record ConsoleProcess(Process process, BlockingQueue<String> lines) {
        static ConsoleProcess start(String url, SandboxServer.Account account, Path outboxDir, int limit) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    OutboxConsoleProcess.class.getName(), url, account.username(), account.password(),
                    outboxDir.toString(), Integer.toString(limit)).redirectErrorStream(true).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        LOG.info("console {}: {}", p.pid(), line);
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("output closed: " + e);
                }
            }, "outbox-console-output");
            reader.setDaemon(true);
            reader.start();
            return new ConsoleProcess(p, lines);
        }

        /** The next line that matches, skipping others (log lines); fails after 5 minutes or when the process ends. */
        String await(Predicate<String> wanted) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && wanted.test(line)) {
                    return line;
                }
                if (line == null && !process.isAlive() && lines.isEmpty()) {
                    throw new AssertionError("the console process ended (exit " + process.exitValue() + ")");
                }
            }
            throw new AssertionError("the console process did not print the expected line in time");
        }

        void kill() throws Exception {
            process.destroyForcibly();
            process.onExit().get(60, TimeUnit.SECONDS);
        }
    }
}
