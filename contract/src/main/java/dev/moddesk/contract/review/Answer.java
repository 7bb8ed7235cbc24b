package dev.moddesk.contract.review;

import java.util.List;

/** The applicant's answer to one circle question, with the screened words found in it. */
public record Answer(int position, String question, String text, List<TextSpan> screened) {
    public Answer {
        screened = screened == null ? List.of() : List.copyOf(screened);
    }
}
