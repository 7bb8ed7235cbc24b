package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One simulated room as the platform knows it: who is present, the seats, the song queue, the source, and what staff
 * decided about it (muted and kicked users, slow mode). Plain mutable state, owned by {@link RoomsSimulation}'s one
 * thread; tests read it.
 */
public final class SimRoom {

    /** Someone in the simulated platform. {@code abuser}: posts spam or insults now and then. */
    public record Person(String id, String nickname, boolean abuser) {
    }

    /** One mic seat; {@code occupant} null while free. */
    public static final class SeatState {
        final int number;
        Person occupant;
        boolean muted;
        boolean locked;

        SeatState(int number) {
            this.number = number;
        }

        public int number() {
            return number;
        }

        public Person occupant() {
            return occupant;
        }

        public boolean muted() {
            return muted;
        }

        public boolean locked() {
            return locked;
        }
    }

    /** A song in the KTV queue. */
    public record SongEntry(String id, String title, Person singer) {
    }

    /** A watch-together source. */
    public record Source(String title, String url, Person sharedBy) {
    }

    /** LIVE; ENDED by its host (opens again as a new broadcast later); CLOSED by staff (until staff reopen it). */
    public enum Status { LIVE, ENDED, CLOSED }

    final String id;
    final boolean hot;
    RoomKind kind;
    String title;
    Person host;
    String city;
    volatile Status status = Status.LIVE;
    /** People present (they chat); the audience counted on the wall is these plus {@link #lurkers}. */
    final List<Person> present = new ArrayList<>();
    int lurkers;
    /** Who left lately: some come back (unless kicked). */
    final List<Person> left = new ArrayList<>();
    SeatState[] seats = new SeatState[0];
    final List<SongEntry> queue = new ArrayList<>();
    Source source;
    /** userId → until when staff muted them in this room. */
    final Map<String, Instant> mutedUntil = new HashMap<>();
    /** Kicked users: they left and may not come back until the kick is lifted. */
    final Set<String> kicked = new HashSet<>();
    /** userId → warnings: a warned spammer keeps quiet for a while. */
    final Map<String, Instant> warnedUntil = new HashMap<>();
    int slowModeSeconds;
    /** In slow mode, when each user last spoke (only kept while slow mode is on). */
    final Map<String, Instant> lastSpoke = new LinkedHashMap<>();
    /** How much of the chat rate this room gets (popular rooms more). */
    double weight;
    Instant endsAt;
    Instant reopensAt;
    Instant nextChangeAt;
    Instant nextMediaAt;

    SimRoom(String id, boolean hot) {
        this.id = id;
        this.hot = hot;
    }

    public String id() {
        return id;
    }

    public boolean hot() {
        return hot;
    }

    public RoomKind kind() {
        return kind;
    }

    public Status status() {
        return status;
    }

    public List<Person> present() {
        return List.copyOf(present);
    }

    public List<SeatState> seats() {
        return List.of(seats);
    }

    public List<SongEntry> queue() {
        return List.copyOf(queue);
    }

    public Source source() {
        return source;
    }

    public int slowModeSeconds() {
        return slowModeSeconds;
    }

    public int audience() {
        return present.size() + lurkers;
    }

    public boolean isKicked(String userId) {
        return kicked.contains(userId);
    }

    public boolean isMuted(String userId, Instant now) {
        Instant until = mutedUntil.get(userId);
        return until != null && now.isBefore(until);
    }

    Person presentPerson(String userId) {
        for (Person p : present) {
            if (p.id().equals(userId)) {
                return p;
            }
        }
        return null;
    }

    SeatState seat(int number) {
        return number >= 1 && number <= seats.length ? seats[number - 1] : null;
    }

    SeatState seatOf(String userId) {
        for (SeatState s : seats) {
            if (s.occupant != null && s.occupant.id().equals(userId)) {
                return s;
            }
        }
        return null;
    }

    /** May {@code person} post a line now? Staff's mute, a warning and slow mode all say no for a while. */
    boolean maySpeak(Person person, Instant now) {
        if (isMuted(person.id(), now)) {
            return false;
        }
        if (slowModeSeconds > 0) {
            Instant last = lastSpoke.get(person.id());
            if (last != null && Duration.between(last, now).getSeconds() < slowModeSeconds) {
                return false;
            }
        }
        return true;
    }

    void spoke(Person person, Instant now) {
        if (slowModeSeconds > 0) {
            lastSpoke.put(person.id(), now);
        }
    }

    boolean warned(Person person, Instant now) {
        Instant until = warnedUntil.get(person.id());
        return until != null && now.isBefore(until);
    }
}
