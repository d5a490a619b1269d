package io.interlock.scenarios.model;

import java.util.List;

/**
 * One lockstep window: the scheduler's decision number, the one input the server got, and every
 * output it emitted before it went quiet (outputs to one client in their order).
 */
public record Window(long decision, ModelInput input, List<ModelOutput> outputs) {
    public Window {
        outputs = List.copyOf(outputs);
    }
}
