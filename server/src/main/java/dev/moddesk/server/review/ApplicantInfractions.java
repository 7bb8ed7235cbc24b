package dev.moddesk.server.review;

import dev.moddesk.contract.review.ApplicantHistory;
import java.util.List;

/** Where an applicant's room infractions come from (live rooms on a server; none where rooms are not wired). */
@FunctionalInterface
public interface ApplicantInfractions {

    ApplicantInfractions NONE = userId -> List.of();

    /** The user's infractions, newest first, unredacted. */
    List<ApplicantHistory.Infraction> of(String userId);
}
