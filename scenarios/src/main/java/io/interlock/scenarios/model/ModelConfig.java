package io.interlock.scenarios.model;

import java.util.Objects;
import java.util.Set;

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
        Set<String> shares) {

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
                Set.of());
    }

    public ModelConfig withBreakPolicy(BreakPolicy p) {
        return new ModelConfig(
                p,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withBreakTimeout(long nanos) {
        return new ModelConfig(
                breakPolicy,
                nanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withDialect(Dialect d) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                d,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withDirectoryLeasing(boolean on) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                on,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withNlmBreakWait(long nanos) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withDenyUnbrokenLease(boolean on) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                on,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withMaxBlockedPerFile(int n) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                n,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withNlmGrantedBound(long nanos) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nanos,
                nfsLockPolicy,
                shares);
    }

    public ModelConfig withNfsLockPolicy(NfsLockPolicy p) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                p,
                shares);
    }

    public ModelConfig withShares(Set<String> s) {
        return new ModelConfig(
                breakPolicy,
                breakTimeoutNanos,
                dialect,
                directoryLeasing,
                nlmBreakWaitNanos,
                denyUnbrokenLease,
                maxBlockedPerFile,
                nlmGrantedBoundNanos,
                nfsLockPolicy,
                s);
    }
}
