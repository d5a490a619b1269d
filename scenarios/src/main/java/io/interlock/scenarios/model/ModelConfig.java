package io.interlock.scenarios.model;

import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The server settings the model needs.
 *
 * @param breakPolicy NFS behaviour while a break it needs is pending (R-XP-7, ARCHITECTURE.md §1.1)
 * @param breakTimeoutNanos the lease/oplock break ack timer (R-SMB-67: 35 s; R-XP-7: 5–120 s)
 * @param dialect SMB 2.1 or 3.x (v2 leases and epochs only on 3.x, R-SMB-4, R-SMB-48)
 * @param directoryLeasing whether the server grants directory leases on 3.x (R-SMB-1, R-SMB-14)
 * @param nlmBreakWaitNanos how long an NLM LOCK waits for the SMB breaks it started before the
 *     leases are forced to NONE and it goes on (R-XP-8: 5 s)
 * @param denyUnbrokenLease R-XP-9: a non-blocking NLM LOCK whose breaks did not end with an ack is
 *     DENIED instead of going on
 * @param maxBlockedPerFile blocked NLM LOCKs queued per file before DENIED_NOLOCKS (R-NLM-11: 100)
 * @param nlmGrantedBoundNanos how long after its conflict goes away a blocked NLM waiter's GRANTED
 *     callback may be late, in virtual time (R-NLM-4: target 1 s; 0 = in the same window)
 * @param nfsLockPolicy whether NFS I/O honours SMB byte-range locks (R-XP-11)
 * @param shares the enabled shares at the start (R-CACHE-*)
 * @param projectDecisions judge the cases where the catalogs are silent as the reference server
 *     decided them (D-n rules); off for other servers, where such a case stops the check instead
 *     (correct servers differ there: a POSIX server keeps an unlinked open file alive)
 */
public record ModelConfig(
        BreakPolicy breakPolicy,
        long breakTimeoutNanos,
        Dialect dialect,
        boolean directoryLeasing,
        long nlmBreakWaitNanos,
        boolean denyUnbrokenLease,
        int maxBlockedPerFile,
        long nlmGrantedBoundNanos,
        NfsLockPolicy nfsLockPolicy,
        Set<String> shares,
        boolean projectDecisions) {

    public static final long SECOND = 1_000_000_000L;

    public ModelConfig {
        Objects.requireNonNull(breakPolicy, "breakPolicy");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(nfsLockPolicy, "nfsLockPolicy");
        if (breakTimeoutNanos <= 0 || nlmBreakWaitNanos <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (nlmGrantedBoundNanos < 0 || maxBlockedPerFile < 0) {
            throw new IllegalArgumentException("bounds must not be negative");
        }
        shares = Set.copyOf(shares);
    }

    /**
     * The defaults of the reference server: WAIT, 35 s (R-SMB-67), SMB 3.x with directory leasing,
     * NLM waits 5 s for breaks (R-XP-8) and proceeds (R-XP-9 off), 100 waiters per file (R-NLM-11),
     * GRANTED in the same window, NFS I/O ignores SMB locks (R-XP-11), no shares.
     */
    public static ModelConfig defaults() {
        return new ModelConfig(
                BreakPolicy.WAIT,
                35 * SECOND,
                Dialect.SMB_3,
                true,
                5 * SECOND,
                false,
                100,
                0,
                NfsLockPolicy.IGNORE,
                Set.of(),
                true);
    }

    public ModelConfig withBreakPolicy(BreakPolicy p) {
        return copy(f -> f.breakPolicy = p);
    }

    public ModelConfig withBreakTimeout(long nanos) {
        return copy(f -> f.breakTimeoutNanos = nanos);
    }

    public ModelConfig withDialect(Dialect d) {
        return copy(f -> f.dialect = d);
    }

    public ModelConfig withDirectoryLeasing(boolean on) {
        return copy(f -> f.directoryLeasing = on);
    }

    public ModelConfig withDenyUnbrokenLease(boolean on) {
        return copy(f -> f.denyUnbrokenLease = on);
    }

    public ModelConfig withMaxBlockedPerFile(int n) {
        return copy(f -> f.maxBlockedPerFile = n);
    }

    public ModelConfig withNlmGrantedBound(long nanos) {
        return copy(f -> f.nlmGrantedBoundNanos = nanos);
    }

    public ModelConfig withNfsLockPolicy(NfsLockPolicy p) {
        return copy(f -> f.nfsLockPolicy = p);
    }

    public ModelConfig withShares(Set<String> s) {
        return copy(f -> f.shares = s);
    }

    public ModelConfig withProjectDecisions(boolean on) {
        return copy(f -> f.projectDecisions = on);
    }

    /** This config with what {@code change} sets in a copy of its fields (one wither each). */
    private ModelConfig copy(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return new ModelConfig(
                f.breakPolicy,
                f.breakTimeoutNanos,
                f.dialect,
                f.directoryLeasing,
                f.nlmBreakWaitNanos,
                f.denyUnbrokenLease,
                f.maxBlockedPerFile,
                f.nlmGrantedBoundNanos,
                f.nfsLockPolicy,
                f.shares,
                f.projectDecisions);
    }

    /** The fields of a config, mutable for one wither: records have no {@code with}. */
    private static final class Fields {
        BreakPolicy breakPolicy;
        long breakTimeoutNanos;
        Dialect dialect;
        boolean directoryLeasing;
        long nlmBreakWaitNanos;
        boolean denyUnbrokenLease;
        int maxBlockedPerFile;
        long nlmGrantedBoundNanos;
        NfsLockPolicy nfsLockPolicy;
        Set<String> shares;
        boolean projectDecisions;

        Fields(ModelConfig c) {
            breakPolicy = c.breakPolicy;
            breakTimeoutNanos = c.breakTimeoutNanos;
            dialect = c.dialect;
            directoryLeasing = c.directoryLeasing;
            nlmBreakWaitNanos = c.nlmBreakWaitNanos;
            denyUnbrokenLease = c.denyUnbrokenLease;
            maxBlockedPerFile = c.maxBlockedPerFile;
            nlmGrantedBoundNanos = c.nlmGrantedBoundNanos;
            nfsLockPolicy = c.nfsLockPolicy;
            shares = c.shares;
            projectDecisions = c.projectDecisions;
        }
    }
}
