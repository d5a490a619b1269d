package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.pipe.Smb2Pipe;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.CreateRequest;
import io.interlock.server.smb2.wire.CreateResponse;
import io.interlock.server.smb2.wire.IoctlRequest;
import io.interlock.server.smb2.wire.IoctlResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.ReadRequest;
import io.interlock.server.smb2.wire.ReadResponse;
import io.interlock.server.smb2.wire.Smb2FileId;
import io.interlock.server.smb2.wire.Smb2NetworkOpenInfo;
import io.interlock.server.smb2.wire.WriteRequest;
import io.interlock.server.smb2.wire.WriteResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named pipes on IPC$ ([MS-SMB2] 3.3.5.9 for CREATE, 3.3.5.12/13 READ/WRITE, 3.3.5.15.6
 * FSCTL_PIPE_TRANSCEIVE); the DCE/RPC behind them is {@link Smb2Pipe}. The pipe snapshots the
 * cached share list when it is opened (R-CACHE-3).
 */
final class PipeHandlers {
    private static final Logger log = LoggerFactory.getLogger(PipeHandlers.class);
    /** FILE_ATTRIBUTE_NORMAL, what a pipe reports. */
    private static final int FILE_ATTRIBUTE_NORMAL = 0x80;

    static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
    static final NtStatus STATUS_PIPE_EMPTY = NtStatus.STATUS_PIPE_EMPTY;

    private PipeHandlers() {}

    /** CREATE on IPC$: opens a served pipe, STATUS_OBJECT_NAME_NOT_FOUND for any other name. */
    static Smb2Reply create(Smb2Services svc, Smb2Request req, CreateRequest r) {
        String name = Smb2Pipe.canonicalName(r.name());
        if (name == null) {
            log.debug("{}: no pipe '{}'", req.conn(), r.name());
            return Smb2Reply.error(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
        }
        Smb2Pipe pipe = Smb2Pipe.open(name, svc.shareList().get());
        long vid = svc.nextId();
        req.conn()
                .opens()
                .put(vid, new Smb2Open(vid, req.session().id(), req.tree().id(), pipe));
        Smb2FileId fid = new Smb2FileId(vid, vid);
        req.chain().fileId(fid);
        log.debug("{}: pipe {} opened", req.conn(), name);
        return Smb2Reply.ok(new CreateResponse(
                0,
                CreateResponse.FILE_OPENED,
                new Smb2NetworkOpenInfo(0, 0, 0, 0, 4096, 0, FILE_ATTRIBUTE_NORMAL),
                fid,
                List.of()));
    }

    /** WRITE to a pipe: every complete PDU is processed at once. */
    static Smb2Reply write(Smb2Open o, WriteRequest r) {
        o.pipe().write(r.frame(), r.dataStart(), r.length());
        return Smb2Reply.ok(new WriteResponse(r.length()));
    }

    /** READ from a pipe: the next message, or its first part with STATUS_BUFFER_OVERFLOW. */
    static Smb2Reply read(Smb2Open o, ReadRequest r) {
        Smb2Pipe.Chunk c = o.pipe().read(r.length());
        if (c == null) {
            return Smb2Reply.error(STATUS_PIPE_EMPTY);
        }
        return Smb2Reply.of(
                c.more() ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS, new ReadResponse(c.data()));
    }

    /** FSCTL_PIPE_TRANSCEIVE: write the input, answer the first message that results. */
    static Smb2Reply transceive(Smb2Open o, IoctlRequest r) {
        o.pipe().write(r.input(), 0, r.input().length);
        Smb2Pipe.Chunk c = o.pipe().read(r.maxOutputResponse());
        if (c == null) {
            return Smb2Reply.error(STATUS_PIPE_EMPTY);
        }
        return Smb2Reply.of(
                c.more() ? NtStatus.STATUS_BUFFER_OVERFLOW : NtStatus.STATUS_SUCCESS,
                new IoctlResponse(r.ctlCode(), r.fileId(), c.data()));
    }
}
