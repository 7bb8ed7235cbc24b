package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.platform.IngestHandler;
import dev.moddesk.server.platform.IngestPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The platform events circle review applies: {@code circle.upserted}, {@code application.submitted},
 * {@code application.withdrawn}. Payload shapes are in docs (review-api); an invalid payload is refused through
 * {@link IngestPayload} with a keyed 422 naming the field, which the ingest API answers for that event.
 */
final class ReviewIngestHandlers {
    private static final int MAX_ID = 100;
    private static final int MAX_QUESTIONS = 20;
    private static final int MAX_QUESTION = 2000;
    private static final int MAX_ANSWER = 4000;
    private static final int MAX_DURATION = 24 * 3600;

    private ReviewIngestHandlers() {
    }

    static List<IngestHandler> all(ApplicationIngest service) {
        return all(service, List.of());
    }

    /** {@code mediaHosts}: where a platform that hosts its own media may point (see {@link PlatformMediaUrl}). */
    static List<IngestHandler> all(ApplicationIngest service, List<String> mediaHosts) {
        return List.of(
                IngestHandler.of("circle.upserted",
                        (h, e) -> circleUpserted(service, h, IngestPayload.of(e.payload()))),
                IngestHandler.of("application.submitted", (h, e) -> applicationSubmitted(service, h, e, mediaHosts)),
                IngestHandler.noting("application.withdrawn", (h, e) -> service.withdraw(h,
                        IngestPayload.of(e.payload()).stripped("applicationId", MAX_ID))));
    }

    private static void circleUpserted(ApplicationIngest service, Handle h, IngestPayload p) {
        List<String> questions = new ArrayList<>();
        List<JsonNode> q = p.array("questions", MAX_QUESTIONS);
        for (int i = 0; i < q.size(); i++) {
            JsonNode node = q.get(i);
            String t = node.isTextual() ? node.asText() : node.path("text").asText(null);
            if (t == null || t.isBlank()) {
                throw p.refuse("questions[" + i + "]", "review.ingest.blankQuestion");
            }
            if (t.length() > MAX_QUESTION) {
                throw p.refuse("questions[" + i + "]", "ingest.field.tooLong", MAX_QUESTION);
            }
            questions.add(t);
        }
        JoinMode mode;
        String joinMode = p.stripped("joinMode", 16);
        try {
            mode = JoinMode.valueOf(joinMode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw p.refuse("joinMode", "core.field.oneOf", "QUESTIONS, VIDEO, EITHER");
        }
        int members = (int) p.wholeNumber("memberCount", 0, Integer.MAX_VALUE, 0L);
        service.upsertCircle(h, p.stripped("circleId", MAX_ID), p.stripped("name", 200), p.stripped("city", 100),
                p.stripped("topic", 100), mode, questions, members, p.optionalStripped("owner", 200),
                p.optionalStripped("ownerId", MAX_ID));
    }

    private static void applicationSubmitted(ApplicationIngest service, Handle h, IngestHandler.Event e,
                                             List<String> mediaHosts) {
        IngestPayload p = IngestPayload.of(e.payload());
        IngestPayload a = p.object("applicant");
        Applicant applicant = new Applicant(a.stripped("userId", MAX_ID), a.optionalStripped("nickname", 200),
                a.optionalStripped("locationCity", 100), a.instant("accountCreatedAt", null));
        List<StoredAnswer> answers = new ArrayList<>();
        for (IngestPayload ans : p.objects("answers", MAX_QUESTIONS)) {
            int position = (int) ans.wholeNumber("position", 1, MAX_QUESTIONS, null);
            String text = ans.optionalString("text", MAX_ANSWER);
            answers.add(new StoredAnswer(position, text == null ? "" : text));
        }
        IngestPayload v = p.optionalObject("video");
        String videoKey = null;
        String posterKey = null;
        Integer duration = null;
        String caption = null;
        if (v != null && v.has("url")) {
            // A platform that hosts its own files: https URLs on hosts an admin listed, stored as they came.
            if (v.has("mediaKey")) {
                throw v.refuse("mediaKey", "review.ingest.keyAndUrl");
            }
            videoKey = PlatformMediaUrl.check(v, "url", mediaHosts);
            posterKey = v.has("posterUrl") ? PlatformMediaUrl.check(v, "posterUrl", mediaHosts) : null;
            duration = (int) v.wholeNumber("durationSeconds", 0, MAX_DURATION, 0L);
            caption = v.optionalStripped("caption", 1000);
        } else if (v != null) {
            videoKey = v.stripped("mediaKey", 200);
            if (!MediaLinks.validKey(videoKey)) {
                throw v.refuse("mediaKey", "review.ingest.mediaKey");
            }
            posterKey = v.optionalStripped("posterKey", 200);
            if (posterKey != null && !MediaLinks.validKey(posterKey)) {
                throw v.refuse("posterKey", "review.ingest.mediaKey");
            }
            if (posterKey == null && videoKey.endsWith(".mp4")) {
                posterKey = videoKey.substring(0, videoKey.length() - 4) + ".jpg";
            }
            duration = (int) v.wholeNumber("durationSeconds", 0, MAX_DURATION, 0L);
            caption = v.optionalStripped("caption", 1000);
        }
        if (answers.isEmpty() && videoKey == null) {
            throw p.refuse("answers", "review.ingest.answersOrVideo");
        }
        Instant submitted = p.instant("submittedAt", null);
        service.submit(h, new ApplicationIngest.Submission(p.stripped("applicationId", MAX_ID),
                p.stripped("circleId", MAX_ID), applicant, a.optionalStripped("locale", 16), answers, videoKey,
                posterKey, duration, caption, submitted != null ? submitted : e.occurredAt()));
    }
}
