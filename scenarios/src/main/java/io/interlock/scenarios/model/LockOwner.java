package io.interlock.scenarios.model;

/**
 * Who holds a byte-range lock in the one table SMB and NLM share (ARCHITECTURE.md §1.1, R-XP-10):
 * an SMB open ({@link OpenId}) or an NLM owner ({@link ModelInput.NlmOwner}).
 */
public sealed interface LockOwner permits OpenId, ModelInput.NlmOwner {}
