package io.interlock.scenarios.checks;

import java.util.Optional;
import java.util.Set;

/**
 * A sequential specification: what a correct, one-operation-at-a-time object answers. The
 * linearizability checker asks whether some order of a history's operations, consistent with
 * real time, is a legal run of this specification.
 *
 * <p>States must be immutable values with {@code equals}/{@code hashCode} over their content: the
 * checker memoises (linearized set, state) pairs (Lowe's optimisation of Wing &amp; Gong) and would
 * explore equal states again, or merge different ones, otherwise.
 *
 * @param <S> the state type
 */
public interface SequentialSpec<S> {
    /** The state before the first operation. */
    S init();

    /**
     * The state after {@code call} runs in {@code state} and answers {@code result}, or empty if a
     * correct object in {@code state} cannot answer {@code result}. A {@code null} result means
     * unknown (an INFO operation): return the state after the call, whatever it answered.
     */
    Optional<S> step(S state, Object call, Object result);

    /**
     * The keys (e.g. file paths) {@code call} reads or changes. Operations whose key sets do not
     * connect are independent, so the checker splits the history into connected groups and checks
     * each alone (linearizability is compositional, Herlihy &amp; Wing 1990 §3.3); an operation over
     * two keys (a rename) joins their groups. An empty set (the default) means "may touch
     * anything" and puts the whole history in one group. The contract: a call's step depends on,
     * and changes, only the parts of the state named by its keys.
     */
    default Set<Object> keys(Object call) {
        return Set.of();
    }

    /**
     * Whether {@code call} never changes the state. The checker drops INFO operations of such
     * calls: with an unknown result they constrain nothing.
     */
    default boolean readOnly(Object call) {
        return false;
    }

    /** {@code call} and its {@code result} ({@code null}: unknown) in words, for explanations. */
    default String describe(Object call, Object result) {
        return result == null ? String.valueOf(call) : call + " -> " + result;
    }

    /** The part of {@code state} that {@code call} would observe, in words, for explanations. */
    default String describeState(S state, Object call) {
        return String.valueOf(state);
    }
}
