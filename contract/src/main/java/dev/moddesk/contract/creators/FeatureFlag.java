package dev.moddesk.contract.creators;

import java.util.Arrays;
import java.util.Optional;

/** What a creator may offer their fans; each tier turns some on by default, an override may change one creator. */
public enum FeatureFlag {
    GROUP_CHAT,
    GROUP_RED_PACKET,
    CHAT_ROOM,
    KTV,
    WATCH_TOGETHER,
    VIDEO_CALL,
    /** 连线: a live connection between two creators' rooms. */
    CONNECT,
    BUSINESS_CARD;

    /** The flag named exactly {@code name}, if any (setting names are case-sensitive on the wire). */
    public static Optional<FeatureFlag> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }
}
