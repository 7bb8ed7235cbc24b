package dev.moddesk.server.rooms;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.Role;
import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.server.core.Access;
import dev.moddesk.server.core.Api;
import dev.moddesk.server.core.Call;
import dev.moddesk.server.core.Feature;
import dev.moddesk.server.core.Json;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.ServerConfig;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.platform.PlatformGateway;
import dev.moddesk.server.rooms.bus.InProcessRoomBus;
import dev.moddesk.server.rooms.bus.JetStreamRoomBus;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBuses;
import dev.moddesk.server.rooms.words.RoomWords;
import io.javalin.websocket.WsContext;
import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live rooms' routes (OPS and ADMIN: the wall, a room, a room's events after a sequence number, the stream) and its
 * platform event handlers, over {@link RoomsModule}. The bus is JetStream with {@code --nats-url}, else in process.
 */
public final class RoomsFeature implements Feature {
    private static final Logger LOG = LoggerFactory.getLogger(RoomsFeature.class);
    private static final String BASE = "/api/v1/rooms";
    private static final String CONNECTION = "moddesk.roomStream";
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final RoomsModule rooms;
    private ScheduledExecutorService ticks;

    public RoomsFeature(Services services) {
        this(services, StreamSettings.defaults());
    }

    RoomsFeature(Services services, StreamSettings settings) {
        var jdbi = services.database().jdbi();
        // The server's one bus, shared with room actions (RoomBuses); the managed word list's live screen (RoomWords).
        this.rooms = new RoomsModule(jdbi, RoomBuses.of(services, RoomsFeature::bus), RoomWords.of(services).screen(),
                Json.mapper(), services.clock(), settings);
        PlatformGateway platform = PlatformGateway.of(services);
        rooms.stateHandlers().forEach(platform.ingest()::register);
        platform.ingest().register(rooms.messageHandler());
        RoomsLifecycle.register(services);
    }

    private static RoomBus bus(Services services) {
        ServerConfig.Rooms config = services.config().rooms();
        if (config.natsUrl() == null) {
            return new InProcessRoomBus(services.clock(), RoomsModule.reservations(services.database().jdbi()),
                    config.windowEvents(), config.windowAge());
        }
        // Chat lines on the stream age out with the held-messages retention; a quiet room whose lines all aged out
        // numbers on from its mark in room_seq_reservation.
        return JetStreamRoomBus.connect(new JetStreamRoomBus.Settings(config.natsUrl(), config.natsPrefix(),
                JetStreamRoomBus.Settings.DEFAULT_MESSAGES_PER_ROOM, io.nats.client.api.StorageType.File,
                services.config().retention().heldMessages()), Json.mapper(),
                RoomsModule.reservations(services.database().jdbi()));
    }

    public RoomsModule rooms() {
        return rooms;
    }

    @Override
    public void register(Api api) {
        Type summaries = new TypeReference<List<RoomSummary>>() { }.getType();
        Access staff = Access.role(Role.OPS);

        api.get(BASE).summary("Live rooms for the wall, most in need of attention first").tag("rooms")
                .access(staff).query("kind", String.class, "FRIENDS, VOICE, KTV or WATCH_TOGETHER")
                .query("city", String.class, "only this city")
                .response(200, summaries).errors(400, 403)
                .handle(call -> rooms.queries().summaries(kind(call), call.query("city")));

        api.get(BASE + "/{roomId}").summary("One room: seats, song queue, source, slow mode, recent messages")
                .tag("rooms").access(staff).response(200, RoomDetail.class).errors(403, 404)
                .handle(call -> rooms.queries().detail(call.pathParam("roomId"))
                        .orElseThrow(() -> noRoom(call)));

        api.get(BASE + "/{roomId}/events").summary("A room's events after a sequence number, one page (backfill)")
                .tag("rooms").access(staff)
                .query("after", Long.class, "the last sequence number the caller has (default 0)")
                .query("limit", Integer.class, "page size, 1-1000 (default 500)")
                .response(200, RoomEventPage.class).errors(400, 403, 404)
                .handle(call -> {
                    Long after = call.queryLong("after");
                    if (after != null && after < 0) {
                        throw Call.invalidQuery("after", "core.query.notNegative");
                    }
                    Integer limit = call.queryInt("limit", 1, RoomQueries.MAX_PAGE);
                    return rooms.queries().events(call.pathParam("roomId"), after == null ? 0 : after,
                            limit == null ? 500 : limit).orElseThrow(() -> noRoom(call));
                });

        api.websocket(RoomStream.PATH).summary("The room stream: wall summaries, rooms' events, resume (see docs)")
                .tag("rooms").access(staff).errors(400, 401, 403)
                .socket(ws -> {
                    ws.onConnect(ctx -> ctx.attribute(CONNECTION, rooms.hub().open(outlet(ctx),
                            mayReadHeld(Api.principal(ctx)))));
                    ws.onMessage(ctx -> {
                        StreamConnection c = ctx.attribute(CONNECTION);
                        if (c != null) {
                            rooms.hub().heard(c, ctx.message());
                        }
                    });
                    ws.onClose(ctx -> closed(ctx.attribute(CONNECTION)));
                    ws.onError(ctx -> closed(ctx.attribute(CONNECTION)));
                });
    }

    /**
     * Who may read the held-for-review queue, on its routes and on the stream: the same rule in one place
     * ({@code HeldFeature} declares its routes with it).
     */
    public static final Access HELD_READERS = Access.role(Role.OPS);

    static boolean mayReadHeld(Principal p) {
        return p != null && p.isStaff() && p.role() != null && p.role().covers(HELD_READERS.minRole());
    }

    private void closed(StreamConnection c) {
        if (c != null) {
            rooms.hub().closed(c);
        }
    }

    private static StreamConnection.Outlet outlet(WsContext ctx) {
        return new StreamConnection.Outlet() {
            @Override
            public void send(String text) throws Exception {
                Callback.Completable done = new Callback.Completable();
                ctx.session.sendText(text, done);
                try {
                    done.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("a frame was not sent within " + SEND_TIMEOUT_SECONDS + " s", e);
                }
            }

            @Override
            public void close(int code, String reason) {
                if (ctx.session.isOpen()) {
                    ctx.closeSession(code, reason);
                }
            }
        };
    }

    private static RoomKind kind(Call call) {
        String raw = call.query("kind");
        if (raw == null) {
            return null;
        }
        try {
            return RoomKind.valueOf(raw);
        } catch (IllegalArgumentException e) {
            throw Call.invalidQuery("kind", "rooms.query.kind");
        }
    }

    private static ProblemException noRoom(Call call) {
        return ProblemException.keyed(ProblemType.NOT_FOUND, "rooms.noRoom", shortened(call.pathParam("roomId")));
    }

    private static String shortened(String raw) {
        return raw.length() <= 80 ? raw : raw.substring(0, 80) + "…";
    }

    @Override
    public void start() {
        ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "moddesk-room-stream-tick");
            t.setDaemon(true);
            return t;
        });
        ticks.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    private void tick() {
        try {
            rooms.hub().tick();
        } catch (RuntimeException e) {
            LOG.warn("The room stream's tick failed", e);
        }
    }

    @Override
    public void stop() {
        if (ticks != null) {
            ticks.shutdownNow();
        }
        rooms.close();
    }
}
