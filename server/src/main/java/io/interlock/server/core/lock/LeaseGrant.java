package io.interlock.server.core.lock;

/**
 * The lease state a CREATE response reports.
 *
 * @param state the granted (or, for a same-key open during a break, current) state
 * @param epoch the lease epoch to return (v2)
 * @param breakInProgress whether the lease is breaking (SMB2_LEASE_FLAG_BREAK_IN_PROGRESS)
 */
public record LeaseGrant(int state, int epoch, boolean breakInProgress) {}
