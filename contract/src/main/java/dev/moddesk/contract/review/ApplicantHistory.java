package dev.moddesk.contract.review;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An applicant's earlier applications and decisions everywhere, and their infractions in live rooms. */
public record ApplicantHistory(Applicant applicant, List<Item> applications, List<Infraction> roomInfractions) {
    public ApplicantHistory {
        applications = applications == null ? List.of() : List.copyOf(applications);
        roomInfractions = roomInfractions == null ? List.of() : List.copyOf(roomInfractions);
    }

    /**
     * One earlier application. {@code redacted} items lie outside the reader's cities: they keep the trail (city,
     * status, reason, dates) but not the circle's name.
     */
    public record Item(long applicationId, String circleName, String city, ApplicationStatus status, Instant submittedAt,
                       String reasonCode, String reasonTitle, Instant decidedAt, boolean redacted) {

        public Item(long applicationId, String circleName, String city, ApplicationStatus status, Instant submittedAt,
                    String reasonCode, String reasonTitle, Instant decidedAt) {
            this(applicationId, circleName, city, status, submittedAt, reasonCode, reasonTitle, decidedAt, false);
        }
    }

    /**
     * A staff action in a live room against the applicant: {@code action} is the room action's wire name
     * ({@code user.mute}, {@code user.kick}, {@code user.warn}, {@code message.delete}) or {@code message.deny} for a
     * held message staff denied; {@code params} its details (e.g. {@code minutes}); {@code lifted} when staff undid it
     * (unmute, lift a kick) at {@code liftedAt}. {@code redacted} infractions lie in a room outside the reader's cities:
     * they keep city, room kind, action, reason and dates, not the room or who acted.
     */
    public record Infraction(String roomId, String roomName, String roomKind, String city, String action,
                             Map<String, String> params, String reason, Instant at, String staffName, boolean lifted,
                             Instant liftedAt, boolean redacted) {
        public Infraction {
            params = params == null ? Map.of() : Map.copyOf(params);
        }

        /** The same infraction as a reader outside its city sees it. */
        public Infraction redact() {
            return new Infraction(null, null, roomKind, city, action, params, reason, at, null, lifted, liftedAt, true);
        }
    }
}
