package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.smb2.wire.CreateRequest;
import io.interlock.server.smb2.wire.NtStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * What a CREATE on an existing file breaks before it opens (catalog §2.4, CREATE rows):
 *
 * <ul>
 *   <li>a stat open breaks nothing (R-SMB-19, R-SMB-37); an open that is stat for leases but not
 *       for oplocks (READ_CONTROL) breaks only oplocks (R-SMB-40);
 *   <li>a share-mode conflict first breaks H of other keys ({@link BreakTrigger#SHARING}) and waits,
 *       then re-checks; with no H holder the SHARING_VIOLATION is immediate (R-SMB-31);
 *   <li>otherwise OPEN strips W (R-SMB-30) or, for SUPERSEDE/OVERWRITE(_IF), WRITE breaks everything
 *       to NONE, waiting only for W holders (R-SMB-32);
 *   <li>a delete-on-close open also strips H ({@link BreakTrigger#NAMESPACE}, R-SMB-35).
 * </ul>
 *
 * The CREATE never breaks its own lease key (R-SMB-22).
 */
final class CreateBreakGate {
    private final LockManager locks;

    CreateBreakGate(LockManager locks) {
        this.locks = locks;
    }

    /**
     * Runs the breaks, then {@code open} when nothing had to be waited for; after a wait, {@code
     * again} (on {@code lane}): the whole CREATE evaluated anew, since the name may now be another
     * file, or another holder may have been granted, while it waited. Returns the reply now, or a
     * pending reply whose future the dispatcher may cancel.
     */
    Smb2Reply run(
            FileId file,
            CreateRequest r,
            LeaseKey own,
            java.util.concurrent.Executor lane,
            Supplier<Smb2Reply> open,
            Supplier<Smb2Reply> again) {
        boolean overwrite = r.createDisposition() == CreateRequest.FILE_OVERWRITE
                || r.createDisposition() == CreateRequest.FILE_OVERWRITE_IF
                || r.createDisposition() == CreateRequest.FILE_SUPERSEDE;
        int access = ShareAccess.expand(r.desiredAccess());
        boolean leaseStat = ShareAccess.leaseStat(access) && !overwrite;
        boolean oplockStat = ShareAccess.oplockStat(access) && !overwrite;
        if ((leaseStat && oplockStat) || locks.leasesOn(file).isEmpty()) {
            return open.get();
        }
        BreakOrigin origin = new BreakOrigin("smb", own);
        if (locks.checkShare(file, ShareAccess.shareBits(access), r.shareAccess())
                .isPresent()) {
            boolean handleHeld = locks.leasesOn(file).stream()
                    .anyMatch(v -> !v.key().equals(own) && (v.state() & LeaseState.HANDLE) != 0);
            if (!handleHeld) {
                return Smb2Reply.error(NtStatus.STATUS_SHARING_VIOLATION);
            }
            CompletableFuture<BreakOutcome> f = locks.breakFor(file, BreakTrigger.SHARING, origin);
            // after the H break: the conflict remains (SHARING_VIOLATION) or the holder closed
            return after(
                    f,
                    lane,
                    () -> locks.checkShare(file, ShareAccess.shareBits(access), r.shareAccess())
                                    .isPresent()
                            ? Smb2Reply.error(NtStatus.STATUS_SHARING_VIOLATION)
                            : dataBreaks(file, r, origin, overwrite, leaseStat, lane, open, again),
                    again);
        }
        return dataBreaks(file, r, origin, overwrite, leaseStat, lane, open, again);
    }

    private Smb2Reply dataBreaks(
            FileId file,
            CreateRequest r,
            BreakOrigin origin,
            boolean overwrite,
            boolean oplocksOnly,
            java.util.concurrent.Executor lane,
            Supplier<Smb2Reply> open,
            Supplier<Smb2Reply> again) {
        CompletableFuture<BreakOutcome> f =
                locks.breakFor(file, overwrite ? BreakTrigger.WRITE : BreakTrigger.OPEN, origin, oplocksOnly);
        if ((r.createOptions() & CreateRequest.FILE_DELETE_ON_CLOSE) != 0) {
            f = CompletableFuture.allOf(f, locks.breakFor(file, BreakTrigger.NAMESPACE, origin))
                    .thenApply(v -> null);
        }
        return after(f, lane, open, again);
    }

    /**
     * {@code now} if {@code f} is done, else a cancellable pending reply completed by {@code later}
     * once {@code f} is.
     */
    private static Smb2Reply after(
            CompletableFuture<?> f,
            java.util.concurrent.Executor lane,
            Supplier<Smb2Reply> now,
            Supplier<Smb2Reply> later) {
        if (f.isDone()) {
            return now.get();
        }
        CompletableFuture<Smb2Reply> result = new CompletableFuture<>();
        f.whenCompleteAsync(
                (v, e) -> {
                    if (result.isDone()) {
                        return; // cancelled meanwhile
                    }
                    Smb2Reply reply = later.get();
                    if (reply.pending()) {
                        reply.later().whenComplete((r2, e2) -> result.complete(r2));
                        result.whenComplete((r2, e2) -> reply.later().complete(r2)); // cancel inward
                    } else {
                        result.complete(reply);
                    }
                },
                lane);
        return Smb2Reply.later(result);
    }
}
