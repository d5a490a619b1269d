package io.interlock.scenarios.model;

/**
 * A blocked NLM LOCK that has been granted (the lock is in the table) whose GRANTED callback has not
 * been seen yet; it must be by {@code deadline} (R-NLM-4, {@link ModelConfig#nlmGrantedBoundNanos}).
 *
 * @param rule the rule that released it (R-NLM-4 for an NLM UNLOCK, R-XP-10 for an SMB UNLOCK or
 *     CLOSE, R-NLM-10 for FREE_ALL)
 */
public record PendingGrant(LockWaiter waiter, long deadline, String rule) {}
