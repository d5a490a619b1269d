package io.interlock.scenarios.checks;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The verdict of a linearizability check: one {@link Partition} per independent group of keys, and
 * overall NOT_LINEARIZABLE if any group is, else UNKNOWN if any group exceeded the search bound,
 * else LINEARIZABLE.
 */
public record LinResult(Verdict verdict, List<Partition> partitions) {
    /** The answer for a history or one of its groups. */
    public enum Verdict {
        LINEARIZABLE,
        NOT_LINEARIZABLE,
        /** The search bound was reached before a decision: neither pass nor fail. */
        UNKNOWN
    }

    /**
     * One independent group: its keys (empty: not partitioned), verdict, number of operations
     * checked, configurations explored (the memo size), the violation when not linearizable, and a
     * one-paragraph account.
     */
    public record Partition(
            List<String> keys,
            Verdict verdict,
            int ops,
            long configurations,
            Optional<Violation> violation,
            String detail) {
        public Partition {
            keys = List.copyOf(keys);
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(violation, "violation");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Why a group is not linearizable, for a file-server engineer: the operation that cannot be
     * placed (the earliest-completing one whose history prefix is already not linearizable), a
     * linearization of the operations that completed no later than it (the longest linearizable
     * prefix: every one that completed before it keeps its answer, those still running may be
     * placed with their effect only; it contains {@code op} itself, with its effect only, just when
     * the others cannot be ordered without that effect), what that operation could have observed
     * in the orders consistent with real time, and the whole story in words.
     */
    public record Violation(LinOp op, List<LinOp> linearizedPrefix, List<String> couldHaveSeen, String explanation) {
        public Violation {
            linearizedPrefix = List.copyOf(linearizedPrefix);
            couldHaveSeen = List.copyOf(couldHaveSeen);
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    public LinResult {
        Objects.requireNonNull(verdict, "verdict");
        partitions = List.copyOf(partitions);
    }

    public boolean linearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    /** The first violation, if any. */
    public Optional<Violation> violation() {
        return partitions.stream()
                .map(Partition::violation)
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Every group's account, one paragraph each; the failing and undecided ones first. */
    public String explanation() {
        return partitions.stream()
                .sorted((a, b) -> Integer.compare(rank(a.verdict()), rank(b.verdict())))
                .map(Partition::detail)
                .collect(Collectors.joining("\n"));
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case NOT_LINEARIZABLE -> 0;
            case UNKNOWN -> 1;
            case LINEARIZABLE -> 2;
        };
    }
}
