package io.interlock.scenarios.model;

/**
 * A lock request waiting for a byte-range conflict to go away: a blocked NLM LOCK (answered BLOCKED;
 * GRANTED callback later, R-NLM-4) or a pending SMB LOCK without FAIL_IMMEDIATELY (interim, then the
 * final reply).
 *
 * @param owner an {@link ModelInput.NlmOwner} or the SMB {@link OpenId}
 * @param path the path the request named (the GRANTED callback carries the original alock)
 * @param length as requested (NLM: 0 = to the end)
 */
public record LockWaiter(
        long req,
        String client,
        LockOwner owner,
        long inode,
        String path,
        long offset,
        long length,
        boolean exclusive) {

    public boolean nlm() {
        return owner instanceof ModelInput.NlmOwner;
    }

    /** The last byte covered (unsigned). */
    public long last() {
        return length == 0 ? RangeLock.TO_END : offset + length - 1;
    }
}
