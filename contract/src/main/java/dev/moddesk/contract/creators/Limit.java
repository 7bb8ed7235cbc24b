package dev.moddesk.contract.creators;

import java.util.Arrays;
import java.util.Optional;

/** The numeric settings of a creator, by their wire name (a {@link SettingChange#setting()}). */
public enum Limit {
    FAN_GROUP_QUOTA("fanGroupQuota"),
    DISPLAY_SLOTS("displaySlots"),
    MEMBER_CAPACITY("memberCapacity");

    /** The largest value any limit takes. */
    public static final int MAX = 100_000;

    private final String wireName;

    Limit(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Limit> named(String name) {
        return Arrays.stream(values()).filter(l -> l.wireName.equals(name)).findFirst();
    }
}
