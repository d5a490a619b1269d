package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakOutcome;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.lock.ByteRangeLock;
import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockOwner;
import io.interlock.server.core.lock.LockResult;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.SimpleResponse;
import io.interlock.server.smb2.wire.Smb2FileId;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * LOCK ([MS-SMB2] 2.2.26, 3.3.5.14) over the protocol-neutral byte-range table. Locks belong to the
 * open ({@link #owner}). Before locking, the lock breaks other keys' caching state ({@link
 * BreakTrigger#SMB_LOCK}: R/RH/Level II to NONE, Level II even on its own open, R-SMB-34) and waits
 * when the trigger table says so. An element without FAIL_IMMEDIATELY that conflicts goes async and
 * waits in the lock manager's FIFO queue; CANCEL ends it with STATUS_CANCELLED. A multi-element
 * request must be all FAIL_IMMEDIATELY and is all-or-nothing.
 *
 * <p>Differences from Windows, documented: locks of one open merge POSIX-style (the table is shared
 * with NLM) instead of stacking; zero-length locks are granted without being stored, since they
 * conflict with nothing.
 */
final class Smb2LockHandler implements Smb2Handler {
    static final int SHARED = 0x1;
    static final int EXCLUSIVE = 0x2;
    static final int UNLOCK = 0x4;
    static final int FAIL_IMMEDIATELY = 0x10;

    private final Smb2Services svc;

    Smb2LockHandler(Smb2Services svc) {
        this.svc = svc;
    }

    /** The byte-range lock owner of an SMB open (the open's id is unique server-wide). */
    static LockOwner owner(Smb2Open o) {
        return new LockOwner("smb", Long.toString(o.volatileId()));
    }

    private record Element(long offset, long length, int flags) {}

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        Smb2Reader b = req.body();
        int size = b.u16(); // StructureSize (2 bytes)
        if (size != 48) {
            throw Smb2ProtocolException.invalid("LOCK StructureSize " + size);
        }
        int count = b.u16(); // LockCount (2 bytes)
        b.u32(); // LockSequenceNumber/Index (4 bytes): no resilient handles
        Smb2FileId fid = Smb2FileId.decode(b); // FileId (16 bytes)
        if (count == 0) {
            throw Smb2ProtocolException.invalid("LOCK with no elements");
        }
        List<Element> els = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long off = b.u64(); // Offset (8 bytes)
            long len = b.u64(); // Length (8 bytes)
            int flags = b.u32(); // Flags (4 bytes)
            b.u32(); // Reserved (4 bytes)
            els.add(new Element(off, len, flags));
        }
        Smb2Open o = req.open(fid);
        if (gone(o)) {
            return Smb2Reply.error(NtStatus.STATUS_FILE_CLOSED);
        }
        LockManager locks = svc.locks();
        LockOwner owner = owner(o);
        if ((els.get(0).flags() & UNLOCK) != 0) {
            for (Element e : els) {
                if (e.flags() != UNLOCK) {
                    return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
                }
            }
            for (Element e : els) {
                if (e.length() == 0) {
                    continue;
                }
                if (!ByteRange.isValid(e.offset(), e.length())
                        || !locks.unlock(o.file(), owner, ByteRange.of(e.offset(), e.length()))) {
                    return Smb2Reply.error(NtStatus.STATUS_RANGE_NOT_LOCKED);
                }
            }
            return Smb2Reply.ok(SimpleResponse.FOUR);
        }
        for (Element e : els) {
            int type = e.flags() & ~FAIL_IMMEDIATELY;
            if (type != SHARED && type != EXCLUSIVE) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
            }
            if (count > 1 && (e.flags() & FAIL_IMMEDIATELY) == 0) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
            }
            if (!ByteRange.isValid(e.offset(), e.length())) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_LOCK_RANGE);
            }
        }
        return breakThenLock(req, o, owner, els);
    }

    /**
     * Breaks what a byte-range lock conflicts with, then locks; after a wait, evaluated again from
     * the breaks: while the LOCK waited another client may have been granted a lease on the file
     * (R beside the W holder being broken), which must go to NONE too before the lock is taken
     * (catalog §2.2 rule 6), as a held CREATE is evaluated again (CreateBreakGate).
     */
    private Smb2Reply breakThenLock(Smb2Request req, Smb2Open o, LockOwner owner, List<Element> els) {
        CompletableFuture<BreakOutcome> f =
                svc.locks().breakFor(o.file(), BreakTrigger.SMB_LOCK, new BreakOrigin("smb", o.leaseKey()));
        if (f.isDone()) {
            return lockAll(o, owner, els);
        }
        CompletableFuture<Smb2Reply> result = new CompletableFuture<>();
        f.whenCompleteAsync(
                (v, err) -> {
                    if (!result.isDone()) {
                        Smb2Reply r = gone(o) ? lockAll(o, owner, els) : breakThenLock(req, o, owner, els);
                        if (r.pending()) {
                            r.later().whenComplete((r2, e2) -> result.complete(r2));
                            result.whenComplete((r2, e2) -> r.later().complete(r2));
                        } else {
                            result.complete(r);
                        }
                    }
                },
                req.conn().lane());
        return Smb2Reply.later(result);
    }

    /**
     * Windows semantics on top of the POSIX table: a handle's own locks conflict with its new lock
     * too, except shared over shared (`brl2`, [MS-FSA] 2.1.5.7).
     */
    private boolean ownConflict(Smb2Open o, LockOwner owner, Element e) {
        ByteRange r = ByteRange.of(e.offset(), e.length());
        boolean exclusive = (e.flags() & EXCLUSIVE) != 0;
        for (ByteRangeLock l : svc.locks().locksOn(o.file())) {
            if (l.owner().equals(owner) && l.range().overlaps(r) && (exclusive || l.exclusive())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the open's file was removed (by NFS) while it stayed open: the store keeps no unlinked
     * objects ({@link io.interlock.server.core.vfs.VirtualFileSystem}: STALE), so LOCK, UNLOCK, READ,
     * WRITE and SET_INFO EndOfFile answer STATUS_FILE_CLOSED before anything else (the open is as
     * good as closed: no lock conflict, no break), instead of acting on nothing.
     */
    static boolean gone(Smb2Open o) {
        if (o.directory()) {
            return false;
        }
        try {
            o.fs().getAttributes(o.file());
            return false;
        } catch (FsException e) {
            return e.error() == FsError.STALE;
        }
    }

    private Smb2Reply lockAll(Smb2Open o, LockOwner owner, List<Element> els) {
        if (gone(o)) {
            return Smb2Reply.error(NtStatus.STATUS_FILE_CLOSED); // removed while the LOCK waited for a break
        }
        LockManager locks = svc.locks();
        for (Element e : els) {
            if (e.length() != 0 && ownConflict(o, owner, e)) {
                return Smb2Reply.error(NtStatus.STATUS_LOCK_NOT_GRANTED);
            }
        }
        if (els.size() == 1
                && (els.get(0).flags() & FAIL_IMMEDIATELY) == 0
                && els.get(0).length() != 0) {
            Element e = els.get(0);
            LockManager.PendingLock p = locks.lockOrQueue(
                    o.file(), owner, ByteRange.of(e.offset(), e.length()), (e.flags() & EXCLUSIVE) != 0);
            if (p.granted().isDone() && !p.granted().isCancelled()) {
                return Smb2Reply.ok(SimpleResponse.FOUR);
            }
            CompletableFuture<Smb2Reply> result = new CompletableFuture<>();
            p.granted()
                    .whenComplete((lock, err) -> result.complete(
                            err == null
                                    ? Smb2Reply.ok(SimpleResponse.FOUR)
                                    : Smb2Reply.error(NtStatus.STATUS_CANCELLED)));
            // CANCEL (or the connection closing) completes result first: withdraw the request
            result.whenComplete((r, err) -> {
                if (!p.cancel()
                        && r != null
                        && r.status() == NtStatus.STATUS_CANCELLED
                        && p.granted().isDone()) {
                    ByteRangeLock got = p.granted().getNow(null);
                    if (got != null) {
                        locks.unlock(o.file(), owner, got.range());
                    }
                }
            });
            return Smb2Reply.later(result);
        }
        List<Element> done = new ArrayList<>();
        for (Element e : els) {
            if (e.length() == 0) {
                continue;
            }
            LockResult r =
                    locks.lock(o.file(), owner, ByteRange.of(e.offset(), e.length()), (e.flags() & EXCLUSIVE) != 0);
            if (!r.granted()) {
                for (Element d : done) {
                    locks.unlock(o.file(), owner, ByteRange.of(d.offset(), d.length()));
                }
                return Smb2Reply.error(NtStatus.STATUS_LOCK_NOT_GRANTED);
            }
            done.add(e);
        }
        return Smb2Reply.ok(SimpleResponse.FOUR);
    }
}
