package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.session.Smb2Connection;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.IoctlRequest;
import io.interlock.server.smb2.wire.IoctlResponse;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOCTL ([MS-SMB2] 3.3.5.15): FSCTL_VALIDATE_NEGOTIATE_INFO (3.3.5.15.12), FSCTL_PIPE_TRANSCEIVE
 * on named pipes (3.3.5.15.6); known FSCTLs we do not
 * implement get STATUS_NOT_SUPPORTED (DFS referrals STATUS_NOT_FOUND), anything else
 * STATUS_INVALID_DEVICE_REQUEST.
 */
final class IoctlHandler implements Smb2Handler {
    private static final Logger log = LoggerFactory.getLogger(IoctlHandler.class);
    private static final int FSCTL_DFS_GET_REFERRALS = 0x00060194;
    /** Samba test FSCTL (libcli/smb/smb_constants.h): FSCTL_SMBTORTURE | ACCESS_WRITE | METHOD_NEITHER. */
    private static final int FSCTL_SMBTORTURE_FORCE_UNACKED_TIMEOUT = 0x83848003;

    private static final int FSCTL_DFS_GET_REFERRALS_EX = 0x000601B0;
    private static final Set<Integer> NOT_SUPPORTED = Set.of(
            0x001401FC, // FSCTL_QUERY_NETWORK_INTERFACE_INFO
            0x00110018, // FSCTL_PIPE_WAIT
            0x00140078, // FSCTL_SRV_REQUEST_RESUME_KEY
            0x001440F2, // FSCTL_SRV_COPYCHUNK
            0x001480F2, // FSCTL_SRV_COPYCHUNK_WRITE
            0x00144064, // FSCTL_SRV_ENUMERATE_SNAPSHOTS
            0x000900A4, // FSCTL_SET_REPARSE_POINT
            0x000900A8, // FSCTL_GET_REPARSE_POINT
            0x000980C8, // FSCTL_SET_ZERO_DATA
            0x000940CF, // FSCTL_QUERY_ALLOCATED_RANGES
            0x000900C4, // FSCTL_SET_SPARSE
            0x0009C040); // FSCTL_SET_COMPRESSION

    private final Smb2Services svc;

    IoctlHandler(Smb2Services svc) {
        this.svc = svc;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        IoctlRequest r = IoctlRequest.decode(req.body());
        if (req.session() == null && r.ctlCode() != FSCTL_SMBTORTURE_FORCE_UNACKED_TIMEOUT) {
            return Smb2Reply.error(NtStatus.STATUS_USER_SESSION_DELETED);
        }
        if (r.ctlCode() == IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO) {
            return validateNegotiate(req.conn(), r);
        }
        if (r.ctlCode() == FSCTL_SMBTORTURE_FORCE_UNACKED_TIMEOUT) {
            // Samba's smbtorture hook (smbd:FSCTL_SMBTORTURE): only affects the asking connection
            if (r.input().length != 0) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
            }
            req.conn().dropAfterBreak(true);
            return Smb2Reply.ok(new IoctlResponse(r.ctlCode(), r.fileId(), new byte[0]));
        }
        if (r.ctlCode() == PipeHandlers.FSCTL_PIPE_TRANSCEIVE) {
            Smb2Open o = req.anyOpen(r.fileId());
            if (o.pipe() == null) {
                return Smb2Reply.error(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
            }
            return PipeHandlers.transceive(o, r);
        }
        if (r.ctlCode() == FSCTL_DFS_GET_REFERRALS || r.ctlCode() == FSCTL_DFS_GET_REFERRALS_EX) {
            return Smb2Reply.error(NtStatus.STATUS_NOT_FOUND);
        }
        if (NOT_SUPPORTED.contains(r.ctlCode())) {
            return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
        }
        return Smb2Reply.error(NtStatus.STATUS_INVALID_DEVICE_REQUEST);
    }

    /**
     * Answers with what this connection negotiated; a mismatch with what the client says it sent
     * means a downgrade attempt, and the connection is closed (3.3.5.15.12).
     */
    private Smb2Reply validateNegotiate(Smb2Connection conn, IoctlRequest r) throws Smb2ProtocolException {
        Smb2Reader in = Smb2Reader.of(r.input());
        int caps = in.u32(); // Capabilities (4 bytes)
        UUID guid = in.guid(); // Guid (16 bytes)
        int secMode = in.u16(); // SecurityMode (2 bytes)
        int count = in.u16(); // DialectCount (2 bytes)
        int highest = 0;
        for (int i = 0; i < count; i++) {
            int d = in.u16(); // Dialects (2 bytes each)
            if (io.interlock.server.smb2.wire.Smb2Dialect.of(d) != null) {
                highest = Math.max(highest, d);
            }
        }
        if (!guid.equals(conn.clientGuid())
                || secMode != conn.clientSecurityMode()
                || caps != conn.clientCapabilities()
                || highest != conn.dialect().value()) {
            log.warn("{}: VALIDATE_NEGOTIATE_INFO mismatch: closing", conn);
            conn.transport().close();
            return Smb2Reply.error(NtStatus.STATUS_ACCESS_DENIED);
        }
        Smb2Writer w = new Smb2Writer(24);
        w.u32(conn.serverCapabilities()); // Capabilities (4 bytes)
        w.guid(svc.serverGuid()); // Guid (16 bytes)
        w.u16(conn.serverSecurityMode()); // SecurityMode (2 bytes)
        w.u16(conn.dialect().value()); // Dialect (2 bytes)
        return Smb2Reply.ok(new IoctlResponse(r.ctlCode(), r.fileId(), w.toByteArray()));
    }
}
