package dev.moddesk.server.sandbox.rooms;

import dev.moddesk.contract.platform.FeedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the simulated platform obeys staff's room actions from the action feed ({@code room.<action>}, payload
 * {@code {room, action: ModerationAction}}; docs/platform.md "Live rooms: staff actions"). What changes a room's
 * visible state is confirmed the way a platform confirms it, by the room event it causes: a kicked user's
 * {@code room.leave} (and {@code room.seat} if they sat), {@code room.seat} for off-mic, seat mute and lock, the new
 * {@code room.song} queue, {@code room.source} null, {@code room.opened} for a reopened room. The rest shows in what
 * the platform then lets happen: a muted user says nothing until the mute ends or is lifted, a kicked user cannot come
 * back until the kick is lifted, a warned spammer keeps quiet for a while, slow mode lets each user speak once per
 * period, a closed room sends nothing. Every field of the action is treated as untrusted text.
 */
final class RoomActionsOnPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(RoomActionsOnPlatform.class);
    static final Duration WARNING_EFFECT = Duration.ofMinutes(30);

    private final RoomsSimulation simulation;
    private final RoomEvents events;

    RoomActionsOnPlatform(RoomsSimulation simulation, RoomEvents events) {
        this.simulation = simulation;
        this.events = events;
    }

    boolean apply(FeedAction feed, Instant now, RoomSink sink) {
        if (feed.type() == null || !feed.type().startsWith("room.")
                || !(feed.payload().get("room") instanceof String roomId)
                || !(feed.payload().get("action") instanceof Map<?, ?> action)) {
            return false;
        }
        SimRoom room = simulation.room(roomId);
        String name = feed.type().substring("room.".length());
        if (room == null) {
            return false;
        }
        String target = action.get("targetId") instanceof String t ? t : "";
        Map<?, ?> params = action.get("params") instanceof Map<?, ?> p ? p : Map.of();
        LOG.debug("Simulated platform carries out {} on {} in {}", name, target, roomId);
        switch (name) {
            case "user.mute" -> room.mutedUntil.put(target, now.plus(Duration.ofMinutes(number(params, "minutes", 10))));
            case "user.unmute" -> room.mutedUntil.remove(target);
            case "user.kick" -> kick(room, target, now, sink);
            case "user.kick.lift" -> room.kicked.remove(target);
            case "user.warn" -> room.warnedUntil.put(target, now.plus(WARNING_EFFECT));
            case "seat.mic-off" -> seat(room, target, s -> s.occupant = null, now, sink);
            case "seat.mute" -> seat(room, target, s -> s.muted = true, now, sink);
            case "seat.unmute" -> seat(room, target, s -> s.muted = false, now, sink);
            case "seat.lock" -> seat(room, target, s -> {
                s.locked = true;
                s.occupant = null;
            }, now, sink);
            case "seat.unlock" -> seat(room, target, s -> s.locked = false, now, sink);
            case "room.slow-mode" -> {
                room.slowModeSeconds = (int) number(params, "seconds", 0);
                room.lastSpoke.clear();
            }
            case "song.remove", "song.skip" -> {
                if (room.queue.removeIf(song -> song.id().equals(target)) && room.status == SimRoom.Status.LIVE) {
                    events.songs(room, now, sink);
                }
            }
            case "source.stop" -> {
                if (room.source != null && room.status == SimRoom.Status.LIVE) {
                    room.source = null;
                    room.nextMediaAt = now.plus(Duration.ofSeconds(60 + simulation.random().nextInt(120)));
                    events.source(room, now, sink);
                }
            }
            case "room.close" -> {
                // ModDesk closed it already (status CLOSED); the platform ends the broadcast and sends nothing more.
                room.status = SimRoom.Status.CLOSED;
                room.reopensAt = null;
                simulation.roomsChanged();
            }
            case "room.reopen" -> {
                if (room.status == SimRoom.Status.CLOSED) {
                    simulation.reopen(room, now, sink);
                }
            }
            default -> {
                // message.delete: the platform hides the line; nothing in the room changes. Unknown: ignored.
            }
        }
        return true;
    }

    private void kick(SimRoom room, String userId, Instant now, RoomSink sink) {
        room.kicked.add(userId);
        room.left.removeIf(p -> p.id().equals(userId));
        SimRoom.Person person = room.presentPerson(userId);
        if (person != null && room.status == SimRoom.Status.LIVE) {
            simulation.leave(room, person, now, sink);
            room.left.remove(person);
        } else if (person != null) {
            room.present.remove(person);
        }
    }

    private void seat(SimRoom room, String target, java.util.function.Consumer<SimRoom.SeatState> change, Instant now,
                      RoomSink sink) {
        SimRoom.SeatState seat = target.matches("[0-9]{1,2}") ? room.seat(Integer.parseInt(target)) : null;
        if (seat == null) {
            return;
        }
        change.accept(seat);
        if (room.status == SimRoom.Status.LIVE) {
            events.seat(room, seat, now, sink);
        }
    }

    private static long number(Map<?, ?> params, String name, long fallback) {
        Object value = params.get(name);
        String text = value == null ? "" : value.toString();
        return text.matches("[0-9]{1,6}") ? Long.parseLong(text) : fallback;
    }
}
