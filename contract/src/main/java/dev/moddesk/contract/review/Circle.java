package dev.moddesk.contract.review;

import java.util.List;

/** A city interest circle (同城圈子). {@code externalId} is the platform's id for it. */
public record Circle(
        long id,
        String externalId,
        String name,
        String city,
        String topic,
        JoinMode joinMode,
        List<CircleQuestion> questions,
        int memberCount,
        String ownerName) {
    public Circle {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
