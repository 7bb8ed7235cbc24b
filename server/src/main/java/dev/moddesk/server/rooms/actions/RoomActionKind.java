package dev.moddesk.server.rooms.actions;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The actions staff may take in a room, by wire name (the {@code action} of a {@code ModerationAction} event and,
 * prefixed {@code room.}, the type of its action feed entry). A sanction that can be reversed names its undo; an undo
 * acts on the target of the action it {@code undoes}. Documented in docs/platform.md "Room actions".
 */
public enum RoomActionKind {
    MESSAGE_DELETE("message.delete", Target.MESSAGE, Param.NONE),
    USER_MUTE("user.mute", Target.USER, Param.MINUTES),
    USER_UNMUTE("user.unmute", Target.USER, Param.NONE),
    USER_KICK("user.kick", Target.USER, Param.NONE),
    USER_KICK_LIFT("user.kick.lift", Target.USER, Param.NONE),
    USER_WARN("user.warn", Target.USER, Param.NONE),
    SEAT_MIC_OFF("seat.mic-off", Target.SEAT, Param.NONE),
    SEAT_MUTE("seat.mute", Target.SEAT, Param.NONE),
    SEAT_UNMUTE("seat.unmute", Target.SEAT, Param.NONE),
    SEAT_LOCK("seat.lock", Target.SEAT, Param.NONE),
    SEAT_UNLOCK("seat.unlock", Target.SEAT, Param.NONE),
    ROOM_SLOW_MODE("room.slow-mode", Target.ROOM, Param.SECONDS),
    SONG_REMOVE("song.remove", Target.SONG, Param.NONE),
    SONG_SKIP("song.skip", Target.SONG, Param.NONE),
    SOURCE_STOP("source.stop", Target.ROOM, Param.NONE),
    ROOM_CLOSE("room.close", Target.ROOM, Param.NONE),
    ROOM_REOPEN("room.reopen", Target.ROOM, Param.NONE);

    /** What an action acts on: its {@code targetType} on the wire. */
    public enum Target {
        MESSAGE, USER, SEAT, SONG, ROOM;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The one parameter an action takes, with its allowed (preset) values. */
    public enum Param {
        NONE(null, Set.of()),
        MINUTES("minutes", Set.of(5, 10, 30, 60, 1440, 10080)),
        SECONDS("seconds", Set.of(0, 5, 10, 30, 60, 300));

        private final String name;
        private final Set<Integer> allowed;

        Param(String name, Set<Integer> allowed) {
            this.name = name;
            this.allowed = allowed;
        }

        public String paramName() {
            return name;
        }

        public List<Integer> allowed() {
            return allowed.stream().sorted().toList();
        }

        public boolean allows(int value) {
            return allowed.contains(value);
        }
    }

    private final String wire;
    private final Target target;
    private final Param param;

    RoomActionKind(String wire, Target target, Param param) {
        this.wire = wire;
        this.target = target;
        this.param = param;
    }

    public String wire() {
        return wire;
    }

    public Target target() {
        return target;
    }

    public Param param() {
        return param;
    }

    /** The action that reverses this one, if it can be reversed. */
    public Optional<RoomActionKind> undo() {
        return Optional.ofNullable(switch (this) {
            case USER_MUTE -> USER_UNMUTE;
            case USER_KICK -> USER_KICK_LIFT;
            case SEAT_MUTE -> SEAT_UNMUTE;
            case SEAT_LOCK -> SEAT_UNLOCK;
            case ROOM_CLOSE -> ROOM_REOPEN;
            default -> null;
        });
    }

    /** The sanction this action reverses, if it is an undo. */
    public Optional<RoomActionKind> undoes() {
        for (RoomActionKind k : values()) {
            if (k.undo().orElse(null) == this) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** A reason is required for sanctions that close or remove; any action may carry one. */
    public boolean needsReason() {
        return this == ROOM_CLOSE || this == USER_KICK || this == USER_WARN;
    }

    public static Optional<RoomActionKind> ofWire(String wire) {
        for (RoomActionKind k : values()) {
            if (k.wire.equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
