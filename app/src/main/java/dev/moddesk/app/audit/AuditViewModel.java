package dev.moddesk.app.audit;

import dev.moddesk.app.api.AuditQuery;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.contract.AuditEntry;
import dev.moddesk.contract.Page;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log: filters, the entries loaded so far (newest first, one cursor page at a time), the selected entry's
 * before/after diff, and CSV export of everything that matches the filters.
 */
public final class AuditViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(AuditViewModel.class);
    static final int PAGE_SIZE = 50;
    // The server's largest page: a bigger one was refused with 422, so export failed against the real server.
    static final int EXPORT_PAGE_SIZE = AuditEntry.MAX_PAGE_SIZE;

    private final AuditLogSource source;
    private final ErrorMessages errors;
    private final Executor fx;
    private final ZoneId zone;

    private final StringProperty actor = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty("");
    private final StringProperty targetType = new SimpleStringProperty("");
    private final StringProperty targetId = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();

    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    /** Action names to filter by; "" (first) means any action. */
    private final ObservableList<String> actions = FXCollections.observableArrayList("");
    /** Bound by the view to the table selection. */
    private final ObjectProperty<AuditEntry> selected = new SimpleObjectProperty<>();
    private final ObservableList<AuditDiff.Row> diff = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty hasMore = new SimpleBooleanProperty(true);
    private final BooleanProperty exporting = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty("");

    private AuditQuery activeQuery;
    private String nextCursor;
    private int generation;

    public AuditViewModel(AuditLogSource source, ErrorMessages errors, Executor fx, ZoneId zone) {
        this.source = Objects.requireNonNull(source);
        this.errors = Objects.requireNonNull(errors);
        this.fx = Objects.requireNonNull(fx);
        this.zone = Objects.requireNonNull(zone);
        selected.subscribe(e -> diff.setAll(e == null ? List.of() : AuditDiff.rows(e.before(), e.after())));
    }

    public CompletableFuture<Void> loadActions() {
        return source.actions().handleAsync((list, failure) -> {
            if (failure != null) {
                error.set(errors.describe(failure));
            } else {
                List<String> withAny = new java.util.ArrayList<>();
                withAny.add("");
                withAny.addAll(list);
                actions.setAll(withAny);
            }
            return null;
        }, fx);
    }

    /** Applies the filters: starts again from the newest matching entry. */
    public CompletableFuture<Void> search() {
        generation++;
        activeQuery = query(null, PAGE_SIZE);
        nextCursor = null;
        entries.clear();
        hasMore.set(true);
        loading.set(false);
        return loadMore();
    }

    /** Loads the next page when the last rows come into view; does nothing while loading or at the end. */
    public CompletableFuture<Void> loadMore() {
        if (loading.get() || !hasMore.get()) {
            return CompletableFuture.completedFuture(null);
        }
        if (activeQuery == null) {
            return search();
        }
        int mine = generation;
        loading.set(true);
        error.set("");
        return source.page(activeQuery.withCursor(nextCursor)).handleAsync((page, failure) -> {
            if (mine != generation) {
                return null;
            }
            loading.set(false);
            if (failure != null) {
                error.set(errors.describe(failure));
                return null;
            }
            received(page);
            return null;
        }, fx);
    }

    private void received(Page<AuditEntry> page) {
        entries.addAll(page.items());
        nextCursor = page.nextCursor();
        hasMore.set(nextCursor != null);
    }

    public void clearFilters() {
        actor.set("");
        action.set("");
        targetType.set("");
        targetId.set("");
        from.set(null);
        to.set(null);
    }

    AuditQuery query(String cursor, int limit) {
        Instant fromInstant = from.get() == null ? null : from.get().atStartOfDay(zone).toInstant();
        // "to" is a whole day: everything before the next midnight.
        Instant toInstant = to.get() == null ? null : to.get().plusDays(1).atStartOfDay(zone).toInstant();
        return new AuditQuery(actor.get(), action.get(), targetType.get(), targetId.get(), fromInstant, toInstant, cursor, limit);
    }

    /**
     * Writes every entry matching the current filters to {@code file}, paging through the server on {@code io}.
     * Completes (on the FX executor) with the number of entries written.
     */
    public CompletableFuture<Integer> export(Path file, Executor io) {
        AuditQuery base = query(null, EXPORT_PAGE_SIZE);
        exporting.set(true);
        error.set("");
        return CompletableFuture.supplyAsync(() -> writeAll(base, file), io)
                .whenCompleteAsync((count, failure) -> {
                    exporting.set(false);
                    if (failure != null) {
                        error.set(errors.describe(failure));
                    }
                }, fx);
    }

    private int writeAll(AuditQuery base, Path file) {
        int count = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            AuditCsv csv = new AuditCsv(w);
            csv.writeHeader();
            String cursor = null;
            do {
                Page<AuditEntry> page = source.page(base.withCursor(cursor)).join();
                for (AuditEntry e : page.items()) {
                    csv.write(e);
                    count++;
                }
                cursor = page.nextCursor();
            } while (cursor != null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.info("Exported {} audit entries to {}", count, file);
        return count;
    }

    public StringProperty actorProperty() {
        return actor;
    }

    public StringProperty actionProperty() {
        return action;
    }

    public StringProperty targetTypeProperty() {
        return targetType;
    }

    public StringProperty targetIdProperty() {
        return targetId;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    public ObservableList<String> actions() {
        return actions;
    }

    public ObjectProperty<AuditEntry> selectedProperty() {
        return selected;
    }

    public ObservableList<AuditDiff.Row> diff() {
        return diff;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public BooleanProperty exportingProperty() {
        return exporting;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ZoneId zone() {
        return zone;
    }
}
