package dev.moddesk.server.rooms.words;

import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.rooms.WordList;
import dev.moddesk.contract.rooms.WordListUpdate;
import dev.moddesk.contract.rooms.WordLists;
import dev.moddesk.contract.rooms.WordTerm;
import dev.moddesk.contract.rooms.WordTermRequest;
import dev.moddesk.screening.ScreenAction;
import dev.moddesk.screening.ScreenTerm;
import dev.moddesk.screening.WordScreen;
import dev.moddesk.server.core.AuditLog;
import dev.moddesk.server.core.Principal;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.core.Sql;
import dev.moddesk.server.platform.ActionPublisher;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The managed word list (OPS and ADMIN): add, change and remove terms. Each change, in one transaction, raises the
 * list's version under its row lock, writes the term, its audit entry and one {@code words.list} feed action with the
 * whole list at the new version (so a platform applies lists in version order and never misses one). After the commit
 * this node's {@link #screen()} is rebuilt and swapped in atomically; other nodes pick the new version up in
 * {@link #refresh()} (polled every two seconds).
 */
public final class ManagedWordList {

    public static final String FEED_TYPE = "words.list";

    private final Jdbi jdbi;
    private final AuditLog audit;
    private final ActionPublisher feed;
    private final Clock clock;
    private final WordListStore store = new WordListStore();
    private final WordScreen screen;
    private final Object reloading = new Object();
    private volatile long loadedVersion = -1;

    public ManagedWordList(Jdbi jdbi, AuditLog audit, ActionPublisher feed, Clock clock) {
        this.jdbi = jdbi;
        this.audit = audit;
        this.feed = feed;
        this.clock = clock;
        this.screen = WordScreen.of(List.of(), clock);
        refresh();
    }

    /** The screen over the current list (the same object for the server's life; its list is swapped). */
    public WordScreen screen() {
        return screen;
    }

    /** The list's version this node screens with. */
    public long loadedVersion() {
        return loadedVersion;
    }

    public WordList list() {
        return jdbi.inTransaction(h -> new WordList(store.version(h), store.all(h)));
    }

    public WordTerm add(Principal actor, WordTermRequest request) {
        WordListStore.Row row = WordRules.check(request, clock.instant());
        return change(h -> {
            if (store.count(h) >= WordLists.MAX_TERMS) {
                throw ProblemException.invalid("term", "rooms.words.field.full", WordLists.MAX_TERMS);
            }
            refuseDuplicate(h, row.key(), null);
            Instant now = clock.instant();
            long id = store.insert(h, row, actor.username(), now);
            WordTerm added = store.find(h, id).orElseThrow();
            audit.record(h, AuditLog.Entry.by(actor, "word_list.add", "word_term", Long.toString(id), null, added,
                    null));
            return new Change<>(added, "added", added.term());
        });
    }

    public WordTerm update(Principal actor, long id, int ifMatch, WordTermRequest request) {
        WordListStore.Row row = WordRules.check(request, clock.instant());
        return change(h -> {
            WordTerm before = current(h, id, ifMatch);
            refuseDuplicate(h, row.key(), id);
            store.update(h, id, ifMatch, row, actor.username(), clock.instant());
            WordTerm after = store.find(h, id).orElseThrow();
            audit.record(h, AuditLog.Entry.by(actor, "word_list.change", "word_term", Long.toString(id), before,
                    after, null));
            return new Change<>(after, "changed", after.term());
        });
    }

    public void remove(Principal actor, long id, int ifMatch) {
        change(h -> {
            WordTerm before = current(h, id, ifMatch);
            store.delete(h, id, ifMatch);
            audit.record(h, AuditLog.Entry.by(actor, "word_list.remove", "word_term", Long.toString(id), before,
                    null, null));
            return new Change<>(before, "removed", before.term());
        });
    }

    /** Rebuilds {@link #screen()} if the stored list is newer than the one loaded (another node changed it). */
    public void refresh() {
        synchronized (reloading) {
            long stored = jdbi.withHandle(store::version);
            if (stored == loadedVersion) {
                return;
            }
            WordList list = list();
            List<ScreenTerm> terms = new ArrayList<>(list.terms().size());
            for (WordTerm t : list.terms()) {
                terms.add(new ScreenTerm(t.term(), t.category(), ScreenAction.valueOf(t.action()), t.expiresAt()));
            }
            screen.replaceList(terms);
            loadedVersion = list.version();
        }
    }

    private record Change<T>(T result, String change, String term) {
    }

    private interface Step<T> {
        Change<T> run(Handle h);
    }

    private <T> T change(Step<T> step) {
        T result;
        try {
            result = jdbi.inTransaction(h -> {
                long version = store.bumpVersion(h);
                Change<T> done = step.run(h);
                List<WordTermRequest> terms = store.all(h).stream()
                        .map(t -> new WordTermRequest(t.term(), t.category(), t.action(), t.expiresAt())).toList();
                feed.publish(h, FEED_TYPE, "word-list", "words",
                        new WordListUpdate(version, done.change(), done.term(), terms));
                return done.result();
            });
        } catch (JdbiException e) {
            if (Sql.isUniqueViolation(e)) {
                throw ProblemException.invalid("term", "rooms.words.field.duplicate");
            }
            throw e;
        }
        refresh();
        return result;
    }

    private WordTerm current(Handle h, long id, int ifMatch) {
        WordTerm before = store.find(h, id)
                .orElseThrow(() -> ProblemException.keyed(ProblemType.NOT_FOUND, "rooms.words.noTerm", id));
        if (before.version() != ifMatch) {
            throw ProblemException.keyed(ProblemType.PRECONDITION_FAILED, "core.ifMatch.stale", before.version())
                    .withExtension("currentVersion", before.version());
        }
        return before;
    }

    private void refuseDuplicate(Handle h, String key, Long self) {
        store.idOfKey(h, key).filter(other -> !other.equals(self)).ifPresent(other -> {
            throw ProblemException.invalid("term", "rooms.words.field.duplicate");
        });
    }
}
