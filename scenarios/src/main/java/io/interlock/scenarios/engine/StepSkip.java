package io.interlock.scenarios.engine;

/**
 * Thrown by a step that only observes the server (its break counters, its own view of a lease) on a
 * target that cannot show it (no admin endpoint): that step is skipped, with this reason, and the
 * scenario goes on; its verdict then rests on the other steps and expectations, and its reason
 * names the skipped steps. A step the rest of the scenario depends on throws {@link ScenarioSkip}
 * instead.
 */
final class StepSkip extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StepSkip(String reason) {
        super(reason);
    }
}
