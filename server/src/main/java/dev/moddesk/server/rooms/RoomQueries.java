package dev.moddesk.server.rooms;

import dev.moddesk.contract.rooms.RoomDetail;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomEventPage;
import dev.moddesk.contract.rooms.RoomKind;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.RoomStream;
import dev.moddesk.contract.rooms.RoomSummary;
import dev.moddesk.contract.rooms.Seat;
import dev.moddesk.server.rooms.bus.RoomBus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads for staff: the wall's summaries, a room's detail, and a room's events after a sequence number (backfill). */
final class RoomQueries {
    static final int RECENT_MESSAGES = 200;
    private static final int RECENT_SCAN = 2_000;
    static final int MAX_PAGE = 1_000;

    /** The wall's order: reports, then flagged lines, then chat rate, then the newest room. */
    static final Comparator<RoomSummary> ATTENTION = Comparator.comparingLong(RoomSummary::reports).reversed()
            .thenComparing(Comparator.comparingLong(RoomSummary::flagged).reversed())
            .thenComparing(Comparator.comparingDouble(RoomSummary::messagesPerSecond).reversed())
            .thenComparing(RoomSummary::roomId);

    private final Jdbi jdbi;
    private final RoomStore store;
    private final RoomJson json;
    private final RoomBus bus;
    private final RoomActivity activity;

    RoomQueries(Jdbi jdbi, RoomStore store, RoomJson json, RoomBus bus, RoomActivity activity) {
        this.jdbi = jdbi;
        this.store = store;
        this.json = json;
        this.bus = bus;
        this.activity = activity;
    }

    List<RoomSummary> summaries(RoomKind kind, String city) {
        List<RoomRow> rows = jdbi.withHandle(h -> store.live(h, kind, city));
        List<RoomSummary> out = new ArrayList<>(rows.size());
        for (RoomRow row : rows) {
            out.add(summary(row));
        }
        out.sort(ATTENTION);
        return out;
    }

    Optional<RoomDetail> detail(String roomId) {
        Optional<RoomRow> found = jdbi.withHandle(h -> store.find(h, roomId));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        RoomRow row = found.get();
        RoomSummary summary = summary(row);
        long from = Math.max(0, summary.lastSeq() - RECENT_SCAN);
        List<RoomEvent> recent = bus.replay(roomId, from, RECENT_SCAN).events().stream()
                .filter(e -> e.payload() instanceof RoomMessage).toList();
        if (recent.size() > RECENT_MESSAGES) {
            recent = recent.subList(recent.size() - RECENT_MESSAGES, recent.size());
        }
        return Optional.of(new RoomDetail(summary, json.seats(row.seatsJson()), json.songs(row.songsJson()),
                json.source(row.sourceJson()), row.slowModeSeconds(), recent));
    }

    /**
     * Events after {@code after}, at most {@code limit}: the window's, and before the window the kept events (flagged
     * messages, actions) with the ranges between them reported {@code gone}.
     */
    Optional<RoomEventPage> events(String roomId, long after, int limit) {
        if (jdbi.withHandle(h -> store.find(h, roomId)).isEmpty()) {
            return Optional.empty();
        }
        RoomBus.Replay replay = bus.replay(roomId, after, limit);
        long first = replay.firstRetained();
        long last = replay.lastSeq();
        List<RoomEvent> items = new ArrayList<>();
        List<RoomStream.Gap> gone = new ArrayList<>();
        long cursor = after;
        long windowStart = first == 0 ? last + 1 : first;
        if (after + 1 < windowStart) {
            List<String> kept = jdbi.withHandle(h -> store.keptBetween(h, roomId, after, windowStart, limit));
            for (String k : kept) {
                RoomEvent e = json.event(k);
                if (e.seq() > cursor + 1) {
                    gone.add(new RoomStream.Gap(cursor + 1, e.seq() - 1));
                }
                items.add(e);
                cursor = e.seq();
            }
            if (items.size() >= limit) {
                return Optional.of(new RoomEventPage(items, gone, cursor, last));
            }
            if (windowStart - 1 > cursor) {
                gone.add(new RoomStream.Gap(cursor + 1, windowStart - 1));
                cursor = windowStart - 1;
            }
            if (first != 0 && items.size() < limit) {
                replay = bus.replay(roomId, cursor, limit - items.size());
            }
        }
        for (RoomEvent e : replay.events()) {
            if (e.seq() > cursor) {
                items.add(e);
                cursor = e.seq();
            }
        }
        Long nextAfter = cursor < last ? cursor : null;
        return Optional.of(new RoomEventPage(items, gone, nextAfter, last));
    }

    private RoomSummary summary(RoomRow row) {
        long lastSeq = activity.lastSeq(row.roomId());
        if (lastSeq < 0) {
            lastSeq = bus.lastSeq(row.roomId());
            activity.seen(row.roomId(), lastSeq);
        }
        List<Seat> seats = json.seats(row.seatsJson());
        int taken = (int) seats.stream().filter(Seat::taken).count();
        return new RoomSummary(row.roomId(), row.kind(), row.title(), row.hostId(), row.hostName(), row.city(),
                row.status(), row.startedAt(), row.audience(), activity.messagesPerSecond(row.roomId()),
                row.flagged(), row.reports(), taken, row.seatCount(), lastSeq);
    }
}
