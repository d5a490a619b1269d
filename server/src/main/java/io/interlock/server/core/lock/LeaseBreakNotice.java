package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;

/**
 * One lease break to deliver.
 *
 * @param key the lease
 * @param file the file (or stream) the lease covers
 * @param currentState the state the holder has now
 * @param newState the state it must break to
 * @param epoch the lease epoch to send (v2; 0 for v1)
 * @param ackRequired true when the holder must acknowledge (it held W or H)
 * @param trigger what caused the break
 */
public record LeaseBreakNotice(
        LeaseKey key,
        FileId file,
        int currentState,
        int newState,
        int epoch,
        boolean ackRequired,
        BreakTrigger trigger) {}
