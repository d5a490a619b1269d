package io.interlock.server.core.lock;

/**
 * How a break request ended.
 *
 * @param leasesBroken number of leases the request had to break (0: nothing conflicted)
 * @param acknowledged breaks that ended with the holder's acknowledgement (or its close)
 * @param timedOut breaks that ended at the break timeout, with the lease forced to NONE
 */
public record BreakOutcome(int leasesBroken, int acknowledged, int timedOut) {
    public static final BreakOutcome NOTHING = new BreakOutcome(0, 0, 0);
}
