package dev.moddesk.app.rooms;

import dev.moddesk.app.api.AppealsApi;
import dev.moddesk.app.api.HeldMessagesApi;
import dev.moddesk.app.api.ReportsApi;
import dev.moddesk.app.api.RoomsApi;
import dev.moddesk.app.api.WordListApi;
import dev.moddesk.app.api.stream.StreamOptions;
import dev.moddesk.app.api.stream.StreamStatus;
import dev.moddesk.app.core.AppContext;
import dev.moddesk.app.core.ControllerFactory;
import dev.moddesk.app.core.FeatureModule;
import dev.moddesk.app.core.FrameDrain;
import dev.moddesk.app.core.Session;
import dev.moddesk.app.core.ViewSpec;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportTarget;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.kordamp.ikonli.feather.Feather;

/**
 * Live rooms for ops and admins: the room wall, the user report and appeal queues, the held-for-review queue, the
 * word list and the room monitors
 * (tabs), on one {@link RoomsHub} per session (the stream, the per-frame drain, the open monitors), made when the view
 * first loads and closed on sign-out. While it runs, the stream's lag is in the shell's status bar
 * ({@link RoomsStatusReporter}).
 * Tests give their own stream and REST side.
 */
public final class RoomsModule implements FeatureModule {
    public static final String VIEW = "rooms";
    public static final String MONITOR_VIEW = "room-monitor";
    /** Default rate at which a room's card notifies. */
    static final double ALARM_RATE = 500;

    private final BiFunction<Session, StreamStatus.Listener, RoomFeed> feeds;
    private final Function<Session, RoomsBackend> backends;
    private final Function<Session, WordsBackend> wordBackends;
    private final Function<Session, ReportsBackend> reportBackends;
    private final Clock clock;
    private final int capacity;
    private AppContext app;
    private RoomsHub hub;
    private FrameDrain hubDrain;
    private RoomsStatusReporter reporter;
    private Session hubSession;

    /** The console's: the session's WebSocket stream and REST routes. */
    public RoomsModule() {
        this((session, listener) -> new StreamRoomFeed(session.api(), StreamOptions.defaults(), listener),
                session -> RoomsBackend.of(new RoomsApi(session.api())), Clock.systemUTC(),
                RoomsHub.MONITOR_CAPACITY);
    }

    public RoomsModule(BiFunction<Session, StreamStatus.Listener, RoomFeed> feeds,
                       Function<Session, RoomsBackend> backends, Clock clock, int capacity) {
        this(feeds, backends, RoomsModule::apiWords, clock, capacity);
    }

    public RoomsModule(BiFunction<Session, StreamStatus.Listener, RoomFeed> feeds,
                       Function<Session, RoomsBackend> backends, Function<Session, WordsBackend> wordBackends,
                       Clock clock, int capacity) {
        this(feeds, backends, wordBackends, RoomsModule::apiReports, clock, capacity);
    }

    public RoomsModule(BiFunction<Session, StreamStatus.Listener, RoomFeed> feeds,
                       Function<Session, RoomsBackend> backends, Function<Session, WordsBackend> wordBackends,
                       Function<Session, ReportsBackend> reportBackends, Clock clock, int capacity) {
        this.reportBackends = Objects.requireNonNull(reportBackends, "reportBackends");
        this.feeds = Objects.requireNonNull(feeds, "feeds");
        this.backends = Objects.requireNonNull(backends, "backends");
        this.wordBackends = Objects.requireNonNull(wordBackends, "wordBackends");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    @Override
    public List<ViewSpec> views() {
        return List.of(
                ViewSpec.nav(VIEW, "/fxml/rooms/rooms.fxml", "nav.rooms", Feather.RADIO, Role.OPS, "/styles/rooms.css"),
                ViewSpec.screen(MONITOR_VIEW, "/fxml/rooms/room_monitor.fxml", "rooms.monitor.title",
                        "/styles/rooms.css"));
    }

    @Override
    public void registerControllers(ControllerFactory controllers, AppContext app) {
        this.app = app;
        controllers.register(RoomsController.class, () -> new RoomsController(hub(), app.views(), app.i18n()))
                .register(RoomWallController.class, () -> new RoomWallController(hub(), app.i18n()))
                .register(RoomMonitorController.class, () -> new RoomMonitorController(hub(), app.i18n()))
                .register(UserCardController.class, () -> new UserCardController(app.i18n()))
                .register(RoomActionBarController.class, () -> new RoomActionBarController(app.i18n()))
                .register(HeldQueueController.class, () -> new HeldQueueController(new HeldQueueModel(
                        wordBackends.apply(app.requireSession()), app.fx(), clock, app.i18n(), app.errors(),
                        Long.toString(app.requireSession().me().id())), app.i18n(), hub()))
                .register(ReportQueueController.class, () -> new ReportQueueController(new ReportQueueModel(
                        reportBackends.apply(app.requireSession()), app.fx(), app.i18n(), app.errors()), app.i18n(),
                        this::openReported))
                .register(AppealQueueController.class, () -> new AppealQueueController(new AppealQueueModel(
                        AppealsBackend.of(new AppealsApi(app.requireSession().api())), app.fx(), app.i18n(),
                        app.errors()), app.i18n()))
                .register(WordListController.class, () -> new WordListController(new WordListModel(
                        wordBackends.apply(app.requireSession()), app.fx(), ZoneId.systemDefault(), app.i18n(),
                        app.errors()), app.i18n(), ZoneId.systemDefault()));
    }

    /**
     * The deep link from a report: the room's monitor, its chat filtered to the reported user (their lines, the
     * reported one among them), where any action on them resolves the reports; a reported message is scrolled to
     * and highlighted by its sequence number (fetched from the server when older than what the monitor holds).
     */
    private void openReported(ReportGroup group) {
        RoomMonitorModel monitor = hub().open(group.roomId());
        if (group.targetUserId() != null) {
            monitor.userFilterProperty().set(group.targetUserId());
        }
        if (group.targetKind() == ReportTarget.MESSAGE) {
            monitor.reveal(group.messageSeq());
        }
    }

    private static ReportsBackend apiReports(Session session) {
        return ReportsBackend.of(new ReportsApi(session.api()), new RoomsApi(session.api()));
    }

    private static WordsBackend apiWords(Session session) {
        return new ApiWordsBackend(new WordListApi(session.api()), new HeldMessagesApi(session.api()));
    }

    /** The hub of the signed-in session (FX thread: the drain is an animation timer). */
    RoomsHub hub() {
        Session s = app.requireSession();
        if (hub == null || hubSession != s) {
            closeHub();
            RoomsHub[] made = new RoomsHub[1];
            FrameDrain drain = FrameDrain.standard();
            RoomFeed feed = feeds.apply(s, status -> {
                if (made[0] != null) {
                    made[0].statusChanged(status);
                }
            });
            made[0] = new RoomsHub(feed, backends.apply(s), drain,
                    new WallAlarm(app.bus(), app.i18n(), ALARM_RATE), app.fx(), clock, app.errors(), capacity);
            hub = made[0];
            hubSession = s;
            hubDrain = drain;
            drain.start();
            hub.start();
            reporter = new RoomsStatusReporter(hub, app.bus(), app.i18n());
        }
        return hub;
    }

    @Override
    public void sessionEnded() {
        closeHub();
    }

    @Override
    public void close() {
        closeHub();
    }

    private void closeHub() {
        if (reporter != null) {
            reporter.close();
            reporter = null;
        }
        if (hub != null) {
            hub.close();
            hub = null;
            hubSession = null;
        }
        if (hubDrain != null) {
            FrameDrain drain = hubDrain;
            hubDrain = null;
            try {
                app.fx().execute(drain::stop);
            } catch (IllegalStateException toolkitGone) {
                // The FX toolkit already stopped, and its timers with it.
            }
        }
    }
}
