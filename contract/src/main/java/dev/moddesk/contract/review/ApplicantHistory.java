package dev.moddesk.contract.review;

import java.time.Instant;
import java.util.List;

/** An applicant's earlier applications and decisions everywhere, and (once rooms exist) their room infractions. */
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

    public record Infraction(String roomName, String action, String reason, Instant at) {
    }
}
