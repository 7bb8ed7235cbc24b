package dev.moddesk.server.review;

import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.core.ProblemException;
import dev.moddesk.server.platform.IngestNote;
import dev.moddesk.contract.review.RiskSignal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * What the platform tells review (called by {@link ReviewIngestHandlers} inside the ingest transaction): circles,
 * submitted applications with their risk signals, withdrawals. Queue floors are lowered only once that transaction
 * has committed.
 */
public final class ApplicationIngest {

    private final ReviewStores stores;
    private final Clock clock;
    private final RiskAssessor risk;
    private final ReviewJson json;
    private final QueueFloors floors;
    private final ApplicationWithdrawal withdrawal;

    ApplicationIngest(ReviewStores stores, Clock clock, RiskAssessor risk, ReviewJson json, QueueFloors floors,
                      ReviewAudit audit) {
        this.withdrawal = new ApplicationWithdrawal(stores, clock, audit);
        this.stores = stores;
        this.clock = clock;
        this.risk = risk;
        this.json = json;
        this.floors = floors;
    }

    /** {@code circle.upserted}. */
    public long upsertCircle(Handle h, String externalId, String name, String city, String topic, JoinMode mode,
                             List<String> questions, int memberCount, String owner) {
        return upsertCircle(h, externalId, name, city, topic, mode, questions, memberCount, owner, null);
    }

    /** {@code circle.upserted} naming the owner's platform user id too (their name goes when they are erased). */
    public long upsertCircle(Handle h, String externalId, String name, String city, String topic, JoinMode mode,
                             List<String> questions, int memberCount, String owner, String ownerId) {
        return stores.circles().upsertCircle(h, new CircleStore.CircleWrite(externalId, name, city, topic, mode,
                questions, memberCount, owner, ownerId), clock.instant());
    }

    /** What {@code application.submitted} carries. */
    public record Submission(String applicationId, String circleId, Applicant applicant, String locale,
                             List<StoredAnswer> answers, String videoKey, String posterKey, Integer videoDuration,
                             String videoCaption, Instant submittedAt) {
    }

    /** {@code application.submitted}: stores the application with its risk signals; false if already known. */
    public boolean submit(Handle h, Submission s) {
        if (stores.applications().applicationIdByExternal(h, s.applicationId()).isPresent()) {
            return false;
        }
        long circleId = stores.circles().circleIdByExternal(h, s.circleId())
                .orElseThrow(() -> ProblemException.invalid("payload.circleId", "review.ingest.noCircle", s.circleId()));
        Circle circle = stores.circles().circle(h, circleId).orElseThrow();
        Instant now = clock.instant();
        List<String> texts = new ArrayList<>(s.answers().stream().map(StoredAnswer::text).toList());
        if (s.videoCaption() != null) {
            texts.add(s.videoCaption());
        }
        Set<String> fingerprints = RiskAssessor.fingerprints(s.answers().stream().map(StoredAnswer::text).toList());
        JoinMode mode = s.videoKey() != null ? JoinMode.VIDEO : JoinMode.QUESTIONS;
        long id = stores.applications().insertApplication(h, new ApplicationStore.ApplicationWrite(s.applicationId(), circleId,
                s.applicant().userId(), s.applicant().nickname(), s.applicant().locationCity(),
                s.applicant().accountCreatedAt(), s.locale() == null ? ApplicantMessages.DEFAULT_LOCALE : s.locale(), mode,
                json.write(s.answers()), String.join("\n", texts).toLowerCase(Locale.ROOT), s.videoKey(), s.posterKey(),
                s.videoDuration(), s.videoCaption(), 0, "[]", "", s.submittedAt() == null ? now : s.submittedAt()));
        stores.applications().insertFingerprints(h, id, s.applicant().userId(), fingerprints);
        int largestRing = 0;
        for (String fp : new TreeSet<>(fingerprints)) { // ring rows locked in one order: two ingests cannot deadlock
            RingStore.Joined ring = stores.rings().join(h, fp, s.applicant().userId());
            largestRing = Math.max(largestRing, ring.applicants());
            if (ring.formed()) {
                flagRing(h, fp, ring.applicants(), id);
            }
        }
        List<RiskSignal> signals = risk.assess(new RiskAssessor.Facts(texts, s.applicant().accountCreatedAt(),
                s.applicant().locationCity(), circle.city(), largestRing,
                stores.applications().rejections(h, s.applicant().userId(), circleId), now));
        stores.applications().updateRisk(h, id, RiskAssessor.score(signals), json.write(signals), codes(signals));
        if (withdrawal.applyEarly(h, id, s.applicationId())) {
            return true;
        }
        lowerOnceCommitted(h, s.submittedAt() == null ? now : s.submittedAt()); // the platform may send one late
        return true;
    }

    /**
     * Lowers the queue floors to {@code submittedAt} once {@code h}'s transaction has committed. Lowered before, a
     * claim-next running meanwhile could not see the uncommitted row, step past it and set a floor above it, which
     * the lowering (already done) would not undo; lowered after, such a claim-next's floor is ignored
     * ({@link QueueFloors#claimed}) and any later one sees the row.
     */
    private void lowerOnceCommitted(Handle h, Instant submittedAt) {
        if (h.isInTransaction()) {
            h.afterCommit(() -> floors.lowerTo(submittedAt));
        } else {
            floors.lowerTo(submittedAt); // autocommit: the row is committed already
        }
    }

    /**
     * When a copy-paste ring forms, the earlier members still pending get the signal too; only then, so a spam wave
     * does not rewrite every member on every new one. Later members find the ring in their own facts, and the size a
     * moderator reads is the ring's current one ({@link ApplicationViews#detail}).
     */
    private void flagRing(Handle h, String fingerprint, int ring, long exceptId) {
        for (ApplicationRow member : stores.applications().pendingWithFingerprint(h, fingerprint)) {
            if (member.id() == exceptId) {
                continue;
            }
            List<RiskSignal> signals = new ArrayList<>(json.read(member.riskJson(), ReviewJson.RISKS));
            signals.removeIf(sig -> sig.code().equals(RiskAssessor.DUPLICATE_TEXT));
            signals.add(RiskAssessor.ringSignal(ring));
            stores.applications().updateRisk(h, member.id(), RiskAssessor.score(signals), json.write(signals), codes(signals));
            lowerOnceCommitted(h, member.submittedAt()); // riskier now: a claim-next with a minimum risk may want it
        }
    }

    /**
     * {@code application.withdrawn}: null when withdrawn now, otherwise why not (remembered for later, or the decision
     * was published already).
     */
    public IngestNote withdraw(Handle h, String applicationId) {
        return withdrawal.withdraw(h, applicationId);
    }

    private static String codes(List<RiskSignal> signals) {
        return signals.stream().map(RiskSignal::code).collect(Collectors.joining(","));
    }
}
