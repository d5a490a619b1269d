package io.interlock.server.smb2.handlers;

import io.interlock.server.core.io.PayloadBuffer;
import io.interlock.server.core.lock.BreakOrigin;
import io.interlock.server.core.lock.BreakTrigger;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.ReadExtent;
import io.interlock.server.core.vfs.ReadResult;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.FlushRequest;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.ReadRequest;
import io.interlock.server.smb2.wire.ReadResponse;
import io.interlock.server.smb2.wire.SimpleResponse;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.WriteRequest;
import io.interlock.server.smb2.wire.WriteResponse;

/** READ, WRITE and FLUSH ([MS-SMB2] 3.3.5.12, 3.3.5.13, 3.3.5.11). */
final class ReadWriteHandlers {
    private ReadWriteHandlers() {}

    /** READ: up to MaxReadSize; STATUS_END_OF_FILE when nothing (or less than MinimumCount) is read. */
    static final class Read implements Smb2Handler {
        private final Smb2Services svc;

        Read(Smb2Services svc) {
            this.svc = svc;
        }

        @Override
        public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
            ReadRequest r = ReadRequest.decode(req.body());
            Smb2Open o = req.anyOpen(r.fileId());
            if (o.pipe() != null) {
                return PipeHandlers.read(o, r);
            }
            if (o.directory()) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
            }
            if (r.length() < 0 || r.length() > Smb2Services.MAX_IO || r.offset() < 0) {
                throw Smb2ProtocolException.invalid("READ " + r.offset() + "+" + r.length());
            }
            if (Smb2LockHandler.gone(o)) {
                return Smb2Reply.error(NtStatus.STATUS_FILE_CLOSED); // removed by NFS: before any lock check
            }
            if (r.length() > 0
                    && svc.locks()
                            .ioConflict(
                                    o.file(),
                                    Smb2LockHandler.owner(o),
                                    io.interlock.server.core.lock.ByteRange.of(r.offset(), r.length()),
                                    false)
                            .isPresent()) {
                return Smb2Reply.error(NtStatus.STATUS_FILE_LOCK_CONFLICT);
            }
            if (r.length() == 0) {
                ReadResult res = o.fs().read(o.file(), r.offset(), 0);
                return r.minimumCount() > 0
                        ? Smb2Reply.error(NtStatus.STATUS_END_OF_FILE)
                        : Smb2Reply.ok(new ReadResponse(res.data()));
            }
            // the data goes from the store straight into the buffer the transport sends
            long size = o.fs().getAttributes(o.file()).size();
            int n = (int) Math.max(0, Math.min(r.length(), size - r.offset()));
            if (n == 0 || n < r.minimumCount()) {
                return Smb2Reply.error(NtStatus.STATUS_END_OF_FILE);
            }
            PayloadBuffer buf = req.conn().transport().payloads().allocate(n);
            try {
                ReadExtent got = o.fs().readInto(o.file(), r.offset(), buf.nio());
                if (got.count() == 0 || got.count() < r.minimumCount()) {
                    buf.release();
                    return Smb2Reply.error(NtStatus.STATUS_END_OF_FILE);
                }
                return Smb2Reply.ok(ReadResponse.of(buf, got.count()));
            } catch (FsException | RuntimeException e) {
                buf.release();
                throw e;
            }
        }
    }

    /**
     * WRITE: breaks the leases of other keys on the file (fire and forget in this version) before
     * the data changes.
     */
    static final class Write implements Smb2Handler {
        private final Smb2Services svc;

        Write(Smb2Services svc) {
            this.svc = svc;
        }

        @Override
        public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
            WriteRequest r = WriteRequest.decode(req.body(), req.frame(), req.start());
            Smb2Open o = req.anyOpen(r.fileId());
            if (o.pipe() != null) {
                return PipeHandlers.write(o, r);
            }
            if (o.directory()) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
            }
            if (r.length() > Smb2Services.MAX_IO || r.offset() < 0) {
                throw Smb2ProtocolException.invalid("WRITE " + r.offset() + "+" + r.length());
            }
            if (Smb2LockHandler.gone(o)) {
                return Smb2Reply.error(NtStatus.STATUS_FILE_CLOSED); // removed by NFS: before any lock check
            }
            if (r.length() > 0
                    && svc.locks()
                            .ioConflict(
                                    o.file(),
                                    Smb2LockHandler.owner(o),
                                    io.interlock.server.core.lock.ByteRange.of(r.offset(), r.length()),
                                    true)
                            .isPresent()) {
                return Smb2Reply.error(NtStatus.STATUS_FILE_LOCK_CONFLICT);
            }
            if (!svc.locks().leasesOn(o.file()).isEmpty()) {
                svc.locks().breakFor(o.file(), BreakTrigger.WRITE, new BreakOrigin("smb", o.leaseKey()));
            }
            o.fs().write(o.file(), r.offset(), r.frame(), r.dataStart(), r.length());
            return Smb2Reply.ok(new WriteResponse(r.length()));
        }
    }

    /** FLUSH: commits the file. */
    static final class Flush implements Smb2Handler {
        @Override
        public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException, FsException {
            FlushRequest r = FlushRequest.decode(req.body());
            Smb2Open o = req.anyOpen(r.fileId());
            if (!o.directory() && o.pipe() == null) {
                o.fs().commit(o.file());
            }
            return Smb2Reply.ok(SimpleResponse.FOUR);
        }
    }
}
