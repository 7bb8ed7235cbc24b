package dev.moddesk.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.moddesk.app.api.ApiClient;
import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.app.api.stream.StreamOptions;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.EventBus;
import dev.moddesk.app.core.FrameDrain;
import dev.moddesk.app.core.I18n;
import dev.moddesk.app.rooms.ChatLine;
import dev.moddesk.app.rooms.ChatRow;
import dev.moddesk.app.rooms.RoomMonitorModel;
import dev.moddesk.app.rooms.RoomsBackend;
import dev.moddesk.app.rooms.RoomsHub;
import dev.moddesk.app.rooms.StreamRoomFeed;
import dev.moddesk.app.rooms.WallAlarm;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.platform.IngestEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live-rooms console code (RoomsApi, the room stream client, RoomsHub, a monitor) against the real server jar in
 * its own process: the test plays the platform (its own room and chat through the ingest API, no simulator), the
 * console's side runs its real stack with the test thread as its "FX" thread, pulsing the per-frame drain by hand.
 */
class RoomsAgainstRealServerTest {
    @TempDir
    static Path dataDir;

    static RealServer server;
    private static final Duration FRAME = Duration.ofMillis(16);

    @BeforeAll
    static void startServer() throws Exception {
        server = RealServer.start(dataDir, List.of("--no-sim"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * The test thread as the console's FX thread: continuations queue here and run when the test pumps; a pump waits
     * for the next continuation at most one frame's time (no sleeping), then pulses the drain as a frame would.
     */
    private static final class TestThread implements Executor {
        private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runPending(Duration wait) throws InterruptedException {
            Runnable task = tasks.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
            while (task != null) {
                task.run();
                task = tasks.poll();
            }
        }
    }

    private static void pump(TestThread fx, FrameDrain drain, BooleanSupplier until) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!until.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in time");
            }
            fx.runPending(FRAME);
            drain.pulse();
        }
    }

    @Test
    void theWallListsAPlatformsRoomAndAMonitorLoadsItsChatThenFollowsTheStream() throws Exception {
        TestPlatform platform = TestPlatform.connect(server);
        platform.ingest(List.of(platform.roomOpened("e2e-room", "FRIENDS", "端到端测试房", "host-1", "房主", "北京")));
        List<IngestEvent> first = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            first.add(platform.roomMessage("e2e-room", "m" + i, "u" + i, "用户" + i, "第" + i + "条 \u202Eevil"));
        }
        platform.ingest(first);

        ApiClient ops = server.signedIn(Role.OPS);
        I18n i18n = new I18n(Locale.ENGLISH);
        TestThread fx = new TestThread();
        FrameDrain drain = new FrameDrain(Duration.ofMillis(50), 512, System::nanoTime);
        RoomsHub[] hub = new RoomsHub[1];
        StreamRoomFeed feed = new StreamRoomFeed(ops, StreamOptions.defaults(), status -> {
            if (hub[0] != null) {
                hub[0].statusChanged(status);
            }
        });
        hub[0] = new RoomsHub(feed, RoomsBackend.of(new RoomsApi(ops)), drain,
                new WallAlarm(new EventBus(Runnable::run), i18n, 500), fx, Clock.systemUTC(), new ErrorMessages(i18n),
                RoomsHub.MONITOR_CAPACITY);
        try (RoomsHub rooms = hub[0]) {
            rooms.start();
            pump(fx, drain, () -> rooms.wall().card("e2e-room") != null
                    && rooms.statusProperty().get() == RoomsHub.Link.OPEN);
            assertThat(rooms.wall().card("e2e-room").figures().title()).isEqualTo("端到端测试房");
            assertThat(rooms.problemProperty().get()).isEmpty();

            RoomMonitorModel monitor = rooms.open("e2e-room");
            pump(fx, drain, () -> lines(monitor).size() == 5);
            assertThat(lines(monitor)).extracting(ChatLine::text).first().asString()
                    .as("a bidi override is drawn as U+FFFD, never obeyed").isEqualTo("第1条 \uFFFDevil");

            List<IngestEvent> more = new ArrayList<>();
            for (int i = 6; i <= 8; i++) {
                more.add(platform.roomMessage("e2e-room", "m" + i, "u" + i, "用户" + i, "第" + i + "条"));
            }
            platform.ingest(more);
            pump(fx, drain, () -> lines(monitor).size() == 8);
            List<Long> seqs = lines(monitor).stream().map(ChatLine::seq).toList();
            assertThat(seqs).as("contiguous, no duplicate, nothing missing").isSorted().doesNotHaveDuplicates();
            assertThat(seqs.getLast() - seqs.getFirst()).isEqualTo(7);
            assertThat(monitor.log().window()).noneMatch(r -> r instanceof dev.moddesk.app.rooms.GapRow);
            assertThat(monitor.lagMillisProperty().get()).isGreaterThanOrEqualTo(0);
        }
    }

    private static List<ChatLine> lines(RoomMonitorModel monitor) {
        List<ChatLine> out = new ArrayList<>();
        for (ChatRow row : monitor.log().window()) {
            if (row instanceof ChatLine line) {
                out.add(line);
            }
        }
        return out;
    }
}
