package dev.moddesk.server.sandbox;

import dev.moddesk.contract.platform.FeedAction;
import dev.moddesk.contract.platform.IngestEvent;
import dev.moddesk.screening.ScreenAction;
import dev.moddesk.screening.ScreenTerm;
import dev.moddesk.screening.WordScreen;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated platform's AutoMod, as docs/platform.md asks of a real one: it applies the newest {@code words.list}
 * from the action feed (the whole list, with the shared {@code screening/} {@link WordScreen}) before it "shows" a
 * chat line; a line matching a live HOLD term is sent as {@code message.held} and kept aside until the feed says
 * {@code message.released} (then it is shown: sent as {@code room.message}) or {@code message.denied} /
 * {@code message.dropped} (forgotten). Any room strand of the simulator can pass its chat lines through
 * {@link #show}. Known edge: the list lives in memory, so after a simulator restart nothing is held until the next
 * change of the list reaches the feed.
 */
public final class HeldWordsPlatform {
    /** How many withheld lines are kept waiting for a decision; the oldest is forgotten beyond it. */
    static final int MAX_WAITING = 10_000;

    private final WordScreen screen;
    private final String idPrefix;
    private long version = -1;
    private long sent;
    private final Map<String, Map<String, Object>> waiting = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
            return size() > MAX_WAITING;
        }
    };

    public HeldWordsPlatform(InstantSource clock, String idPrefix) {
        this.screen = WordScreen.of(List.of(), clock);
        this.idPrefix = idPrefix;
    }

    /** The word list version applied, -1 before the first {@code words.list}. */
    public synchronized long version() {
        return version;
    }

    public synchronized int waiting() {
        return waiting.size();
    }

    /** Whether a live HOLD term of the applied list matches {@code text} (nothing is built for a line that passes). */
    public synchronized boolean holds(CharSequence text) {
        return screen.holds(text);
    }

    /**
     * A chat line the platform is about to show ({@code payload}: roomId, messageId, userId, nickname, text): as
     * {@code room.message}, or as {@code message.held} when a live HOLD term matches.
     */
    public synchronized IngestEvent show(Map<String, Object> payload, Instant now) {
        String text = String.valueOf(payload.get("text"));
        if (screen.holds(text)) {
            waiting.put(key(payload.get("roomId"), payload.get("messageId")), payload);
            Map<String, Object> held = new LinkedHashMap<>(payload);
            held.put("listVersion", version);
            return event("message.held", held, now);
        }
        return event("room.message", payload, now);
    }

    /** Carries out a feed action; returns the lines to show now (a released one). */
    public synchronized List<IngestEvent> onAction(FeedAction action, Instant now) {
        Map<String, Object> p = action.payload();
        switch (action.type()) {
            case "words.list" -> apply(p);
            case "message.released" -> {
                Map<String, Object> line = waiting.remove(key(p.get("room"), p.get("messageId")));
                if (line != null) {
                    return List.of(event("room.message", line, now));
                }
            }
            case "message.denied", "message.dropped" -> waiting.remove(key(p.get("room"), p.get("messageId")));
            default -> {
                // not the word list's
            }
        }
        return List.of();
    }

    private void apply(Map<String, Object> payload) {
        long v = ((Number) payload.get("version")).longValue();
        if (v <= version) {
            return; // an older list arriving late
        }
        List<ScreenTerm> terms = new ArrayList<>();
        if (payload.get("terms") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> t) {
                    Object expires = t.get("expiresAt");
                    terms.add(new ScreenTerm(String.valueOf(t.get("term")), String.valueOf(t.get("category")),
                            ScreenAction.valueOf(String.valueOf(t.get("action"))),
                            expires == null ? null : Instant.parse(expires.toString())));
                }
            }
        }
        screen.replaceList(terms);
        version = v;
    }

    private IngestEvent event(String type, Map<String, Object> payload, Instant now) {
        return new IngestEvent(idPrefix + "-" + (++sent), type, now, payload);
    }

    private static String key(Object room, Object messageId) {
        return room + "\u0000" + messageId;
    }
}
