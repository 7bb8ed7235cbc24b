package dev.moddesk.contract.review;

import java.time.Instant;
import java.util.List;

/** An applicant's earlier applications and decisions everywhere, and (once rooms exist) their room infractions. */
public record ApplicantHistory(Applicant applicant, List<Item> applications, List<Infraction> roomInfractions) {
    public ApplicantHistory {
        applications = applications == null ? List.of() : List.copyOf(applications);
        roomInfractions = roomInfractions == null ? List.of() : List.copyOf(roomInfractions);
    }

    public record Item(long applicationId, String circleName, String city, ApplicationStatus status, Instant submittedAt,
                       String reasonCode, String reasonTitle, Instant decidedAt) {
    }

    public record Infraction(String roomName, String action, String reason, Instant at) {
    }
}
