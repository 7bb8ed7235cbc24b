package dev.moddesk.app.review;

import dev.moddesk.app.api.ApiException;
import dev.moddesk.app.api.ReviewApi;
import dev.moddesk.app.core.ErrorMessages;
import dev.moddesk.contract.ProblemType;
import dev.moddesk.contract.review.ReasonCode;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admin's reason code editor: list, create, edit (with If-Match, so two admins never overwrite each other
 * silently) and deactivate. Deactivated codes stay in history on the server; they just stop being offered.
 */
public final class ReasonCodesModel {

    private final ReviewApi api;
    private final Executor fx;
    private final ErrorMessages errors;
    private final ObservableList<ReasonCode> codes = FXCollections.observableArrayList();
    private final ObjectProperty<Notice> notice = new SimpleObjectProperty<>(this, "notice");
    private Long circleId;

    public ReasonCodesModel(ReviewApi api, Executor fx, ErrorMessages errors) {
        this.api = api;
        this.fx = fx;
        this.errors = errors;
    }

    public CompletableFuture<Void> load(Long circle) {
        this.circleId = circle;
        // Deactivated codes too: admins see them (marked) and can bring one back.
        return api.reasonCodes(circle, true).handleAsync((list, e) -> {
            if (e != null) {
                notice.set(Notice.error("review.notice.reasonsFailed", errors.describe(e)));
            } else {
                codes.setAll(list.stream().sorted(Comparator.comparingInt(ReasonCode::position)).toList());
            }
            return null;
        }, fx);
    }

    /** Creates the code when it is new, else updates it; a stale edit reloads the list and says so. */
    public CompletableFuture<Boolean> save(ReasonCode edited) {
        boolean exists = codes.stream().anyMatch(c -> c.code().equals(edited.code()));
        CompletableFuture<ReasonCode> call = exists ? api.updateReasonCode(edited) : api.createReasonCode(edited);
        return call.handleAsync((saved, e) -> {
            if (e == null) {
                codes.removeIf(c -> c.code().equals(saved.code()));
                codes.add(saved);
                codes.sort(Comparator.comparingInt(ReasonCode::position));
                notice.set(Notice.info("review.reasons.saved", saved.code()));
                return true;
            }
            if (ApiException.find(e).filter(p -> p.is(ProblemType.PRECONDITION_FAILED)).isPresent()) {
                notice.set(Notice.warning("review.reasons.changed", edited.code()));
                load(circleId);
            } else {
                notice.set(Notice.error("review.reasons.saveFailed", edited.code(), errors.describe(e)));
            }
            return false;
        }, fx);
    }

    /** Brings a deactivated code back into moderators' lists (an update with active = true, under If-Match). */
    public CompletableFuture<Boolean> reactivate(ReasonCode code) {
        return save(new ReasonCode(code.code(), code.titles(), code.templates(), code.cooldownDays(), code.circleId(),
                code.position(), true, code.version()));
    }

    public CompletableFuture<Void> deactivate(String code) {
        return api.deactivateReasonCode(code).handleAsync((v, e) -> {
            if (e != null) {
                notice.set(Notice.error("review.reasons.saveFailed", code, errors.describe(e)));
                return null;
            }
            codes.replaceAll(c -> c.code().equals(code) ? new ReasonCode(c.code(), c.titles(), c.templates(),
                    c.cooldownDays(), c.circleId(), c.position(), false, c.version() + 1) : c);
            notice.set(Notice.info("review.reasons.deactivated", code));
            return null;
        }, fx);
    }

    public ObservableList<ReasonCode> codes() {
        return codes;
    }

    public ObjectProperty<Notice> noticeProperty() {
        return notice;
    }
}
