package dev.moddesk.server.rooms;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.screening.WordScreen;
import dev.moddesk.server.platform.BatchIngestHandler;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;

/**
 * Live rooms' services, wired once per node around one {@link RoomBus}: ingest (room state in the database, chat lines
 * on the bus), the reads staff make, and the stream hub that fans the bus out to consoles. The seams for later work:
 * actions append {@code ModerationAction} events through {@link #bus()} and keep them with {@link #keeper()}; the
 * managed word list replaces the terms of the {@link WordScreen} given here.
 */
public final class RoomsModule implements AutoCloseable {
    private final RoomBus bus;
    private final RoomStore store = new RoomStore();
    private final RoomJson json;
    private final RoomActivity activity;
    private final RoomQueries queries;
    private final RoomKeeper keeper;
    private final LiveRooms liveRooms;
    private final RoomStateIngest stateIngest;
    private final RoomMessageIngest messageIngest;
    private final RoomStreamHub hub;
    private final ExecutorService replays;
    private final Clock clock;
    private final RoomBus.Subscription activitySubscription;
    private final RoomBus.Subscription hubSubscription;

    /** {@code bus} is this module's from now on: {@link #close()} closes it. */
    RoomsModule(Jdbi jdbi, RoomBus bus, WordScreen words, ObjectMapper mapper, Clock clock, StreamSettings settings) {
        this.bus = bus;
        this.clock = clock;
        this.json = new RoomJson(mapper);
        this.activity = new RoomActivity(clock);
        this.queries = new RoomQueries(jdbi, store, json, bus, activity);
        this.keeper = new RoomKeeper(jdbi, store, json);
        this.liveRooms = new LiveRooms(clock, roomId -> jdbi.withHandle(h -> store.find(h, roomId))
                .map(RoomRow::status));
        this.stateIngest = new RoomStateIngest(store, json, bus, clock, liveRooms);
        this.messageIngest = new RoomMessageIngest(bus, new MessageScreen(words), liveRooms, keeper,
                new RecentIds(200_000));
        this.replays = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("moddesk-room-replay-", 0).factory());
        this.hub = new RoomStreamHub(bus, mapper, replays, clock, settings,
                () -> new RoomStream.Summaries(clock.instant(), queries.summaries(null, null)));
        this.activitySubscription = bus.subscribe(activity);
        this.hubSubscription = bus.subscribe(hub);
    }

    /** The handlers of the platform's room events: state changes one by one, chat lines in runs. */
    List<IngestHandler> stateHandlers() {
        return stateIngest.handlers();
    }

    BatchIngestHandler messageHandler() {
        return messageIngest;
    }

    public RoomBus bus() {
        return bus;
    }

    RoomKeeper keeper() {
        return keeper;
    }

    RoomQueries queries() {
        return queries;
    }

    RoomStreamHub hub() {
        return hub;
    }

    /** Reservations the in-process bus keeps in this database. */
    static StoredSeqReservations reservations(Jdbi jdbi) {
        return new StoredSeqReservations(jdbi, new RoomStore());
    }

    @Override
    public void close() {
        hub.closeAll();
        hubSubscription.close();
        activitySubscription.close();
        replays.shutdownNow();
        bus.close();
    }
}
