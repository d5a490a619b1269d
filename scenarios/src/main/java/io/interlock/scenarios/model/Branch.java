package io.interlock.scenarios.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One possible correct reaction to a window's input: the outputs that must (or may) appear, the
 * requests that must stay without a reply, and the state that follows. Where the catalogs leave the
 * server a choice that changes the state (a lease grant of RH or R, the order in which operations
 * released together take effect), {@link ReferenceModel#allowed} returns one branch per choice.
 *
 * @param choices the choices this branch stands for, e.g. "Q2: H stripped" (for messages)
 * @param outputs the expected outputs, in the order the model produced them
 * @param held requests that must stay without a reply at the end of the window, with the rule that
 *     holds each (R-XP-7: break before effect, R-SMB-30: a CREATE waits for the ack, ...)
 * @param quietRule the rule an output that no expectation matches violates (e.g. R-XP-12 for a
 *     failing NFS operation, R-SMB-85 for GETATTR)
 * @param quietRules more precise rules for unexpected outputs of some identities (e.g. R-SMB-58: no
 *     second notification to a lease that is breaking)
 * @param next the state after the window
 */
public record Branch(
        List<String> choices,
        List<Expect> outputs,
        Map<Long, String> held,
        String quietRule,
        Map<String, String> quietRules,
        ModelState next) {
    public Branch {
        choices = List.copyOf(choices);
        outputs = List.copyOf(outputs);
        held = Map.copyOf(held);
        quietRules = Map.copyOf(quietRules);
    }

    /** The rule an unexpected output of {@code identity} violates. */
    public String quietRuleFor(String identity) {
        return quietRules.getOrDefault(identity, quietRule);
    }

    /** The same outputs (as a multiset), the same held requests and the same next state. */
    public boolean sameOutcome(Branch o) {
        return held.keySet().equals(o.held.keySet())
                && counts(outputs).equals(counts(o.outputs))
                && next.equals(o.next);
    }

    private static Map<Expect, Integer> counts(List<Expect> l) {
        Map<Expect, Integer> m = new HashMap<>();
        for (Expect e : l) {
            m.merge(e, 1, Integer::sum);
        }
        return m;
    }

    /** The expectations that are not optional. */
    public List<Expect> required() {
        return outputs.stream().filter(e -> !e.optional()).toList();
    }
}
