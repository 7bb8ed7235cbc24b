package dev.moddesk.server.review;

import com.fasterxml.jackson.databind.JsonNode;
import dev.moddesk.contract.review.Applicant;
import dev.moddesk.contract.review.JoinMode;
import dev.moddesk.server.platform.IngestHandler;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/**
 * The platform events circle review applies: {@code circle.upserted}, {@code application.submitted},
 * {@code application.withdrawn}. Payload shapes are in docs (review-api); an invalid payload throws
 * {@link IllegalArgumentException} with a readable message, which the ingest API answers as 422 for that event.
 */
final class ReviewIngestHandlers {

    private ReviewIngestHandlers() {
    }

    static List<IngestHandler> all(ApplicationIngest service) {
        return all(service, List.of());
    }

    /** {@code mediaHosts}: where a platform that hosts its own media may point (see {@link PlatformMediaUrl}). */
    static List<IngestHandler> all(ApplicationIngest service, List<String> mediaHosts) {
        return List.of(
                handler("circle.upserted", (h, e) -> circleUpserted(service, h, e.payload())),
                handler("application.submitted", (h, e) -> applicationSubmitted(service, h, e, mediaHosts)),
                noting("application.withdrawn", (h, e) -> service.withdraw(h, text(e.payload(), "applicationId", true))));
    }

    private interface Apply {
        void apply(Handle h, IngestHandler.Event e);
    }

    /** Applies an event and says, in a plain sentence, why it changed nothing (null when it did what it says). */
    private interface ApplyNoting {
        String apply(Handle h, IngestHandler.Event e);
    }

    private static IngestHandler noting(String type, ApplyNoting apply) {
        return new IngestHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void apply(Handle handle, Event event) {
                applyNoting(handle, event);
            }

            @Override
            public String applyNoting(Handle handle, Event event) {
                return apply.apply(handle, event);
            }
        };
    }

    private static IngestHandler handler(String type, Apply apply) {
        return new IngestHandler() {
            @Override
            public String type() {
                return type;
            }

            @Override
            public void apply(Handle handle, Event event) {
                apply.apply(handle, event);
            }
        };
    }

    private static void circleUpserted(ApplicationIngest service, Handle h, JsonNode p) {
        List<String> questions = new ArrayList<>();
        JsonNode q = p.path("questions");
        if (!q.isMissingNode() && !q.isNull()) {
            if (!q.isArray()) {
                throw new IllegalArgumentException("questions must be an array of texts");
            }
            for (JsonNode node : q) {
                String t = node.isTextual() ? node.asText() : node.path("text").asText(null);
                if (t == null || t.isBlank()) {
                    throw new IllegalArgumentException("questions must not contain blanks");
                }
                questions.add(t);
            }
        }
        JoinMode mode;
        try {
            mode = JoinMode.valueOf(text(p, "joinMode", true).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("joinMode must be QUESTIONS, VIDEO or EITHER");
        }
        int members = p.path("memberCount").asInt(0);
        if (members < 0) {
            throw new IllegalArgumentException("memberCount must not be negative");
        }
        service.upsertCircle(h, text(p, "circleId", true), text(p, "name", true), text(p, "city", true),
                text(p, "topic", true), mode, questions, members, text(p, "owner", false));
    }

    private static void applicationSubmitted(ApplicationIngest service, Handle h, IngestHandler.Event e,
                                             List<String> mediaHosts) {
        JsonNode p = e.payload();
        JsonNode a = p.path("applicant");
        if (!a.isObject()) {
            throw new IllegalArgumentException("applicant is required");
        }
        Applicant applicant = new Applicant(text(a, "userId", true), text(a, "nickname", false),
                text(a, "locationCity", false), instant(a, "accountCreatedAt"));
        List<StoredAnswer> answers = new ArrayList<>();
        JsonNode list = p.path("answers");
        if (list.isArray()) {
            for (JsonNode ans : list) {
                int position = ans.path("position").asInt(0);
                String text = ans.path("text").asText("");
                if (position < 1) {
                    throw new IllegalArgumentException("answers[].position starts at 1");
                }
                if (text.length() > 4000) {
                    throw new IllegalArgumentException("answers[].text is limited to 4000 characters");
                }
                answers.add(new StoredAnswer(position, text));
            }
        }
        JsonNode v = p.path("video");
        String videoKey = null;
        String posterKey = null;
        Integer duration = null;
        String caption = null;
        if (v.isObject() && v.hasNonNull("url")) {
            // A platform that hosts its own files: https URLs on hosts an admin listed, stored as they came.
            if (v.hasNonNull("mediaKey")) {
                throw new IllegalArgumentException("video has either mediaKey or url, not both");
            }
            videoKey = PlatformMediaUrl.check("video.url", text(v, "url", true), mediaHosts);
            String posterUrl = text(v, "posterUrl", false);
            posterKey = posterUrl == null ? null : PlatformMediaUrl.check("video.posterUrl", posterUrl, mediaHosts);
            duration = v.path("durationSeconds").asInt(0);
            caption = text(v, "caption", false);
        } else if (v.isObject()) {
            videoKey = text(v, "mediaKey", true);
            if (!MediaLinks.validKey(videoKey)) {
                throw new IllegalArgumentException("video.mediaKey has characters a media key cannot have");
            }
            posterKey = text(v, "posterKey", false);
            if (posterKey == null && videoKey.endsWith(".mp4")) {
                posterKey = videoKey.substring(0, videoKey.length() - 4) + ".jpg";
            }
            duration = v.path("durationSeconds").asInt(0);
            caption = text(v, "caption", false);
        }
        if (answers.isEmpty() && videoKey == null) {
            throw new IllegalArgumentException("an application needs answers or a video");
        }
        Instant submitted = instant(p, "submittedAt");
        service.submit(h, new ApplicationIngest.Submission(text(p, "applicationId", true), text(p, "circleId", true),
                applicant, text(a, "locale", false), answers, videoKey, posterKey, duration, caption,
                submitted != null ? submitted : e.occurredAt()));
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String raw = text(node, field, false);
        if (raw == null) {
            return null;
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 instant");
        }
    }
}
