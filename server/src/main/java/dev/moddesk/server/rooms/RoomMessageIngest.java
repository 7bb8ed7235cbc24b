package dev.moddesk.server.rooms;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.platform.IngestOutcome;
import dev.moddesk.contract.platform.IngestStatus;
import dev.moddesk.contract.rooms.RoomEvent;
import dev.moddesk.contract.rooms.RoomMessage;
import dev.moddesk.contract.rooms.ScreenHit;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.platform.BatchIngestHandler;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestPayload;
import dev.moddesk.server.platform.PlatformIngest;
import dev.moddesk.server.rooms.bus.RoomBus;
import dev.moddesk.server.rooms.bus.RoomBusException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code room.message}: chat lines, a run at a time. Each is checked, screened (flags and highlights) and appended to
 * its room on the bus, one append per room per run; only flagged lines reach the database ({@link RoomKeeper}). Ids
 * are not recorded per event: a resend this node still remembers ({@link RecentIds}) is answered DUPLICATE.
 */
final class RoomMessageIngest implements BatchIngestHandler {
    static final String TYPE = "room.message";
    private static final Logger LOG = LoggerFactory.getLogger(RoomMessageIngest.class);

    private final RoomBus bus;
    private final MessageScreen screen;
    private final LiveRooms liveRooms;
    private final RoomKeeper keeper;
    private final RecentIds recent;

    RoomMessageIngest(RoomBus bus, MessageScreen screen, LiveRooms liveRooms, RoomKeeper keeper, RecentIds recent) {
        this.bus = bus;
        this.screen = screen;
        this.liveRooms = liveRooms;
        this.keeper = keeper;
        this.recent = recent;
    }

    @Override
    public Set<String> types() {
        return Set.of(TYPE);
    }

    private record Line(int index, String eventId, RoomBus.Pending pending) {
    }

    @Override
    public List<IngestOutcome> applyAll(List<IngestHandler.Event> events, Locale locale) {
        IngestOutcome[] outcomes = new IngestOutcome[events.size()];
        Map<String, List<Line>> byRoom = new LinkedHashMap<>();
        Set<String> inRun = new java.util.HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            IngestHandler.Event e = events.get(i);
            if (recent.contains(e.eventId()) || !inRun.add(e.eventId())) {
                outcomes[i] = new IngestOutcome(e.eventId(), IngestStatus.DUPLICATE, null);
                continue;
            }
            try {
                IngestPayload p = IngestPayload.of(e.payload());
                String roomId = RoomPayloads.roomId(p);
                String messageId = RoomPayloads.id(p, "messageId");
                String userId = RoomPayloads.id(p, "userId");
                String nickname = RoomPayloads.name(p, "nickname");
                String text = RoomPayloads.messageText(p);
                liveRooms.requireLive(roomId);
                List<ScreenHit> hits = screen.screen(text);
                RoomMessage message = new RoomMessage(messageId, userId, nickname, text, !hits.isEmpty(), hits);
                byRoom.computeIfAbsent(roomId, r -> new ArrayList<>())
                        .add(new Line(i, e.eventId(), new RoomBus.Pending(e.occurredAt(), message)));
            } catch (ProblemException refused) {
                outcomes[i] = PlatformIngest.rejected(e.eventId(), refused, locale);
            }
        }
        List<RoomEvent> flagged = new ArrayList<>();
        byRoom.forEach((roomId, lines) -> {
            List<RoomEvent> appended;
            try {
                appended = bus.append(roomId, lines.stream().map(Line::pending).toList());
            } catch (RoomBusException failed) {
                LOG.error("Chat lines for a room could not be appended", failed);
                for (Line line : lines) {
                    outcomes[line.index()] = rejected(line.eventId(), PlatformIngest.notApplied(locale));
                }
                return;
            }
            for (int k = 0; k < lines.size(); k++) {
                Line line = lines.get(k);
                recent.add(line.eventId());
                outcomes[line.index()] = new IngestOutcome(line.eventId(), IngestStatus.APPLIED, null);
                if (((RoomMessage) appended.get(k).payload()).flagged()) {
                    flagged.add(appended.get(k));
                }
            }
        });
        keeper.keepFlagged(flagged);
        return List.of(outcomes);
    }

    private static IngestOutcome rejected(String eventId, Problem problem) {
        return new IngestOutcome(eventId, IngestStatus.REJECTED, problem);
    }
}
