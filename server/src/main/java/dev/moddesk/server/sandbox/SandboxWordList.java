package dev.moddesk.server.sandbox;

import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.Services;
import dev.moddesk.server.rooms.words.ManagedWordList;
import dev.moddesk.server.rooms.words.RoomWords;
import java.util.List;

/**
 * The sandbox's starter word list, added once to an empty list (as the tool "sandbox", audited like any change): a
 * few FLAG terms and the HOLD terms the simulated platform withholds, so the held-for-review queue fills on its own.
 */
public final class SandboxWordList {

    static final List<WordTermRequest> STARTER = List.of(
            new WordTermRequest("加微信", "contact", "HOLD", null),
            new WordTermRequest("加vx", "contact", "HOLD", null),
            new WordTermRequest("私聊有福利", "sexual", "HOLD", null),
            new WordTermRequest("兼职刷单", "fraud", "HOLD", null),
            new WordTermRequest("代充", "ads", "FLAG", null),
            new WordTermRequest("加qq", "contact", "FLAG", null),
            new WordTermRequest("傻逼", "abuse", "FLAG", null),
            new WordTermRequest("菠菜", "gambling", "FLAG", null));

    private SandboxWordList() {
    }

    /** The starter terms (what the simulated rooms' spam is written against). */
    public static List<WordTermRequest> starter() {
        return STARTER;
    }

    public static void seed(Services services) {
        ManagedWordList words = RoomWords.of(services);
        if (!words.list().terms().isEmpty()) {
            return;
        }
        Principal sandbox = Principal.tool("sandbox");
        for (WordTermRequest term : STARTER) {
            words.add(sandbox, term);
        }
    }
}
