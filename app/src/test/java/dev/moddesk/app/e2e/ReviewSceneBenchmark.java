package dev.moddesk.app.e2e;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.review.DecisionOutbox;
import dev.moddesk.app.review.ReviewScene;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.IngestEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Benchmark (not a test): decision keystroke → the next application's answers laid out, in the real review scene
 * (its FXML, CSS and controllers at 1440×900, JavaFX on Monocle, headless), against the real server jar (own
 * process, embedded H2, {@code --no-sim}, the benchmark's own applications ingested through the platform API), the
 * console's ReviewApi over HTTP and its durable outbox (fsync per decision).
 *
 * <p>A sample starts when the key's KEY_PRESSED reaches the scene (an event filter; the key comes from TestFX's robot
 * through Monocle's input, as a keyboard's would) and ends in the first pulse, after its layout pass (a post-layout
 * pulse listener), in which the application pane names the next applicant and its first answer shows that
 * applicant's text with a height. So it includes waiting for the pulse (JavaFX pulses at most 60 times a second).
 * Two runs: 300 ms of reading before each key, and back to back (the next key as soon as the previous one's
 * application is laid out). Every fourth key is a reject (1), the others approve (A). It prints p50/p95/p99/max; it
 * asserts nothing.
 *
 * <p>Usage: {@code ReviewSceneBenchmark [samples per run, default 300]} with {@code -Dmoddesk.server.jar=...}.
 */
public final class ReviewSceneBenchmark {

    private static final int WARMUP = 30;
    private static final Pattern MARK = Pattern.compile("\\[(\\d+)]");

    private ReviewSceneBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        headless();
        Path dir = Files.createTempDirectory("review-scene-bench");
        try (RealServer server = RealServer.start(dir.resolve("server"), List.of("--no-sim"))) {
            int total = 2 * (samples + WARMUP) + 10;
            ingest(TestPlatform.connect(server), total);
            ApiClient client = server.signedIn(Role.ADMIN);
            ReviewApi api = new ReviewApi(client);
            Stage stage = FxToolkit.registerPrimaryStage();
            DecisionOutbox outbox = ReviewScene.outbox(dir.resolve("outbox"), api);
            ReviewScene review = onFx(() -> {
                ReviewScene r = ReviewScene.build(api, outbox, new I18n(Locale.SIMPLIFIED_CHINESE),
                        dir.resolve("config"), 1440, 900);
                stage.setScene(r.scene());
                stage.show();
                r.view().activate();
                return r;
            });
            Probe probe = onFx(() -> new Probe(review.scene()));
            probe.awaitFirst();
            FxRobot robot = new FxRobot();
            long[] reading = run(robot, probe, samples, 300);
            long[] backToBack = run(robot, probe, samples, 0);
            onFx(() -> {
                review.view().deactivate();
                return null;
            });
            outbox.close();
            System.out.println("keystroke -> next application laid out, real scene on Monocle, real server jar (H2)");
            report("reading 300 ms", reading);
            report("back to back", backToBack);
        } finally {
            Platform.exit();
        }
    }

    private static void headless() {
        System.setProperty("testfx.robot", "glass");
        System.setProperty("testfx.headless", "true");
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("headless.geometry", "1440x900-32");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }

    /** One circle with two questions and {@code count} applications, each marked [n] in its nickname and answer. */
    private static void ingest(TestPlatform platform, int count) throws Exception {
        platform.ingest(List.of(platform.circle("bench-circle", "成都", List.of("你为什么想加入？", "最近一次徒步去了哪里？"))));
        List<IngestEvent> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String mark = "[" + i + "]";
            // Letters, not digits, make each text its own: the server's duplicate check ignores digits, and a ring of
            // hundreds of identical answers made every submission re-flag all the earlier ones.
            String own = letters(i);
            batch.add(platform.application("bench-app-" + i, "bench-circle", "bench-user-" + i, "申请人" + mark,
                    "成都", List.of(mark + " 周末常和朋友去青城山、龙泉山徒步，也喜欢记录沿途的植物和鸟类。"
                            + "I have walked the Qingcheng trails many times and would like to join the group " + own,
                            "上周去了都江堰，走了十二公里 " + own)));
            if (batch.size() == 50 || i == count - 1) {
                platform.ingest(batch);
                batch = new ArrayList<>();
            }
        }
    }

    private static String letters(int n) {
        StringBuilder out = new StringBuilder();
        for (char c : Integer.toString(n, 26).toCharArray()) {
            out.append((char) ('a' + Character.digit(c, 26)));
        }
        return out.toString();
    }

    private static long[] run(FxRobot robot, Probe probe, int samples, long readingMillis) throws Exception {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < samples + WARMUP; i++) {
            if (readingMillis > 0) {
                Thread.sleep(readingMillis); // the moderator reading: prefetch has time
            }
            CountDownLatch shown = onFx(probe::arm);
            robot.type(i % 4 == 3 ? KeyCode.DIGIT1 : KeyCode.A);
            if (!shown.await(30, TimeUnit.SECONDS)) {
                System.out.println("no next application after " + i + " keys: stopping this run");
                break;
            }
            if (i >= WARMUP) {
                out.add(probe.lastNanos());
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    /**
     * Watches the scene on the FX thread: the key's arrival (event filter) and, after each pulse's layout, whether
     * the next application is laid out.
     */
    private static final class Probe {
        private final Scene scene;
        private final CountDownLatch first = new CountDownLatch(1);
        private volatile long lastNanos;
        private CountDownLatch armed;
        private int armedOn = -1;
        private long pressedAt;

        Probe(Scene scene) {
            this.scene = scene;
            scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                if (armed != null && pressedAt == 0) {
                    pressedAt = System.nanoTime();
                }
            });
            scene.addPostLayoutPulseListener(this::afterLayout);
        }

        void awaitFirst() throws InterruptedException {
            if (!first.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first application was never shown");
            }
        }

        /** Called on the FX thread before a key: the latch opens when the application after this one is laid out. */
        CountDownLatch arm() {
            armed = new CountDownLatch(1);
            armedOn = laidOut();
            pressedAt = 0;
            return armed;
        }

        long lastNanos() {
            return lastNanos;
        }

        private void afterLayout() {
            int now = laidOut();
            if (now >= 0) {
                first.countDown();
            }
            if (armed != null && pressedAt != 0 && now >= 0 && now != armedOn) {
                lastNanos = System.nanoTime() - pressedAt;
                CountDownLatch done = armed;
                armed = null;
                done.countDown();
            }
        }

        /** The application whose name and first answer are on screen and laid out, or -1. */
        private int laidOut() {
            Node label = scene.lookup("#applicantLabel");
            Node flow = scene.lookup("#answerFlow");
            if (!(label instanceof Label l) || !(flow instanceof TextFlow f) || !l.isVisible() || f.getHeight() <= 0
                    || f.getChildren().isEmpty() || !(f.getChildren().getFirst() instanceof Text t)) {
                return -1;
            }
            Matcher name = MARK.matcher(l.getText());
            Matcher answer = MARK.matcher(t.getText());
            if (!name.find() || !answer.find() || !name.group(1).equals(answer.group(1))) {
                return -1;
            }
            return Integer.parseInt(name.group(1));
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = LongStream.of(nanos).sorted().toArray();
        if (sorted.length == 0) {
            System.out.println(name + ": no samples");
            return;
        }
        System.out.printf(Locale.ROOT, "%s: n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n", name,
                sorted.length, ms(sorted, 0.50), ms(sorted, 0.95), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
