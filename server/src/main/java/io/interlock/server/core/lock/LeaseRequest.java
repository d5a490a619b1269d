package io.interlock.server.core.lock;

import io.interlock.server.core.vfs.FileId;

/**
 * A CREATE's lease request (RqLs), one per open.
 *
 * @param file the file or stream
 * @param key the lease key
 * @param requestedState the state asked for
 * @param version 1 or 2 (fixed when the lease is created)
 * @param epoch the epoch the client sent (v2)
 * @param directory whether the open is of a directory
 * @param notifier where breaks of this lease go
 */
public record LeaseRequest(
        FileId file,
        LeaseKey key,
        int requestedState,
        int version,
        int epoch,
        boolean directory,
        BreakNotifier notifier) {}
