package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.Futures;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.QueueFilter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.util.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Focus mode's line-up: the application on screen and the ones after it. It works through a list of ids (the queue
 * as the moderator saw it) and then claim-next on a filter, keeps {@value #PREFETCH_DEPTH} applications claimed and
 * loaded ahead so two quick keys in a row still find the next one ready, remembers skipped ones for "previous", and
 * puts an application back in front when undo or "open" interrupts the order. With nothing on screen after a
 * failure or an empty queue it tries again by itself.
 *
 * <p>Thread: the FX thread. HTTP calls complete on the client's threads; what their continuations compare against
 * (the application on screen, the skipped ones) is captured on the FX thread and passed in as values, and anything
 * that reads or changes the line-up continues on {@code fx}.
 */
public final class FocusLineUp {

    private static final Logger log = LoggerFactory.getLogger(FocusLineUp.class);

    /** How many applications focus mode claims and loads ahead of the one on screen. */
    public static final int PREFETCH_DEPTH = 2;
    /** How soon focus mode tries again after the next application could not be loaded (server down, timeout). */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(3);
    /** How often a cleared claim-next queue looks for applications that arrived since. */
    public static final Duration LOOK_AGAIN_AFTER = Duration.ofSeconds(5);
    /** Application ids start at 1: this one means "nothing on screen". */
    private static final long NOTHING = 0;

    private final ReviewApi api;
    private final Executor fx;
    private final ReviewTimers timers;
    private final Consumer<Notice> notices;
    private final Function<Throwable, String> describer;
    private final Consumer<String> warmVideo;
    private final Consumer<ApplicationModel> showing;
    private final Consumer<ApplicationModel> shown;

    private final ObjectProperty<ApplicationModel> current = new SimpleObjectProperty<>(this, "current");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading");
    private final BooleanProperty finished = new SimpleBooleanProperty(this, "finished");
    private final ObjectProperty<ApplicationModel.ClaimConflict> conflict = new SimpleObjectProperty<>(this, "conflict");

    private final Deque<Long> upcoming = new ArrayDeque<>();
    private final Deque<ApplicationModel> returning = new ArrayDeque<>();
    private final Deque<Long> skippedOrder = new ArrayDeque<>();
    private final Set<Long> skipped = new HashSet<>();
    /** Claimed and loading ahead, oldest first; their claims are handed back when focus mode closes. */
    private final Deque<CompletableFuture<Optional<ApplicationModel>>> prefetched = new ArrayDeque<>();
    private QueueFilter claimNextFilter;
    /** Set while nothing is on screen and the line-up tries again by itself (after a failure, or an empty queue). */
    private Subscription retry;
    private boolean closed;

    /**
     * {@code showing} runs just before an application goes on screen, {@code shown} just after it is active;
     * {@code warmVideo} downloads the video of an application claimed ahead.
     */
    public FocusLineUp(ReviewApi api, Executor fx, ReviewTimers timers, Consumer<Notice> notices,
                       Function<Throwable, String> describer, Consumer<String> warmVideo,
                       Consumer<ApplicationModel> showing, Consumer<ApplicationModel> shown) {
        this.api = api;
        this.fx = fx;
        this.timers = timers;
        this.notices = notices;
        this.describer = describer;
        this.warmVideo = warmVideo;
        this.showing = showing;
        this.shown = shown;
    }

    /**
     * Starts on {@code ids} in that order; when they run out and {@code thenClaimNext} is not null, goes on with
     * claim-next on that filter.
     */
    public void start(List<Long> ids, QueueFilter thenClaimNext) {
        upcoming.clear();
        upcoming.addAll(ids);
        claimNextFilter = thenClaimNext;
        finished.set(false);
        advance();
    }

    /** Hands back every claim still held and stops trying. */
    public void close() {
        closed = true;
        cancelRetry();
        ApplicationModel m = current.get();
        if (m != null) {
            m.deactivate(true);
        }
        returning.forEach(r -> r.deactivate(true));
        returning.clear();
        prefetched.forEach(f -> f.thenAccept(opt -> opt.ifPresent(p -> p.deactivate(true))));
        prefetched.clear();
        current.set(null);
    }

    /** Leaves the current application undecided (its claim is released) and moves on. */
    public void skip() {
        ApplicationModel m = current.get();
        if (m == null) {
            if (retry != null && !loading.get()) {
                cancelRetry();
                advance(); // nothing on screen after a failure: J / S try again at once
            }
            return;
        }
        m.deactivate(true);
        skipped.add(m.applicationId());
        skippedOrder.push(m.applicationId());
        advance();
    }

    /** Goes back to the application skipped last. */
    public void previous() {
        Long id = skippedOrder.poll();
        if (id == null) {
            notices.accept(Notice.info("review.notice.noPrevious"));
            return;
        }
        skipped.remove(id);
        ApplicationModel onScreen = current.get();
        ApplicationModel back = new ApplicationModel(api, fx, timers, id);
        loading.set(true);
        back.open().whenCompleteAsync((m, e) -> {
            loading.set(false);
            if (e != null) {
                openFailed(id, e);
                return;
            }
            if (onScreen != null && onScreen == current.get()) {
                onScreen.deactivate(false);
                returning.addFirst(onScreen);
            }
            show(m);
        }, fx);
    }

    /** Opens a specific application now (from the queue table or a failed decision's "open" link). */
    public void open(long id) {
        upcoming.remove(id);
        upcoming.addFirst(id);
        ApplicationModel onScreen = current.get();
        if (onScreen != null) {
            onScreen.deactivate(false);
            returning.addFirst(onScreen);
            current.set(null);
        }
        CompletableFuture<Optional<ApplicationModel>> next = fetchNext(NOTHING);
        loading.set(true);
        next.whenCompleteAsync(this::present, fx);
    }

    /** Shows {@code m} again (an undone decision), keeping the one it replaces next in line. */
    public void bringBack(ApplicationModel m) {
        ApplicationModel onScreen = current.get();
        if (onScreen != null) {
            onScreen.deactivate(false);
            returning.addFirst(onScreen);
        }
        show(m);
    }

    /** The server resolved these elsewhere (a bulk decision): drop them from the line-up, moving on if shown. */
    public void decidedElsewhere(Collection<Long> ids) {
        upcoming.removeAll(ids);
        returning.removeIf(m -> {
            boolean gone = ids.contains(m.applicationId());
            if (gone) {
                m.decided();
            }
            return gone;
        });
        prefetched.removeIf(f -> {
            boolean gone = f.isDone() && !f.isCompletedExceptionally()
                    && f.join().map(m -> ids.contains(m.applicationId())).orElse(false);
            if (gone) {
                f.join().ifPresent(ApplicationModel::decided);
            }
            return gone;
        });
        ApplicationModel onScreen = current.get();
        if (onScreen != null && ids.contains(onScreen.applicationId())) {
            onScreen.decided();
            advance();
        }
    }

    /** Loads the shown application again if it is {@code applicationId} (its version moved on the server). */
    public void reloadIfShown(long applicationId) {
        ApplicationModel m = current.get();
        if (m != null && m.applicationId() == applicationId) {
            m.reload();
        }
    }

    /** Moves on to the next application: one coming back first, then one claimed ahead, else asks the server. */
    public void advance() {
        if (closed) {
            return;
        }
        if (!returning.isEmpty()) {
            show(returning.pop());
            return;
        }
        CompletableFuture<Optional<ApplicationModel>> next = prefetched.poll();
        if (next == null || next.isDone() && (next.isCompletedExceptionally() || next.join().isEmpty())) {
            // Nothing ahead, or an old "none left" / failure: ask the server now rather than show a stale answer.
            next = fetchNext(shownId());
        }
        if (next.isDone() && !next.isCompletedExceptionally()) {
            present(next.join(), null);
            return;
        }
        loading.set(true);
        current.set(null);
        next.whenCompleteAsync(this::present, fx);
    }

    private void present(Optional<ApplicationModel> next, Throwable error) {
        loading.set(false);
        if (closed) {
            next.ifPresent(m -> m.deactivate(true));
            return;
        }
        if (error != null) {
            log.warn("could not load the next application: {}", Futures.unwrap(error).toString());
            current.set(null);
            notices.accept(Notice.error("review.notice.loadFailedRetrying", describer.apply(error)));
            tryAgainIn(RETRY_AFTER);
            return;
        }
        if (next == null || next.isEmpty()) {
            current.set(null);
            finished.set(true);
            if (claimNextFilter != null) {
                tryAgainIn(LOOK_AGAIN_AFTER); // new applications keep arriving: pick them up without a key press
            }
            return;
        }
        show(next.get());
    }

    private void show(ApplicationModel m) {
        cancelRetry();
        finished.set(false);
        showing.accept(m);
        current.set(m);
        m.activate();
        shown.accept(m);
        while (prefetched.size() < PREFETCH_DEPTH && returning.isEmpty()) {
            CompletableFuture<Optional<ApplicationModel>> ahead = fetchNext(m.applicationId());
            if (ahead.isDone() && (ahead.isCompletedExceptionally() || ahead.join().isEmpty())) {
                break; // nothing more to claim right now (or the server is away): don't keep a stale answer
            }
            prefetched.add(ahead);
            // Its video downloads while the moderator reads this one; the detail is set on fx, so read it there.
            ahead.thenAcceptAsync(this::warmMedia, fx);
        }
    }

    private void warmMedia(Optional<ApplicationModel> next) {
        next.map(ApplicationModel::detail).map(ApplicationDetail::video).ifPresent(v -> warmVideo.accept(v.url()));
    }

    private long shownId() {
        ApplicationModel m = current.get();
        return m == null ? NOTHING : m.applicationId();
    }

    /**
     * Claims and loads the next candidate, passing over ones another moderator holds or that are no longer pending.
     * Called on the FX thread with the application on screen ({@code onScreen}, or {@link #NOTHING}); the claim-next
     * answer is checked against that and a copy of the skipped ids, never against live state, and passing over an
     * id continues on {@code fx}, where the line-up may be read.
     */
    private CompletableFuture<Optional<ApplicationModel>> fetchNext(long onScreen) {
        Long id = upcoming.poll();
        if (id == null) {
            QueueFilter filter = claimNextFilter;
            if (filter == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            Set<Long> passedOver = Set.copyOf(skipped);
            return api.claimNext(filter).thenCompose(found -> {
                if (found.isEmpty()) {
                    return CompletableFuture.completedFuture(Optional.<ApplicationModel>empty());
                }
                long foundId = found.get().id();
                if (passedOver.contains(foundId) || foundId == onScreen) {
                    // The moderator passed this one over (or it is on screen): hand the fresh claim back and stop
                    // rather than loop over it.
                    if (foundId != onScreen) {
                        api.release(foundId).exceptionally(e -> null);
                    }
                    return CompletableFuture.completedFuture(Optional.<ApplicationModel>empty());
                }
                ApplicationModel m = new ApplicationModel(api, fx, timers, foundId);
                return m.openClaimed(found.get()).thenApply(Optional::of);
            });
        }
        ApplicationModel m = new ApplicationModel(api, fx, timers, id);
        return m.open().thenApply(Optional::of).exceptionallyComposeAsync(error -> passOver(id, error, onScreen), fx);
    }

    /** {@code id} could not be opened: another moderator's or gone means "next one"; anything else is a failure. */
    private CompletableFuture<Optional<ApplicationModel>> passOver(long id, Throwable error, long onScreen) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof ApplicationModel.ClaimConflictException c) {
            conflict.set(c.conflict());
            notices.accept(Notice.warning("review.notice.claimedByOther", id, c.conflict().holder(),
                    String.valueOf(c.conflict().until())));
            return fetchNext(onScreen);
        }
        if (ApiException.find(cause).filter(p -> p.is(ProblemType.CONFLICT) || p.is(ProblemType.NOT_FOUND)
                || p.is(ProblemType.OUT_OF_SCOPE)).isPresent()) {
            notices.accept(Notice.info("review.notice.gone", id));
            return fetchNext(onScreen);
        }
        return CompletableFuture.failedFuture(cause);
    }

    private void openFailed(long id, Throwable error) {
        Throwable cause = Futures.unwrap(error);
        if (cause instanceof ApplicationModel.ClaimConflictException c) {
            conflict.set(c.conflict());
            notices.accept(Notice.warning("review.notice.claimedByOther", id, c.conflict().holder(),
                    String.valueOf(c.conflict().until())));
        } else {
            notices.accept(Notice.error("review.notice.loadFailed", describer.apply(cause)));
        }
    }

    private void tryAgainIn(Duration delay) {
        cancelRetry();
        retry = timers.every(delay, () -> {
            cancelRetry();
            if (!closed && current.get() == null && !loading.get()) {
                advance();
            }
        });
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.unsubscribe();
            retry = null;
        }
    }

    public ReadOnlyObjectProperty<ApplicationModel> currentProperty() {
        return current;
    }

    public ApplicationModel current() {
        return current.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading;
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished;
    }

    public ReadOnlyObjectProperty<ApplicationModel.ClaimConflict> conflictProperty() {
        return conflict;
    }
}
