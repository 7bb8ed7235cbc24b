package dev.moddesk.app.e2e;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.Json;
import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.app.api.SessionApi;
import dev.moddesk.app.api.WordListApi;
import dev.moddesk.app.api.stream.StreamOptions;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.FrameDrain;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.SandboxServer;
import dev.moddesk.app.rooms.ChatRow;
import dev.moddesk.app.rooms.RoomMonitorModel;
import dev.moddesk.app.rooms.RoomsBackend;
import dev.moddesk.app.rooms.RoomsHub;
import dev.moddesk.app.rooms.StreamRoomFeed;
import dev.moddesk.app.rooms.WallAlarm;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.contract.rooms.WordTermRequest;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import javafx.collections.ListChangeListener;

/**
 * End-to-end room stream benchmark (docs/benchmarks.md, "Live rooms end to end"): the real server jar in its own
 * process (or two, sharing PostgreSQL and NATS JetStream), the {@link RoomsLoadGenerator} in another process ingesting
 * {@code room.message} batches on the first node at a target rate, and in this process the console's real stream path
 * (its WebSocket client, decode, RoomsHub routing, each monitor's screening with the server's hits and a watch list,
 * ChatLog) connected to the last node, headless: this thread is the console's FX thread and pulses the per-frame
 * drain (4 ms budget) 60 times a second. Every row a monitor's log adds is counted by per-room sequence number
 * ({@link StreamAccounting}). With {@code heap-every=60}, used heap after a full GC is sampled every minute.
 *
 * <p>Arguments as {@code key=value}: {@code jar} (server jar), {@code nodes} (1 or 2), {@code db} (a jdbc:postgresql URL
 * or {@code h2}), {@code nats} (URL or {@code none}), {@code rate} (messages/s, all rooms), {@code seconds} (measured),
 * {@code warmup} (seconds sent before), {@code rooms}, {@code batch}, {@code senders}, {@code heap-every} (seconds, 0: off).
 */
public final class RoomsStreamBenchmark {
    private static final long FRAME_NANOS = 16_666_667L;

    private RoomsStreamBenchmark() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("nodes", "1", "db", "h2", "nats", "none", "rate", "10000",
                "seconds", "60", "warmup", "15", "rooms", "5", "batch", "500", "senders", "3", "heap-every", "0"));
        for (String arg : argv) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        int nodes = Integer.parseInt(a.get("nodes"));
        double rate = Double.parseDouble(a.get("rate"));
        int seconds = Integer.parseInt(a.get("seconds"));
        int warmup = Integer.parseInt(a.get("warmup"));
        int roomCount = Integer.parseInt(a.get("rooms"));
        int heapEvery = Integer.parseInt(a.get("heap-every"));
        System.out.println("room stream benchmark: " + a + "; machine: " + loadAverage());

        List<String> options = new ArrayList<>(List.of("--no-sim"));
        if (!a.get("db").equals("h2")) {
            options.addAll(List.of("--db-url", a.get("db"), "--db-user", "postgres"));
        } else if (nodes > 1) {
            throw new IllegalArgumentException("two nodes need a shared database: db=jdbc:postgresql://…");
        }
        if (!a.get("nats").equals("none")) {
            options.addAll(List.of("--nats-url", a.get("nats")));
        }
        Path dataDir = Files.createTempDirectory("moddesk-rooms-bench");
        List<SandboxServer> servers = new ArrayList<>();
        Process load = null;
        try {
            for (int n = 0; n < nodes; n++) {
                // The nodes share the data folder, so the second one reuses the sandbox passwords the first one made.
                servers.add(SandboxServer.start(Path.of(a.get("jar")), dataDir, Duration.ofSeconds(180), options));
            }
            SandboxServer ingestNode = servers.getFirst();
            SandboxServer consoleNode = servers.getLast();
            System.out.println("ingest on " + ingestNode.url() + ", console on " + consoleNode.url());

            TestPlatform platform = TestPlatform.connect(ingestNode.url(), ingestNode.account(Role.ADMIN).orElseThrow());
            String run = Long.toString(System.currentTimeMillis(), 36);
            List<String> rooms = new ArrayList<>();
            List<IngestEvent> opened = new ArrayList<>();
            for (int r = 1; r <= roomCount; r++) {
                String room = "bench-" + run + "-" + r;
                rooms.add(room);
                opened.add(platform.roomOpened(room, "FRIENDS", "压测房间 " + r, "host-" + r, "主播" + r, "上海"));
            }
            platform.ingest(opened);

            ApiClient ops = signedIn(consoleNode, Role.OPS);
            new WordListApi(ops).add(new WordTermRequest("刷礼物", "ads", "FLAG", null)).join();

            Console console = new Console(ops, rooms);
            console.hub.setWatchTerms("卡了, 听不到");
            console.pumpUntil(() -> console.ready(), Duration.ofSeconds(60));

            Path result = dataDir.resolve("load-result.txt");
            long startMicros = nowMicros();
            long measureFrom = startMicros + warmup * 1_000_000L;
            long measureTo = measureFrom + seconds * 1_000_000L;
            console.accounting.measure(measureFrom, measureTo);
            ProcessBuilder pb = new ProcessBuilder(javaCommand(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    RoomsLoadGenerator.class.getName(), ingestNode.url(), String.join(",", rooms), a.get("rate"),
                    Integer.toString(warmup + seconds), a.get("batch"), a.get("senders"), result.toString())
                    .inheritIO();
            pb.environment().put("MODDESK_BENCH_KEY", platform.key());
            load = pb.start();

            console.run(load, measureFrom, measureTo, heapEvery);
            String totals = Files.readString(result).strip();
            long applied = Long.parseLong(totals.replaceAll(".*applied=(\\d+).*", "$1"));
            // After the load: let the console catch up (and backfill its gaps) until every applied line is accounted.
            console.pumpUntil(() -> console.accounting.accounted() >= applied, Duration.ofSeconds(120));

            System.out.println();
            System.out.println("load generator: " + totals);
            System.out.print(console.accounting.report(applied));
            System.out.printf(Locale.ROOT, "rate into the console over the %d s measured: %.0f lines/s (target %.0f)%n",
                    seconds, console.measuredLines / (double) seconds, rate);
            System.out.printf(Locale.ROOT, "send -> buffered latency over %d lines sent in the measured window: "
                            + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", console.accounting.latencySamples(),
                    console.accounting.latencyMillis(0.50), console.accounting.latencyMillis(0.99),
                    console.accounting.latencyMillis(1.0));
            System.out.println("lagging notices from the server: " + console.laggingSeen + "; frames: "
                    + console.frames + ", longest pulse " + console.longestPulseMillis + " ms");
            if (!console.heap.isEmpty()) {
                System.out.println("console used heap after GC, MB, each sample: " + console.heap);
            }
            System.out.println("machine at the end: " + loadAverage());
            console.close();
        } finally {
            if (load != null && load.isAlive()) {
                load.destroy();
            }
            servers.forEach(SandboxServer::close);
        }
        System.exit(0);
    }

    /** The console side: RoomsHub over the real stream client, one monitor per room, this thread as the FX thread. */
    private static final class Console implements Executor, AutoCloseable {
        final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        final FrameDrain drain = FrameDrain.standard();
        final RoomsHub hub;
        final StreamAccounting accounting = new StreamAccounting();
        final List<RoomMonitorModel> monitors = new ArrayList<>();
        final List<Long> heap = new ArrayList<>();
        long measuredLines;
        long frames;
        long longestPulseMillis;
        int laggingSeen;

        Console(ApiClient ops, List<String> rooms) {
            I18n i18n = new I18n(Locale.ENGLISH);
            RoomsHub[] holder = new RoomsHub[1];
            StreamRoomFeed feed = new StreamRoomFeed(ops, StreamOptions.defaults(), status -> {
                if (holder[0] != null) {
                    holder[0].statusChanged(status);
                }
            });
            hub = new RoomsHub(feed, RoomsBackend.of(new RoomsApi(ops)), drain,
                    new WallAlarm(new EventBus(Runnable::run), i18n, 500), this, Clock.systemUTC(),
                    new ErrorMessages(i18n), RoomsHub.MONITOR_CAPACITY);
            holder[0] = hub;
            hub.start();
            for (String room : rooms) {
                RoomMonitorModel m = hub.open(room);
                monitors.add(m);
                m.log().window().addListener((ListChangeListener<ChatRow>) c -> {
                    long now = nowMicros();
                    while (c.next()) {
                        if (c.wasAdded()) {
                            accounting.added(room, c.getAddedSubList(), now);
                        }
                    }
                });
                m.state().laggingProperty().subscribe(on -> laggingSeen += on ? 1 : 0);
            }
        }

        boolean ready() {
            return hub.statusProperty().get() == RoomsHub.Link.OPEN
                    && monitors.stream().noneMatch(m -> m.loadingProperty().get());
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        /** One frame: tasks that arrive until the frame is due, then the drain's pulse. */
        void frame(long due) throws InterruptedException {
            long wait = due - System.nanoTime();
            Runnable task = tasks.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
            while (task != null) {
                task.run();
                wait = due - System.nanoTime();
                task = wait > 0 ? tasks.poll(wait, TimeUnit.NANOSECONDS) : tasks.poll();
            }
            long t0 = System.nanoTime();
            drain.pulse();
            longestPulseMillis = Math.max(longestPulseMillis, (System.nanoTime() - t0) / 1_000_000);
            frames++;
        }

        void pumpUntil(java.util.function.BooleanSupplier done, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long due = System.nanoTime();
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    System.out.println("gave up waiting after " + timeout.toSeconds() + " s");
                    return;
                }
                due += FRAME_NANOS;
                frame(due);
            }
        }

        /** Frames until the load generator ends; prints a line every 5 s and samples the heap if asked. */
        void run(Process load, long measureFrom, long measureTo, int heapEvery) throws InterruptedException {
            long due = System.nanoTime();
            long lastPrint = System.nanoTime();
            long lastHeap = System.nanoTime();
            long printedLines = accounting.lines();
            while (load.isAlive()) {
                due += FRAME_NANOS;
                long before = accounting.lines();
                frame(due);
                long now = nowMicros();
                if (now >= measureFrom && now < measureTo) {
                    measuredLines += accounting.lines() - before;
                }
                if (System.nanoTime() - lastPrint >= 5_000_000_000L) {
                    double secs = (System.nanoTime() - lastPrint) / 1e9;
                    System.out.printf(Locale.ROOT, "%s  %.0f lines/s buffered, queue %d, lag %d ms, lagging rooms %d, "
                                    + "%s%n", Instant.now().toString().substring(11, 19),
                            (accounting.lines() - printedLines) / secs, hub.queuedProperty().get(),
                            hub.streamLagMillisProperty().get(), hub.laggingRoomsProperty().get(), loadAverage());
                    printedLines = accounting.lines();
                    lastPrint = System.nanoTime();
                }
                if (heapEvery > 0 && System.nanoTime() - lastHeap >= heapEvery * 1_000_000_000L) {
                    System.gc();
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    heap.add(used / (1024 * 1024));
                    System.out.println("heap after GC: " + used / (1024 * 1024) + " MB");
                    lastHeap = System.nanoTime();
                    due = System.nanoTime();
                }
            }
        }

        @Override
        public void close() {
            hub.close();
        }
    }

    private static ApiClient signedIn(SandboxServer server, Role role) {
        SandboxServer.Account account = server.account(role).orElseThrow();
        ApiClient client = new ApiClient(ApiClient.parseServerUrl(server.url()), ApiClient.defaultHttpClient(),
                Json.mapper());
        new SessionApi(client).login(account.username(), account.password()).join();
        return client;
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static String loadAverage() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ", 4);
            return "load average " + l[0] + " " + l[1] + " " + l[2];
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
