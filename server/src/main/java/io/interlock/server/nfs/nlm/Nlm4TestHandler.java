package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.ByteRangeLock;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.vfs.FileId;
import java.net.SocketAddress;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEST, UNLOCK and FREE_ALL (XNFS 10.2; spec §3.3). TEST only looks (R-NLM-3): no lock, no lease
 * break; it reports a holder from the shared table, SMB locks included (svid 0 and an empty oh
 * for a non-NLM holder). UNLOCK releases with POSIX splitting (R-NLM-7) and wakes waiters through
 * the lock manager. FREE_ALL drops a client's locks and queued requests (R-NLM-10).
 */
final class Nlm4TestHandler {
    private static final Logger log = LoggerFactory.getLogger(Nlm4TestHandler.class);

    private final NlmFiles files;
    private final LockManager locks;
    private final NlmGrace grace;
    private final NlmBlockedTable blocked;

    private final NlmCallers callers;

    Nlm4TestHandler(NlmFiles files, LockManager locks, NlmGrace grace, NlmBlockedTable blocked, NlmCallers callers) {
        this.callers = callers;
        this.files = files;
        this.locks = locks;
        this.grace = grace;
        this.blocked = blocked;
    }

    Nlm4TestRes test(Nlm4TestArgs a) throws Nlm4Exception {
        FileId file = files.resolve(a.alock().fh());
        ByteRange range = NlmFiles.range(a.alock());
        if (grace.active()) {
            // knfsd: no answers about locks until the clients have reclaimed theirs
            throw new Nlm4Exception(Nlm4Stats.NLM4_DENIED_GRACE_PERIOD, "grace period");
        }
        Optional<ByteRangeLock> c = locks.testLock(file, NlmOwners.of(a.alock()), range, a.exclusive());
        if (c.isEmpty()) {
            return Nlm4TestRes.of(a.cookie(), Nlm4Stats.NLM4_GRANTED);
        }
        ByteRangeLock h = c.get();
        log.debug("NLM TEST {}: conflicts with {} {}", a.alock(), h.owner(), h.range());
        Nlm4Holder holder = new Nlm4Holder(
                h.exclusive(),
                NlmOwners.svidOf(h.owner()),
                NlmOwners.ohOf(h.owner()),
                h.range().offset(),
                h.range().length());
        return new Nlm4TestRes(a.cookie(), new Nlm4TestRes.Denied(holder));
    }

    /**
     * UNLOCK: releasing what is not held is GRANTED too (R-NLM-6). From a host the owner is not
     * pinned to it releases nothing and still answers GRANTED ({@link NlmCallers}).
     */
    Nlm4Stats unlock(Nlm4UnlockArgs a, SocketAddress from) throws Nlm4Exception {
        FileId file = files.resolve(a.alock().fh());
        ByteRange range = NlmFiles.range(a.alock());
        if (!callers.admits(a.alock(), from)) {
            log.info("NLM UNLOCK {} from {} ignored: the owner belongs to another host", a.alock(), from);
            return Nlm4Stats.NLM4_GRANTED;
        }
        LockOwner owner = NlmOwners.of(a.alock());
        locks.unlock(file, owner, range);
        boolean still = blocked.waits(file, owner)
                || locks.locksOn(file).stream().anyMatch(l -> l.owner().equals(owner));
        callers.released(a.alock(), file, still);
        return Nlm4Stats.NLM4_GRANTED;
    }

    /** FREE_ALL / SM_NOTIFY: every lock and waiter of {@code caller} goes; nothing during grace. */
    void freeAll(String caller) {
        if (grace.active()) {
            log.debug("NLM FREE_ALL {} ignored during the grace period", caller);
            return;
        }
        List<NlmBlockedTable.Blocked> waiting = blocked.cancelCaller(caller);
        for (NlmBlockedTable.Blocked b : waiting) {
            if (b.pending != null) {
                b.pending.cancel();
            }
        }
        locks.releaseLocks(o -> caller.equals(NlmOwners.callerOf(o)));
        callers.forget(caller);
        log.info("NLM FREE_ALL {}: locks released, {} waiter(s) dropped", caller, waiting.size());
    }
}
