package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.AckResult;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.core.lock.LeaseState;
import io.interlock.server.core.lock.OplockAck;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.LeaseBreakAck;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.OplockBreakMessage;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;

/**
 * OPLOCK_BREAK requests ([MS-SMB2] 3.3.5.22): a 36-byte body is a lease break acknowledgement
 * (passed to the lock manager, answered with a lease break response); a 24-byte body is an oplock
 * acknowledgement.
 */
final class OplockBreakHandler implements Smb2Handler {
    private final Smb2Services svc;

    OplockBreakHandler(Smb2Services svc) {
        this.svc = svc;
    }

    /** Oplock ack ([MS-SMB2] 3.3.5.22.1, catalog §2.6, R-SMB-55/56). */
    private Smb2Reply oplockAck(Smb2Request req, OplockBreakMessage ack) throws Smb2ProtocolException {
        Smb2Open o = req.open(ack.fileId()); // FILE_CLOSED when unknown
        OplockAck r = svc.locks().acknowledgeOplock(o.volatileId(), ack.oplockLevel());
        return switch (r.status()) {
            case OK -> Smb2Reply.ok(new OplockBreakMessage(r.level(), ack.fileId()));
            // Samba and Windows 2008 answer INVALID_OPLOCK_PROTOCOL when no break is outstanding
            // (`levelii500`); current MS-SMB2 says INVALID_DEVICE_STATE
            case NO_SUCH_OPLOCK, NOT_BREAKING, INVALID_OPLOCK_PROTOCOL ->
                Smb2Reply.error(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL);
            case INVALID_PARAMETER -> Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
        };
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        Smb2Reader body = req.body();
        int size = req.body().u16();
        if (size == OplockBreakMessage.STRUCTURE_SIZE) {
            body.u16(); // StructureSize, read above from another reader
            return oplockAck(req, OplockBreakMessage.decodeAfterSize(body));
        }
        if (size != LeaseBreakAck.STRUCTURE_SIZE) {
            throw Smb2ProtocolException.invalid("OPLOCK_BREAK StructureSize " + size);
        }
        LeaseBreakAck ack = LeaseBreakAck.decode(body);
        LeaseKey key = new LeaseKey(req.conn().clientGuid(), ack.leaseKey());
        AckResult result = svc.locks().acknowledge(key, ack.leaseState());
        return switch (result) {
            case OK ->
                // the state the ack set, before any follow-up break it started (`breaking3`)
                Smb2Reply.ok(new LeaseBreakAck(ack.leaseKey(), ack.leaseState() & LeaseState.RWH));
            case NO_SUCH_LEASE -> Smb2Reply.error(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
            case NOT_BREAKING -> Smb2Reply.error(NtStatus.STATUS_UNSUCCESSFUL);
            case STATE_NOT_ALLOWED -> Smb2Reply.error(NtStatus.STATUS_REQUEST_NOT_ACCEPTED);
        };
    }
}
