package dev.moddesk.server.review;

import dev.moddesk.contract.Role;
import java.util.Set;

/**
 * The staff member a review request acts for. {@code cities} is their city scope; empty means every city.
 * {@code clientAddress} (may be null) goes into the audit log.
 */
public record ReviewActor(long staffId, String name, Role role, Set<String> cities, String clientAddress) {

    /** Who the audit log names for what the server does by itself. */
    static final ReviewActor SYSTEM = new ReviewActor(0, "system", Role.ADMIN, Set.of());

    public ReviewActor(long staffId, String name, Role role, Set<String> cities) {
        this(staffId, name, role, cities, null);
    }

    public ReviewActor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        cities = cities == null ? Set.of() : Set.copyOf(cities);
    }

    public boolean mayReview(String city) {
        return cities.isEmpty() || cities.contains(city);
    }
}
