package dev.moddesk.server.sandbox;

import java.util.random.RandomGenerator;

/**
 * What every simulated activity may share: a random source and the simulated platform's population (the users the
 * platform has, so applicants and room participants are people the server already knows).
 */
public record SimulationContext(RandomGenerator random, SimulatedPopulation population) {
    public SimulationContext {
        if (random == null || population == null) {
            throw new IllegalArgumentException("random and population are required");
        }
    }
}
