package dev.moddesk.contract.rooms;

/** Where a held message stands: waiting for staff, shown (released), refused (denied) or dropped at its deadline. */
public enum HeldStatus {
    HELD,
    RELEASED,
    DENIED,
    DROPPED
}
