package dev.moddesk.app.rooms;

import dev.moddesk.app.core.I18n;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the rooms views phrase kinds, counts and times in the UI language. */
final class RoomText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private RoomText() {
    }

    /** A room kind's name; a kind this console does not know keeps its wire name. */
    static String kind(I18n i18n, String kind) {
        return switch (kind) {
            case "FRIENDS" -> i18n.get("rooms.kind.friends");
            case "VOICE" -> i18n.get("rooms.kind.voice");
            case "KTV" -> i18n.get("rooms.kind.ktv");
            case "WATCH_TOGETHER" -> i18n.get("rooms.kind.watch");
            default -> kind;
        };
    }

    /** The Feather icon literal of a kind. */
    static String icon(String kind) {
        return switch (kind) {
            case "FRIENDS" -> "fth-users";
            case "VOICE" -> "fth-mic";
            case "KTV" -> "fth-music";
            case "WATCH_TOGETHER" -> "fth-tv";
            default -> "fth-radio";
        };
    }

    static String time(long epochMillis) {
        return epochMillis <= 0 ? "" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    static String rate(I18n i18n, double perSecond) {
        return i18n.get("rooms.card.rate", perSecond >= 100 ? String.format(i18n.getLocale(), "%,.0f", perSecond)
                : String.format(i18n.getLocale(), "%.1f", perSecond));
    }
}
