package dev.moddesk.server.review;

import dev.moddesk.contract.review.DecisionResult;

/**
 * What became of one item of a decision call (a bulk decision, or a single decision as a call of one item). While
 * the items are checked an item is {@link Accepted}, {@link Refused}, {@link Replayed} or {@link SameKeyAs} an earlier
 * one; once written, an accepted item is {@link Decided}.
 */
sealed interface ItemOutcome {

    /** A rule refused the item; it writes nothing. */
    record Refused(ReviewFailure failure) implements ItemOutcome {
    }

    /** The item's key was used before for the same request: its stored answer. */
    record Replayed(DecisionResult result) implements ItemOutcome {
    }

    /** The item repeats the key of the item at {@code earlier} in the same call, and gets that item's answer. */
    record SameKeyAs(int earlier) implements ItemOutcome {
    }

    /** The item passed every rule and is about to be written. */
    record Accepted(int index, ApplicationRow before, boolean claim, DecisionStore.DecisionWrite write, String key,
                    String hash, String note) implements ItemOutcome {
    }

    /** The item was written. */
    record Decided(DecisionResult result) implements ItemOutcome {
    }

    /** The answer of a written or replayed item; a refusal is thrown. */
    default DecisionResult resultOrThrow() {
        return switch (this) {
            case Decided d -> d.result();
            case Replayed r -> r.result();
            case Refused r -> throw r.failure();
            case Accepted a -> throw new IllegalStateException("item " + a.index() + " was not written");
            case SameKeyAs s -> throw new IllegalStateException("item repeats item " + s.earlier());
        };
    }
}
