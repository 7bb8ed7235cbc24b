package dev.moddesk.contract.platform;

/** Where one action's delivery to one webhook stands. */
public enum DeliveryStatus {
    /** Waiting for its (next) attempt at {@code nextAttemptAt}. */
    PENDING,
    /** An attempt is in flight on some server node. */
    SENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Every attempt failed; no more attempts. The action stays in the pull feed. */
    FAILED,
    /** The webhook was deleted before the action was delivered. */
    CANCELLED
}
