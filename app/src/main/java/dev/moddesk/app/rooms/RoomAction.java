package dev.moddesk.app.rooms;

import dev.moddesk.contract.rooms.RoomKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The staff actions the console offers in a room, by the server's wire name ({@code RoomActionKind}; the protocol is
 * docs/platform.md "Live rooms: staff actions"): what each acts on, its label and the notice a monitor shows for its
 * event, whether it is destructive (asks for a confirmation first) or needs a reason, and the undo of a sanction.
 */
public enum RoomAction {
    DELETE_MESSAGE("message.delete", Target.MESSAGE, "rooms.action.deleteMessage", "rooms.notice.act.deleteMessage"),
    MUTE_USER("user.mute", Target.USER, "rooms.action.mute", "rooms.notice.act.mute"),
    UNMUTE_USER("user.unmute", Target.USER, "rooms.action.unmute", "rooms.notice.act.unmute"),
    KICK_USER("user.kick", Target.USER, "rooms.action.kick", "rooms.notice.act.kick"),
    LIFT_KICK("user.kick.lift", Target.USER, "rooms.action.liftKick", "rooms.notice.act.liftKick"),
    WARN_USER("user.warn", Target.USER, "rooms.action.warn", "rooms.notice.act.warn"),
    MIC_OFF("seat.mic-off", Target.SEAT, "rooms.action.micOff", "rooms.notice.act.micOff"),
    MUTE_SEAT("seat.mute", Target.SEAT, "rooms.action.muteSeat", "rooms.notice.act.muteSeat"),
    UNMUTE_SEAT("seat.unmute", Target.SEAT, "rooms.action.unmuteSeat", "rooms.notice.act.unmuteSeat"),
    LOCK_SEAT("seat.lock", Target.SEAT, "rooms.action.lockSeat", "rooms.notice.act.lockSeat"),
    UNLOCK_SEAT("seat.unlock", Target.SEAT, "rooms.action.unlockSeat", "rooms.notice.act.unlockSeat"),
    SLOW_MODE("room.slow-mode", Target.ROOM, "rooms.action.slowMode", "rooms.notice.act.slowMode"),
    REMOVE_SONG("song.remove", Target.SONG, "rooms.action.removeSong", "rooms.notice.act.removeSong"),
    SKIP_SONG("song.skip", Target.SONG, "rooms.action.skipSong", "rooms.notice.act.skipSong"),
    STOP_SOURCE("source.stop", Target.ROOM, "rooms.action.stopSource", "rooms.notice.act.stopSource"),
    CLOSE_ROOM("room.close", Target.ROOM, "rooms.action.closeRoom", "rooms.notice.act.closeRoom"),
    REOPEN_ROOM("room.reopen", Target.ROOM, "rooms.action.reopenRoom", "rooms.notice.act.reopenRoom");

    /** What an action acts on. */
    public enum Target { MESSAGE, USER, SEAT, SONG, ROOM }

    /** Mute durations the console offers, minutes (the server allows 5, 10, 30, 60, 1440, 10080). */
    public static final List<Integer> MUTE_MINUTES = List.of(10, 60, 1440);
    /** Slow-mode settings the console offers, seconds (0 = off). */
    public static final List<Integer> SLOW_MODE_SECONDS = List.of(0, 5, 10, 30, 60, 300);

    private final String wire;
    private final Target target;
    private final String labelKey;
    private final String noticeKey;

    RoomAction(String wire, Target target, String labelKey, String noticeKey) {
        this.wire = wire;
        this.target = target;
        this.labelKey = labelKey;
        this.noticeKey = noticeKey;
    }

    public String wire() {
        return wire;
    }

    public Target target() {
        return target;
    }

    /** The button's text. */
    public String labelKey() {
        return labelKey;
    }

    /** The chat notice for its event: {0} staff, {1} target, {2} reason (may be empty), {3} its parameter. */
    public String noticeKey() {
        return noticeKey;
    }

    /** Kick, close and delete ask for a confirmation before anything is sent. */
    public boolean destructive() {
        return this == KICK_USER || this == CLOSE_ROOM || this == DELETE_MESSAGE;
    }

    /** The server refuses these without a reason. */
    public boolean needsReason() {
        return this == CLOSE_ROOM || this == KICK_USER || this == WARN_USER;
    }

    /** The action that reverses this sanction, if it can be reversed. */
    public Optional<RoomAction> undo() {
        return Optional.ofNullable(switch (this) {
            case MUTE_USER -> UNMUTE_USER;
            case KICK_USER -> LIFT_KICK;
            case MUTE_SEAT -> UNMUTE_SEAT;
            case LOCK_SEAT -> UNLOCK_SEAT;
            case CLOSE_ROOM -> REOPEN_ROOM;
            default -> null;
        });
    }

    public boolean isUndo() {
        for (RoomAction a : values()) {
            if (a.undo().orElse(null) == this) {
                return true;
            }
        }
        return false;
    }

    /** The room-wide and chat-line actions the action bar offers for a room of {@code kind}, in order. */
    public static List<RoomAction> presets(RoomKind kind) {
        List<RoomAction> out = new ArrayList<>(List.of(DELETE_MESSAGE, MUTE_USER, KICK_USER, WARN_USER, SLOW_MODE));
        if (kind == RoomKind.VOICE || kind == RoomKind.KTV) {
            out.addAll(List.of(MIC_OFF, MUTE_SEAT, LOCK_SEAT, UNLOCK_SEAT));
        }
        if (kind == RoomKind.KTV) {
            out.addAll(List.of(REMOVE_SONG, SKIP_SONG));
        }
        if (kind == RoomKind.WATCH_TOGETHER) {
            out.add(STOP_SOURCE);
        }
        out.addAll(List.of(CLOSE_ROOM, REOPEN_ROOM));
        return List.copyOf(out);
    }

    public static Optional<RoomAction> ofWire(String wire) {
        for (RoomAction a : values()) {
            if (a.wire.equals(wire)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
