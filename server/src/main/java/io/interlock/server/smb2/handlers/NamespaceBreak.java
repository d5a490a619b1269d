package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.ShareMode;
import io.interlock.server.core.lock.ShareOpen;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.SimpleResponse;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import java.util.concurrent.CompletableFuture;

/**
 * Rename and delete (disposition) through a handle: first break H of other keys on the file
 * ({@link BreakTrigger#NAMESPACE}: RH→R, RWH→RW, BATCH→II) and hold the operation until they ack,
 * close or time out (R-SMB-35, `rename_wait`, `v2_rename`); the handle's own key is never broken
 * (R-SMB-36). The wait goes async like a held CREATE.
 */
final class NamespaceBreak {
    private NamespaceBreak() {}

    /** An operation that may fail with a protocol or store error. */
    interface Action {
        void run() throws Smb2ProtocolException, FsException;
    }

    /**
     * Breaks, then runs {@code action}; after a wait, evaluated again from the breaks: while it
     * waited another client may have been granted H on the file, which must go too before the name
     * changes (R-SMB-35), as a held CREATE is evaluated again (CreateBreakGate).
     */
    static Smb2Reply thenRun(Smb2Services svc, Smb2Request req, Smb2Open o, Action action)
            throws Smb2ProtocolException, FsException {
        CompletableFuture<BreakOutcome> f = svc.locks().leasesOn(o.file()).isEmpty()
                ? CompletableFuture.completedFuture(null)
                : svc.locks().breakFor(o.file(), BreakTrigger.NAMESPACE, new BreakOrigin("smb", o.leaseKey()));
        if (f.isDone()) {
            action.run();
            return Smb2Reply.ok(SimpleResponse.SET_INFO);
        }
        CompletableFuture<Smb2Reply> result = new CompletableFuture<>();
        f.whenCompleteAsync(
                (v, e) -> {
                    if (result.isDone()) {
                        return; // cancelled
                    }
                    try {
                        Smb2Reply r = thenRun(svc, req, o, action);
                        if (r.pending()) {
                            r.later().whenComplete((r2, e2) -> result.complete(r2));
                            result.whenComplete((r2, e2) -> r.later().complete(r2)); // cancel inward
                        } else {
                            result.complete(r);
                        }
                    } catch (Smb2ProtocolException ex) {
                        result.complete(Smb2Reply.error(ex.status()));
                    } catch (FsException ex) {
                        result.complete(Smb2Reply.error(Smb2StatusMapper.map(ex.error())));
                    }
                },
                req.conn().lane());
        return Smb2Reply.later(result);
    }

    /** Whether another open of {@code dir} holds DELETE access (R-SMB-38). */
    static boolean parentHeldForDelete(Smb2Services svc, FileId dir) {
        for (ShareOpen so : svc.locks().opensOn(dir)) {
            if ((so.access() & ShareMode.DELETE) != 0) {
                return true;
            }
        }
        return false;
    }
}
