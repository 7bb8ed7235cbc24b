package dev.moddesk.app.rooms;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.app.core.I18n;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.ReportDismissReason;
import dev.moddesk.contract.rooms.ReportDismissRequest;
import dev.moddesk.contract.rooms.ReportGroup;
import dev.moddesk.contract.rooms.ReportReason;
import dev.moddesk.contract.rooms.ReportTarget;
import dev.moddesk.contract.rooms.RoomActionRequest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The report queue as the view shows it: open user reports grouped per target (the most reported first), filtered
 * by room, reason and target kind; acting on a group (the room action that fits its target: delete the message, mute
 * the user for an hour; the server resolves the reports with it) or dismissing it with a reason. One Idempotency-Key
 * per intent: a retry after a failure sends the same key. Continuations run on {@code fx}.
 */
public final class ReportQueueModel {
    static final int MUTE_MINUTES = 60;

    private final ReportsBackend backend;
    private final Executor fx;
    private final I18n i18n;
    private final ErrorMessages errors;
    private final ObservableList<ReportGroup> items = FXCollections.observableArrayList();
    private final StringProperty roomFilter = new SimpleStringProperty("");
    private final ObjectProperty<ReportReason> reasonFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<ReportTarget> targetFilter = new SimpleObjectProperty<>();
    private final ObjectProperty<ReportDismissReason> dismissReason =
            new SimpleObjectProperty<>(ReportDismissReason.NO_VIOLATION);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final Map<String, String> pendingKeys = new HashMap<>();

    public ReportQueueModel(ReportsBackend backend, Executor fx, I18n i18n, ErrorMessages errors) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public ObservableList<ReportGroup> items() {
        return items;
    }

    public StringProperty roomFilterProperty() {
        return roomFilter;
    }

    public ObjectProperty<ReportReason> reasonFilterProperty() {
        return reasonFilter;
    }

    public ObjectProperty<ReportTarget> targetFilterProperty() {
        return targetFilter;
    }

    public ObjectProperty<ReportDismissReason> dismissReasonProperty() {
        return dismissReason;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public CompletableFuture<Void> refresh() {
        if (items.isEmpty()) {
            status.set(i18n.get("rooms.reports.loading"));
        }
        return backend.open(roomFilter.get(), reasonFilter.get(), targetFilter.get()).handleAsync((list, failure) -> {
            if (failure != null) {
                status.set(i18n.get("rooms.reports.loadFailed", errors.describe(failure)));
                return null;
            }
            items.setAll(list);
            showCount();
            return null;
        }, fx);
    }

    /** The room action the queue takes for a group, or null (a room's reports are acted on in its monitor). */
    RoomActionRequest actionFor(ReportGroup g) {
        String reason = i18n.get("rooms.reports.actionReason", ReportText.reason(i18n, topReason(g)));
        return switch (g.targetKind()) {
            case MESSAGE -> new RoomActionRequest("message.delete", g.targetId(), reason, Map.of(), null);
            case USER -> new RoomActionRequest("user.mute", g.targetId(), reason,
                    Map.of("minutes", Integer.toString(MUTE_MINUTES)), null);
            case ROOM -> null;
        };
    }

    /** Takes the group's room action; the server resolves the group's reports with it. */
    public CompletableFuture<Void> act(ReportGroup g) {
        RoomActionRequest action = actionFor(g);
        if (action == null) {
            return CompletableFuture.completedFuture(null);
        }
        String intent = key(g) + "\u0000act";
        String idem = pendingKeys.computeIfAbsent(intent, k -> UUID.randomUUID().toString());
        return settle(g, intent, backend.act(g.roomId(), idem, action).thenApply(r -> null),
                g.targetKind() == ReportTarget.MESSAGE ? "rooms.reports.deleted" : "rooms.reports.muted");
    }

    public CompletableFuture<Void> dismiss(ReportGroup g) {
        ReportDismissReason reason = dismissReason.get();
        String intent = key(g) + "\u0000dismiss\u0000" + reason;
        String idem = pendingKeys.computeIfAbsent(intent, k -> UUID.randomUUID().toString());
        return settle(g, intent, backend.dismiss(idem, new ReportDismissRequest(g.roomId(), g.targetKind(),
                g.targetId(), reason, null)).thenApply(d -> null), "rooms.reports.dismissed");
    }

    private CompletableFuture<Void> settle(ReportGroup g, String intent, CompletableFuture<Void> call, String done) {
        error.set("");
        busy.set(true);
        return call.handleAsync((ok, failure) -> {
            busy.set(false);
            if (failure != null) {
                boolean settledElsewhere = ApiException.find(failure)
                        .map(e -> e.is(ProblemType.CONFLICT)).orElse(false);
                error.set(i18n.get("rooms.reports.failed", errors.describe(failure)));
                if (settledElsewhere) {
                    pendingKeys.remove(intent);
                    items.removeIf(x -> key(x).equals(key(g)));
                    showCount();
                }
                return null;
            }
            pendingKeys.remove(intent);
            items.removeIf(x -> key(x).equals(key(g)));
            status.set(i18n.get(done, g.count()));
            return null;
        }, fx);
    }

    static String key(ReportGroup g) {
        return g.roomId() + "\u0000" + g.targetKind() + "\u0000" + g.targetId();
    }

    static ReportReason topReason(ReportGroup g) {
        return g.reasons().entrySet().stream().max(Map.Entry.<ReportReason, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(ReportReason.OTHER);
    }

    private void showCount() {
        status.set(items.isEmpty() ? i18n.get("rooms.reports.empty")
                : i18n.get("rooms.reports.count", items.size(), items.stream().mapToLong(ReportGroup::count).sum()));
    }
}
