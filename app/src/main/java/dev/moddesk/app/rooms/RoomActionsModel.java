package dev.moddesk.app.rooms;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.contract.FieldError;
import dev.moddesk.contract.rooms.ModerationAction;
import dev.moddesk.contract.rooms.RoomActionRequest;
import dev.moddesk.contract.rooms.RoomMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A monitor's staff actions: each person's intent (one click, after its confirmation) gets one Idempotency-Key, kept
 * for its retries, so a retry after a lost answer never acts twice. An intent is SENDING until the server answers,
 * then WAITING until the room's own {@code action} event arrives from the stream (nothing is shown as done before the
 * room says so), then DONE; a refusal is FAILED with the server's keyed problem in the UI language. The sanctions the
 * monitor has seen and nobody undid yet are listed for their undo. FX thread only; answers come back through
 * {@code fx}.
 */
public final class RoomActionsModel {
    /** Action ids remembered as seen (their events arrived), newest kept. */
    static final int SEEN_MAX = 2_000;
    /** Sanctions listed for an undo, newest kept. */
    static final int SANCTIONS_MAX = 200;

    /** Where one intent stands. */
    public enum Phase { SENDING, WAITING, DONE, FAILED }

    /**
     * One person's intent: an action, its request and its one Idempotency-Key. Immutable; a new phase is a copy.
     * {@code problem}: why it FAILED in the UI language; null when FAILED means the server no longer has the message
     * to delete. {@code lineSeq}: the chat line a message deletion acts on, else 0.
     */
    public record Intent(long number, RoomAction action, RoomActionRequest request, String key, Phase phase,
                         String actionId, String problem, long lineSeq, String label) {
        Intent(long number, RoomAction action, RoomActionRequest request, String key, Phase phase, String actionId,
               String problem, long lineSeq) {
            this(number, action, request, key, phase, actionId, problem, lineSeq, null);
        }

        Intent in(Phase next, String id, String why) {
            return new Intent(number, action, request, key, next, id, why, lineSeq, label);
        }

        Intent with(RoomActionRequest resolved) {
            return new Intent(number, action, resolved, key, phase, actionId, problem, lineSeq, label);
        }

        /**
         * What the action acts on, as the person knows it: a user by nickname with the id after it ("小明 (u1)"), a
         * deleted message by its author, a song by its title; else the target's id, or nothing for the room.
         */
        public String target() {
            String id = request.targetId() == null ? "" : request.targetId();
            if (label == null || label.isBlank() || label.equals(id)) {
                return id;
            }
            String name = ChatLines.oneLine(label, ChatLines.MAX_NAME);
            return action.target() == RoomAction.Target.USER && !id.isEmpty() ? name + " (" + id + ")" : name;
        }
    }

    private final String room;
    private final RoomsBackend backend;
    private final Executor fx;
    private final ErrorMessages errors;
    private final Supplier<String> keys;
    private final ReadOnlyObjectWrapper<Intent> latest = new ReadOnlyObjectWrapper<>(this, "latest");
    private final ObservableList<ModerationAction> sanctions = FXCollections.observableArrayList();
    private final SequencedSet<String> seen = new LinkedHashSet<>();
    private final SequencedSet<String> undone = new LinkedHashSet<>();
    private final List<Intent> open = new ArrayList<>();
    private long intents;

    RoomActionsModel(String room, RoomsBackend backend, Executor fx, ErrorMessages errors, Supplier<String> keys) {
        this.room = Objects.requireNonNull(room, "room");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Sends {@code action} on {@code targetId} (ignored for room-wide actions) as a new intent with a fresh key.
     * {@code param} is the minutes of a mute or the seconds of slow mode, else null.
     */
    public Intent act(RoomAction action, String targetId, String reason, Integer param) {
        return act(action, targetId, null, reason, param);
    }

    /** As above; {@code label} is how the person knows the target (a nickname, a song title), shown while pending. */
    public Intent act(RoomAction action, String targetId, String label, String reason, Integer param) {
        Map<String, String> params = switch (action) {
            case MUTE_USER -> Map.of("minutes", String.valueOf(Objects.requireNonNull(param, "minutes")));
            case SLOW_MODE -> Map.of("seconds", String.valueOf(Objects.requireNonNull(param, "seconds")));
            default -> Map.of();
        };
        String target = action.target() == RoomAction.Target.ROOM ? null : targetId;
        return send(new Intent(++intents, action, new RoomActionRequest(action.wire(), target, blankToNull(reason),
                params, null), keys.get(), Phase.SENDING, null, null, 0, label));
    }

    /**
     * Deletes the message of chat line {@code seq}: the platform's message id is read from the server's copy of the
     * event first (a monitor keeps no message ids, to stay small), then the action is sent.
     */
    public Intent deleteMessage(long seq, String reason) {
        return deleteMessage(seq, null, reason);
    }

    /** As above; {@code author} names the line's author while the deletion is pending. */
    public Intent deleteMessage(long seq, String author, String reason) {
        return send(new Intent(++intents, RoomAction.DELETE_MESSAGE, new RoomActionRequest(
                RoomAction.DELETE_MESSAGE.wire(), null, blankToNull(reason), Map.of(), null), keys.get(),
                Phase.SENDING, null, null, seq, author));
    }

    /** Undoes {@code sanction} (a mute, kick, seat mute or lock, a closed room) as a new intent. */
    public Intent undo(ModerationAction sanction, String reason) {
        RoomAction undo = RoomAction.ofWire(sanction.action()).flatMap(RoomAction::undo)
                .orElseThrow(() -> new IllegalArgumentException("not a sanction with an undo: " + sanction.action()));
        return send(new Intent(++intents, undo, new RoomActionRequest(undo.wire(), null, blankToNull(reason), Map.of(),
                sanction.actionId()), keys.get(), Phase.SENDING, null, null, 0));
    }

    /** Sends a FAILED intent again with the same key: the server answers a request it already took as it did then. */
    public void retry(Intent intent) {
        if (intent.phase() == Phase.FAILED) {
            send(intent.in(Phase.SENDING, null, null));
        }
    }

    private Intent send(Intent intent) {
        show(intent);
        if (intent.action() == RoomAction.DELETE_MESSAGE && intent.request().targetId() == null) {
            backend.events(room, intent.lineSeq() - 1, 1).whenCompleteAsync((page, error) -> {
                String messageId = error != null ? null : page.items().stream()
                        .filter(e -> e.seq() == intent.lineSeq() && e.payload() instanceof RoomMessage)
                        .map(e -> ((RoomMessage) e.payload()).messageId()).findFirst().orElse(null);
                if (messageId == null) {
                    show(intent.in(Phase.FAILED, null, error != null ? describe(error) : null));
                    return;
                }
                RoomActionRequest r = intent.request();
                send(intent.with(new RoomActionRequest(r.action(), messageId, r.reason(), r.params(), null)));
            }, fx);
            return intent;
        }
        backend.act(room, intent.key(), intent.request()).whenCompleteAsync((result, error) -> {
            if (error != null) {
                show(intent.in(Phase.FAILED, null, describe(error)));
                return;
            }
            String id = result.action().actionId();
            // The stream may have brought the event before the answer came.
            show(intent.in(seen.contains(id) ? Phase.DONE : Phase.WAITING, id, null));
        }, fx);
        return intent;
    }

    private void show(Intent intent) {
        open.removeIf(i -> i.number() == intent.number());
        if (intent.phase() == Phase.WAITING) {
            open.add(intent);
        }
        Intent shown = latest.get();
        if (shown == null || shown.number() <= intent.number()) {
            latest.set(intent);
        }
    }

    /** An {@code action} event of this room (live or loaded): completes its intent and keeps the sanctions current. */
    void seen(ModerationAction a) {
        if (a.actionId() == null) {
            return;
        }
        remember(seen, a.actionId(), SEEN_MAX);
        for (Intent i : List.copyOf(open)) {
            if (a.actionId().equals(i.actionId())) {
                show(i.in(Phase.DONE, i.actionId(), null));
            }
        }
        if (a.undoes() != null) {
            remember(undone, a.undoes(), SEEN_MAX);
            sanctions.removeIf(s -> a.undoes().equals(s.actionId()));
            return;
        }
        boolean sanction = RoomAction.ofWire(a.action()).flatMap(RoomAction::undo).isPresent();
        if (sanction && !undone.contains(a.actionId())
                && sanctions.stream().noneMatch(s -> s.actionId().equals(a.actionId()))) {
            sanctions.add(a);
            if (sanctions.size() > SANCTIONS_MAX) {
                sanctions.removeFirst();
            }
        }
    }

    private static void remember(SequencedSet<String> set, String id, int max) {
        set.add(id);
        if (set.size() > max) {
            set.removeFirst();
        }
    }

    /** The newest sanction of {@code kind} on {@code targetId} nobody undid yet (targetId ignored for the room). */
    public Optional<ModerationAction> active(RoomAction kind, String targetId) {
        for (int i = sanctions.size() - 1; i >= 0; i--) {
            ModerationAction s = sanctions.get(i);
            if (s.action().equals(kind.wire()) && (kind.target() == RoomAction.Target.ROOM
                    || Objects.equals(targetId, s.targetId()))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The last intent and where it stands (null before the first). */
    public ReadOnlyObjectProperty<Intent> latestProperty() {
        return latest.getReadOnlyProperty();
    }

    /** Sanctions seen in this room and not undone, oldest first. */
    public ObservableList<ModerationAction> sanctions() {
        return sanctions;
    }

    /**
     * The server's own words for a refusal (its problems are keyed and localized for the console's language), with the
     * fields it names; anything else as {@link ErrorMessages} says it.
     */
    private String describe(Throwable error) {
        return ApiException.find(error).flatMap(ApiException::problem)
                .filter(p -> p.detail() != null && !p.detail().isBlank())
                .map(p -> {
                    List<String> parts = new ArrayList<>();
                    parts.add(p.detail());
                    for (FieldError f : p.errors()) {
                        if (!p.detail().contains(f.message())) {
                            parts.add(f.message());
                        }
                    }
                    return ChatLines.oneLine(String.join(" · ", parts), 300);
                })
                .orElseGet(() -> errors.describe(error));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
