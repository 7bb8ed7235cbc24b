package dev.moddesk.contract;

/** Staff roles. Each role includes everything the roles before it may do. */
public enum Role {
    MODERATOR,
    OPS,
    ADMIN;

    /** Whether a holder of this role may do what {@code required} may do. */
    public boolean covers(Role required) {
        return ordinal() >= required.ordinal();
    }
}
