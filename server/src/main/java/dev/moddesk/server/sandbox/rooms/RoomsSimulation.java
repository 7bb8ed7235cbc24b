package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.server.sandbox.SimulatedPopulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The simulated platform's live rooms, as a deterministic core: every decision comes from the given random source
 * and every time from the {@code now} the caller passes, so a test drives it step by step. {@link #advance} moves the
 * rooms on to {@code now}: the chat lines due at the chat rate (counted from the time passed, not from wall time),
 * the hot room's spike, and joins, leaves, seat changes, songs, sources, rooms ending and opening again.
 * {@link #apply} carries out a staff action from the feed ({@link RoomActionsOnPlatform}). Every line passes the
 * {@link MessageGate} before it is shown. Single-threaded: {@link RoomTraffic} calls it from its one thread.
 */
public final class RoomsSimulation {

    /**
     * @param rooms          how many rooms (slots: a room that ends opens again later as a new broadcast)
     * @param chatPerSecond  chat lines per second over all rooms
     * @param hotRoomPerSecond the hot room's extra lines per second while it spikes; 0: it never spikes
     * @param spikeEvery     how often the hot room spikes by itself (null: only when {@link #spike} is called)
     * @param spikeLength    how long a spike lasts
     */
    public record Settings(int rooms, double chatPerSecond, double hotRoomPerSecond, Duration spikeEvery,
                           Duration spikeLength) {
        public Settings {
            if (rooms < 1 || chatPerSecond < 0 || hotRoomPerSecond < 0 || spikeLength == null
                    || spikeLength.isNegative()) {
                throw new IllegalArgumentException("rooms >= 1, rates >= 0 and a spike length are required");
            }
        }
    }

    /** Longest stretch one step makes up for: after a stall the rooms do not burst out minutes of chat. */
    static final Duration MAX_STEP = Duration.ofSeconds(1);
    static final String ENDED_REASON = "主播下播了";
    /** The first room is the hot room. */
    public static final String HOT_ROOM_ID = "sim-room-01";
    private static final int[] KIND_SHARE = {12, 10, 7, 7}; // FRIENDS, VOICE, KTV, WATCH_TOGETHER out of 36

    private final RandomGenerator random;
    private final Settings settings;
    private final MessageGate gate;
    private final String run;
    private final RoomCast cast;
    private final ChatLines chat;
    private final AbuseLines abuse;
    private final SimReports reports;
    private final RoomEvents events;
    private final RoomActionsOnPlatform actions;
    private final List<SimRoom> rooms = new ArrayList<>();
    private double[] cumulative = new double[0];
    private SimRoom[] weighted = new SimRoom[0];
    private boolean weightsStale = true;
    private Instant last;
    private double carry;
    private double hotCarry;
    private Instant spikeFrom;
    private Instant spikeUntil;
    private Instant nextAutoSpike;
    private long messageSeq;
    private long shown;
    private long withheld;
    private long dropped;

    public RoomsSimulation(RandomGenerator random, SimulatedPopulation population, String run, MessageGate gate,
                           Settings settings) {
        this.random = random;
        this.settings = settings;
        this.gate = gate == null ? MessageGate.SHOW_ALL : gate;
        this.run = run;
        this.cast = new RoomCast(random, population, run);
        this.chat = new ChatLines(random);
        this.abuse = new AbuseLines(random);
        this.reports = new SimReports(run);
        this.events = new RoomEvents(run);
        this.actions = new RoomActionsOnPlatform(this, events);
    }

    /** Opens every room (the first is the hot room) and sends what each shows. */
    public void start(Instant now, RoomSink sink) {
        int[] share = new int[KIND_SHARE.length];
        for (int i = 0; i < settings.rooms(); i++) {
            SimRoom room = new SimRoom(i == 0 ? HOT_ROOM_ID : "sim-room-%02d".formatted(i + 1), i == 0);
            room.kind = i == 0 ? RoomKind.VOICE : kindFor(i, share);
            rooms.add(room);
            openSession(room, now, sink);
        }
        last = now;
        if (settings.spikeEvery() != null && settings.hotRoomPerSecond() > 0) {
            nextAutoSpike = now.plus(Duration.ofSeconds(30));
        }
    }

    /** Moves every room on to {@code now}; returns how many chat lines were shown. */
    public int advance(Instant now, RoomSink sink) {
        long nanos = last == null ? 0 : Math.max(0, Math.min(MAX_STEP.toNanos(), Duration.between(last, now).toNanos()));
        last = now;
        autoSpike(now);
        for (SimRoom room : rooms) {
            changes(room, now, sink);
        }
        carry += settings.chatPerSecond() * nanos / 1e9;
        int due = (int) carry;
        carry -= due;
        int hotDue = 0;
        if (spiking(now)) {
            hotCarry += settings.hotRoomPerSecond() * nanos / 1e9;
            hotDue = (int) hotCarry;
            hotCarry -= hotDue;
        }
        long before = shown;
        for (int i = 0; i < due; i++) {
            SimRoom room = pickRoom();
            if (room == null) {
                dropped += due - i;
                break;
            }
            line(room, now, sink);
        }
        SimRoom hot = hotRoom();
        for (int i = 0; i < hotDue; i++) {
            if (hot.status != SimRoom.Status.LIVE) {
                dropped += hotDue - i;
                break;
            }
            line(hot, now, sink);
        }
        return (int) (shown - before);
    }

    /** Carries out a staff action from the action feed; returns whether it was one for these rooms. */
    public boolean apply(FeedAction action, Instant now, RoomSink sink) {
        return actions.apply(action, now, sink);
    }

    /** Makes the hot room spike from {@code now} for {@code length}, at the hot room rate. */
    public void spike(Instant now, Duration length) {
        spikeFrom = now;
        spikeUntil = now.plus(length);
    }

    public boolean spiking(Instant now) {
        return spikeUntil != null && !now.isBefore(spikeFrom) && now.isBefore(spikeUntil);
    }

    public SimRoom hotRoom() {
        return rooms.getFirst();
    }

    public List<SimRoom> rooms() {
        return Collections.unmodifiableList(rooms);
    }

    public SimRoom room(String id) {
        for (SimRoom room : rooms) {
            if (room.id.equals(id)) {
                return room;
            }
        }
        return null;
    }

    /** Lines shown, withheld by the gate, and dropped (nobody in the room could speak: muted, slow mode, closed). */
    public long shown() {
        return shown;
    }

    public long withheld() {
        return withheld;
    }

    public long dropped() {
        return dropped;
    }

    // ---- what the action handler needs

    RoomCast cast() {
        return cast;
    }

    RandomGenerator random() {
        return random;
    }

    void roomsChanged() {
        weightsStale = true;
    }

    /** A new broadcast in the slot: new title, host and people; the room's earlier sanctions stay. */
    void openSession(SimRoom room, Instant now, RoomSink sink) {
        room.status = SimRoom.Status.LIVE;
        room.city = cast.city();
        room.title = cast.title(room.kind, room.hot);
        for (int attempt = 0; attempt < 8 && titleTaken(room); attempt++) {
            room.title = cast.title(room.kind, room.hot); // no two live rooms with one title, where it can be helped
        }
        room.present.clear();
        room.queue.clear();
        room.source = null;
        int people = room.hot ? 60 : 6 + random.nextInt(30);
        for (int i = 0; i < people; i++) {
            admit(room, cast.person(room.city));
        }
        room.host = room.present.getFirst();
        room.lurkers = room.hot ? 3000 + random.nextInt(5000) : 10 + random.nextInt(room.kind == RoomKind.FRIENDS ? 300 : 900);
        room.weight = room.hot ? 8 : 0.5 + random.nextDouble() * 2.5;
        boolean seated = room.kind == RoomKind.VOICE || room.kind == RoomKind.KTV;
        room.seats = new SimRoom.SeatState[seated ? 8 : 0];
        for (int s = 0; s < room.seats.length; s++) {
            room.seats[s] = new SimRoom.SeatState(s + 1);
        }
        if (seated) {
            room.seats[0].occupant = room.host;
            int taken = room.hot ? 7 : 2 + random.nextInt(5);
            for (int s = 1; s <= taken && s < room.present.size(); s++) {
                room.seats[s].occupant = room.present.get(s);
            }
        }
        if (room.kind == RoomKind.KTV) {
            for (int i = 0, n = 3 + random.nextInt(4); i < n; i++) {
                room.queue.add(cast.song(someone(room)));
            }
        }
        if (room.kind == RoomKind.WATCH_TOGETHER) {
            room.source = cast.video(room.host);
        }
        room.endsAt = room.hot ? null : now.plus(Duration.ofSeconds(240 + random.nextInt(960)));
        room.reopensAt = null;
        room.nextChangeAt = now.plus(Duration.ofMillis(200 + random.nextInt(2000)));
        room.nextMediaAt = now.plus(Duration.ofSeconds(20 + random.nextInt(60)));
        events.wholeRoom(room, now, sink);
        for (int i = 1; i < Math.min(4, room.present.size()); i++) {
            events.join(room, room.present.get(i), now, sink);
        }
        weightsStale = true;
    }

    private boolean titleTaken(SimRoom room) {
        for (SimRoom other : rooms) {
            if (other != room && other.status == SimRoom.Status.LIVE && room.title.equals(other.title)) {
                return true;
            }
        }
        return false;
    }

    /** Staff reopened a room they closed: the same broadcast goes on, shown again whole. */
    void reopen(SimRoom room, Instant now, RoomSink sink) {
        room.status = SimRoom.Status.LIVE;
        room.endsAt = room.hot ? null : now.plus(Duration.ofSeconds(240 + random.nextInt(960)));
        room.nextChangeAt = now;
        events.wholeRoom(room, now, sink);
        weightsStale = true;
    }

    /** Frees the seat {@code person} holds, telling the platform; no-op when they hold none. */
    void leaveSeat(SimRoom room, SimRoom.Person person, Instant now, RoomSink sink) {
        SimRoom.SeatState seat = room.seatOf(person.id());
        if (seat != null) {
            seat.occupant = null;
            events.seat(room, seat, now, sink);
        }
    }

    /** {@code person} leaves the room (and their seat). */
    void leave(SimRoom room, SimRoom.Person person, Instant now, RoomSink sink) {
        leaveSeat(room, person, now, sink);
        room.present.remove(person);
        room.left.add(person);
        if (room.left.size() > 20) {
            room.left.removeFirst();
        }
        events.leave(room, person, now, sink);
    }

    // ---- chat

    private void line(SimRoom room, Instant now, RoomSink sink) {
        SimRoom.Person speaker = null;
        for (int attempt = 0; attempt < 4 && !room.present.isEmpty(); attempt++) {
            SimRoom.Person p = room.present.get(random.nextInt(room.present.size()));
            if (room.maySpeak(p, now)) {
                speaker = p;
                break;
            }
        }
        if (speaker == null) {
            dropped++;
            return;
        }
        String text;
        AbuseLines.Kind abusive = null;
        if (speaker.abuser() && !room.warned(speaker, now) && random.nextInt(3) == 0) {
            abusive = abuse.kind();
            text = abuse.next(abusive);
        } else {
            SimRoom.Person other = random.nextInt(10) == 0 ? someone(room) : null;
            text = chat.next(room.kind, other == null || other == speaker ? null : other.nickname(), room.city);
        }
        String messageId = run + "-m" + (++messageSeq);
        room.spoke(speaker, now);
        if (gate.show(room.id, messageId, speaker.id(), speaker.nickname(), text, now, sink)) {
            sink.message(room.id, messageId, speaker.id(), speaker.nickname(), text, now);
            shown++;
            if (abusive != null) {
                reports.abuseShown(room, speaker, messageId, text, abusive, now, sink);
            }
        } else {
            withheld++;
        }
    }

    private SimRoom pickRoom() {
        if (weightsStale) {
            List<SimRoom> live = new ArrayList<>();
            for (SimRoom room : rooms) {
                if (room.status == SimRoom.Status.LIVE) {
                    live.add(room);
                }
            }
            weighted = live.toArray(new SimRoom[0]);
            cumulative = new double[weighted.length];
            double sum = 0;
            for (int i = 0; i < weighted.length; i++) {
                sum += weighted[i].weight;
                cumulative[i] = sum;
            }
            weightsStale = false;
        }
        if (weighted.length == 0) {
            return null;
        }
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = java.util.Arrays.binarySearch(cumulative, x);
        return weighted[Math.min(weighted.length - 1, i >= 0 ? i + 1 : -i - 1)];
    }

    // ---- joins, leaves, seats, songs, sources, rooms ending and opening

    private void changes(SimRoom room, Instant now, RoomSink sink) {
        if (room.status == SimRoom.Status.ENDED && room.reopensAt != null && !now.isBefore(room.reopensAt)) {
            openSession(room, now, sink);
            return;
        }
        if (room.status != SimRoom.Status.LIVE) {
            return;
        }
        if (room.endsAt != null && !now.isBefore(room.endsAt)) {
            room.status = SimRoom.Status.ENDED;
            room.reopensAt = now.plus(Duration.ofSeconds(15 + random.nextInt(45)));
            events.closed(room, ENDED_REASON, now, sink);
            weightsStale = true;
            return;
        }
        if (!now.isBefore(room.nextChangeAt)) {
            int roll = random.nextInt(100);
            if (roll < 45 || room.present.size() < 5) {
                join(room, now, sink);
            } else if (roll < 80) {
                SimRoom.Person leaver = room.present.get(1 + random.nextInt(room.present.size() - 1));
                leave(room, leaver, now, sink);
            } else if (room.seats.length > 0) {
                seatChange(room, now, sink);
            } else {
                join(room, now, sink);
            }
            room.nextChangeAt = now.plus(Duration.ofMillis(room.hot ? 150 + random.nextInt(600)
                    : 800 + random.nextInt(5000)));
        }
        if (!now.isBefore(room.nextMediaAt)) {
            media(room, now, sink);
        }
    }

    private void join(SimRoom room, Instant now, RoomSink sink) {
        SimRoom.Person person = !room.left.isEmpty() && random.nextInt(3) == 0
                ? room.left.remove(random.nextInt(room.left.size())) : cast.person(room.city);
        if (room.kicked.contains(person.id()) || room.presentPerson(person.id()) != null) {
            return; // the platform does not let a kicked user back in
        }
        admit(room, person);
        room.lurkers = Math.max(0, room.lurkers + random.nextInt(-3, 6));
        events.join(room, person, now, sink);
    }

    private void admit(SimRoom room, SimRoom.Person person) {
        if (!room.kicked.contains(person.id()) && room.presentPerson(person.id()) == null) {
            room.present.add(person);
        }
    }

    /** Someone takes a free seat (more often) or leaves theirs, so voice rooms stay mostly seated. */
    private void seatChange(SimRoom room, Instant now, RoomSink sink) {
        SimRoom.SeatState seat = room.seats[1 + random.nextInt(room.seats.length - 1)];
        boolean take = random.nextInt(100) < 70;
        for (int i = 0; i < room.seats.length && (seat.locked || (seat.occupant == null) != take); i++) {
            seat = room.seats[1 + random.nextInt(room.seats.length - 1)];
        }
        if (seat.locked || (seat.occupant == null) != take) {
            return;
        }
        if (!take) {
            seat.occupant = null;
        } else {
            SimRoom.Person taker = room.present.get(random.nextInt(room.present.size()));
            if (room.seatOf(taker.id()) != null) {
                return;
            }
            seat.occupant = taker;
        }
        events.seat(room, seat, now, sink);
    }

    private void media(SimRoom room, Instant now, RoomSink sink) {
        if (room.kind == RoomKind.KTV) {
            if (!room.queue.isEmpty()) {
                room.queue.removeFirst(); // the song ended
            }
            for (int i = 0, n = random.nextInt(3); i < n || room.queue.size() < 2; i++) {
                room.queue.add(cast.song(someone(room)));
            }
            events.songs(room, now, sink);
            room.nextMediaAt = now.plus(Duration.ofSeconds(40 + random.nextInt(60)));
        } else if (room.kind == RoomKind.WATCH_TOGETHER) {
            if (room.source == null || random.nextInt(4) == 0) {
                room.source = cast.video(someone(room));
                events.source(room, now, sink);
            }
            room.nextMediaAt = now.plus(Duration.ofSeconds(60 + random.nextInt(240)));
        } else {
            room.nextMediaAt = now.plus(Duration.ofHours(1));
        }
    }

    private SimRoom.Person someone(SimRoom room) {
        return room.present.isEmpty() ? room.host : room.present.get(random.nextInt(room.present.size()));
    }

    private void autoSpike(Instant now) {
        if (nextAutoSpike != null && !now.isBefore(nextAutoSpike)) {
            spike(now, settings.spikeLength());
            nextAutoSpike = now.plus(settings.spikeEvery());
        }
    }

    private RoomKind kindFor(int index, int[] share) {
        // Deal the kinds out in proportion to KIND_SHARE, interleaved so every stretch of the wall has each kind.
        int best = 0;
        double bestNeed = -1;
        for (int k = 0; k < KIND_SHARE.length; k++) {
            double need = KIND_SHARE[k] * (index + 1) / 36.0 - share[k];
            if (need > bestNeed) {
                bestNeed = need;
                best = k;
            }
        }
        share[best]++;
        return RoomKind.values()[best];
    }
}
