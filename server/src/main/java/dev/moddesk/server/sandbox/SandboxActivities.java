package dev.moddesk.server.sandbox;

import java.util.List;
import java.util.function.Function;

/**
 * The registration point of the sandbox simulator: every activity it plays. Add yours with one line (a constructor
 * taking {@link SimulationContext}, or a lambda). Order matters only for seeding: users come first so later
 * activities can pick applicants and participants from {@link SimulationContext#population()}.
 */
public final class SandboxActivities {

    private SandboxActivities() {
    }

    public static List<Function<SimulationContext, SimulatedActivity>> all() {
        return List.of(
                UsersActivity::new,
                CircleApplicantsActivity::new,
                CreatorsActivity::new,
                HeldWordsActivity::new
        );
    }
}
