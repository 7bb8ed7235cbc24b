package dev.moddesk.server.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** The users of the simulated platform, as {@link UsersActivity} registered them. Thread-safe. */
public final class SimulatedPopulation {

    /** One simulated platform user. */
    public record User(String userId, String nickname, String city, Instant accountCreatedAt) {
    }

    private final List<User> users = new ArrayList<>();

    public synchronized void add(User user) {
        users.removeIf(u -> u.userId().equals(user.userId()));
        users.add(user);
    }

    public synchronized int size() {
        return users.size();
    }

    /** A random known user, if any. */
    public synchronized Optional<User> pick(RandomGenerator random) {
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(random.nextInt(users.size())));
    }

    /** A random known user from {@code city}, if any. */
    public synchronized Optional<User> pickIn(String city, RandomGenerator random) {
        List<User> local = users.stream().filter(u -> u.city().equals(city)).toList();
        return local.isEmpty() ? Optional.empty() : Optional.of(local.get(random.nextInt(local.size())));
    }

    public synchronized List<User> all() {
        return List.copyOf(users);
    }
}
