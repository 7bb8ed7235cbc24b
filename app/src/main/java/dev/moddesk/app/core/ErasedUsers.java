package dev.moddesk.app.core;

import dev.moddesk.contract.lifecycle.ErasedUser;

/**
 * How screens name a person who may have been erased (issue 13): an erased user (pseudonym id, no nickname) reads
 * "erased user" in the UI language instead of an empty name or a bare pseudonym.
 */
public final class ErasedUsers {

    private ErasedUsers() {
    }

    /** The nickname, or "erased user" for an erased person. */
    public static String name(I18n i18n, String userId, String nickname) {
        return ErasedUser.isErased(userId, nickname) ? i18n.get("erased.user") : nickname;
    }

    /**
     * A name where no user id comes with it (a creator's display name, a room's host, a nickname kept with a decision
     * in progress): "erased user" when erasure replaced it ({@code [erased]}) or it is gone, else the name.
     */
    public static String name(I18n i18n, String name) {
        return name == null || name.isBlank() || ErasedUser.isErasedName(name) ? i18n.get("erased.user") : name;
    }

    /** An id as a screen shows it: a pseudonym reads "erased user (erased-…)". */
    public static String id(I18n i18n, String id) {
        return id != null && id.startsWith(ErasedUser.PREFIX) ? i18n.get("erased.user") + " (" + id + ")" : id;
    }
}
