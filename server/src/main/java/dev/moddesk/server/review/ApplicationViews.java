package dev.moddesk.server.review;

import dev.moddesk.contract.Problem;
import dev.moddesk.contract.review.Answer;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.ApplicationDetail;
import dev.moddesk.contract.review.ApplicationSummary;
import dev.moddesk.contract.review.Circle;
import dev.moddesk.contract.review.CircleQuestion;
import dev.moddesk.contract.review.ClaimInfo;
import dev.moddesk.contract.review.DecisionInfo;
import dev.moddesk.contract.review.RiskSignal;
import dev.moddesk.contract.review.TextSpan;
import dev.moddesk.contract.review.VideoSubmission;
import dev.moddesk.screening.WordScreen;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Turns stored rows into the contract's records: summaries, details (signed media links, screened words), problems. */
final class ApplicationViews {

    private final ReviewJson json;
    private final MediaLinks media;
    private final WordScreen screen;

    ApplicationViews(ReviewJson json, MediaLinks media, WordScreen screen) {
        this.json = json;
        this.media = media;
        this.screen = screen;
    }

    static Problem problem(ReviewFailure f, Locale language) {
        return new Problem(f.type().uri().toString(), f.type().title(), f.type().status(), f.detail(language), null,
                List.of(), f.extensions());
    }

    ApplicationSummary summary(ApplicationRow r, Instant now) {
        return new ApplicationSummary(r.id(), r.circleId(), r.circleName(), r.city(), r.mode(), r.applicantId(),
                r.applicantNickname(), r.submittedAt(), r.riskScore(), codeList(r.riskCodes()), claimInfo(r, now),
                r.version());
    }

    static ClaimInfo claimInfo(ApplicationRow r, Instant now) {
        return r.claimedAt(now) ? new ClaimInfo(r.claimedBy(), r.claimedByName(), r.claimExpiresAt()) : null;
    }

    /**
     * {@code ring}: the size of the largest copy-paste ring {@code r} belongs to now ({@link RingStore#currentRing}),
     * shown instead of the size stored when it was flagged; 0 when not read (the row has no ring signal).
     */
    ApplicationDetail detail(ApplicationRow r, Circle circle, List<String> viewers, int ring, Instant now) {
        Map<Integer, String> questions = circle.questions().stream()
                .collect(Collectors.toMap(CircleQuestion::position, CircleQuestion::text, (a, b) -> a));
        List<Answer> answers = json.read(r.answersJson(), ReviewJson.ANSWERS).stream()
                .map(a -> new Answer(a.position(), questions.get(a.position()), a.text(), spans(a.text())))
                .toList();
        VideoSubmission video = r.videoMediaKey() == null ? null : new VideoSubmission(
                media.link(r.videoMediaKey(), now),
                r.videoPosterKey() == null ? null : media.link(r.videoPosterKey(), now),
                r.videoDuration() == null ? 0 : r.videoDuration(), r.videoCaption());
        DecisionInfo decision = r.decisionKind() == null ? null : new DecisionInfo(r.decisionKind(), r.decisionReason(),
                r.decisionNote(), r.decidedBy(), r.decidedByName(), r.decidedAt(),
                r.publishPending() && r.undoableUntil() != null && r.undoableUntil().isAfter(now)
                        ? r.undoableUntil() : null);
        return new ApplicationDetail(r.id(), r.version(), circle,
                new Applicant(r.applicantId(), r.applicantNickname(), r.applicantCity(), r.applicantCreatedAt()),
                r.status(), r.mode(), answers, video, r.submittedAt(), r.riskScore(),
                risks(r, ring), claimInfo(r, now), viewers, decision);
    }

    private List<RiskSignal> risks(ApplicationRow r, int ring) {
        List<RiskSignal> stored = json.read(r.riskJson(), ReviewJson.RISKS);
        if (ring < RiskAssessor.RING_SIZE) {
            return stored;
        }
        return stored.stream()
                .map(sig -> sig.code().equals(RiskAssessor.DUPLICATE_TEXT) ? RiskAssessor.ringSignal(ring) : sig)
                .toList();
    }

    /** Whether {@code r} carries the copy-paste ring signal, whose size {@link #detail} wants read. */
    static boolean inRing(ApplicationRow r) {
        return codeList(r.riskCodes()).contains(RiskAssessor.DUPLICATE_TEXT);
    }

    private List<TextSpan> spans(String text) {
        return screen.find(text).stream().map(hit -> new TextSpan(hit.start(), hit.end(), hit.term())).toList();
    }

    private static List<String> codeList(String codes) {
        return codes == null || codes.isBlank() ? List.of() : Arrays.asList(codes.split(","));
    }
}
