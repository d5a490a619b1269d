package io.interlock.scenarios.model;

/**
 * A blocked NLM LOCK that has been granted (the lock is in the table) whose GRANTED callback has not
 * been seen yet; it must be by {@code deadline} (R-NLM-4, {@link ModelConfig#nlmGrantedBoundNanos}).
 */
public record PendingGrant(LockWaiter waiter, long deadline) {}
