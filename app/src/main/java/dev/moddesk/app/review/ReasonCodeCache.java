package dev.moddesk.app.review;

import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.contract.review.ReasonCode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The reject reasons of the circle on screen, fetched once per circle for the life of focus mode (they change
 * rarely, and the digit keys must answer at once). Circle id 0 stands for "no circle": the global list.
 *
 * <p>Thread: the FX thread; the fetch completes on the HTTP client's threads and continues on {@code fx}.
 */
public final class ReasonCodeCache {

    /** Digits 1–9 pick a reason, so only the first nine active ones can be chosen from the keyboard. */
    private static final int KEYED = 9;

    private final ReviewApi api;
    private final Executor fx;
    private final Consumer<Notice> notices;
    private final Function<Throwable, String> describer;
    private final LongSupplier shownCircle;
    private final ObservableList<ReasonCode> reasonCodes = FXCollections.observableArrayList();
    private final Map<Long, List<ReasonCode>> byCircle = new HashMap<>();

    /** {@code shownCircle} tells, when an answer arrives, which circle is on screen now (0 for none). */
    public ReasonCodeCache(ReviewApi api, Executor fx, Consumer<Notice> notices, Function<Throwable, String> describer,
                           LongSupplier shownCircle) {
        this.api = api;
        this.fx = fx;
        this.notices = notices;
        this.describer = describer;
        this.shownCircle = shownCircle;
    }

    /** Shows the reasons of {@code circleId}: at once when known, else when the server answers (if still shown). */
    public void use(long circleId) {
        List<ReasonCode> cached = byCircle.get(circleId);
        if (cached != null) {
            reasonCodes.setAll(cached);
            return;
        }
        api.reasonCodes(circleId == 0 ? null : circleId).whenCompleteAsync((codes, e) -> {
            if (e != null) {
                notices.accept(Notice.error("review.notice.reasonsFailed", describer.apply(e)));
                return;
            }
            byCircle.put(circleId, codes);
            if (shownCircle.getAsLong() == circleId) {
                reasonCodes.setAll(codes);
            }
        }, fx);
    }

    /** The reasons the digit keys pick from, in the order the list shows them. */
    public List<ReasonCode> keyed() {
        return reasonCodes.stream().filter(ReasonCode::active)
                .sorted(Comparator.comparingInt(ReasonCode::position)).limit(KEYED).toList();
    }

    public ObservableList<ReasonCode> reasonCodes() {
        return FXCollections.unmodifiableObservableList(reasonCodes);
    }
}
