package io.interlock.server.smb2.handlers;

import io.interlock.server.core.lock.AckResult;
import io.interlock.server.core.lock.LeaseKey;
import io.interlock.server.smb2.wire.LeaseBreakAck;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2ProtocolException;
import io.interlock.server.smb2.wire.Smb2Reader;

/**
 * OPLOCK_BREAK requests ([MS-SMB2] 3.3.5.22): a 36-byte body is a lease break acknowledgement
 * (passed to the lock manager, answered with a lease break response); a 24-byte oplock ack is
 * refused because this server grants no traditional oplocks.
 */
final class OplockBreakHandler implements Smb2Handler {
    private final Smb2Services svc;

    OplockBreakHandler(Smb2Services svc) {
        this.svc = svc;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        Smb2Reader body = req.body();
        int size = req.body().u16();
        if (size == 24) {
            return Smb2Reply.error(NtStatus.STATUS_INVALID_OPLOCK_PROTOCOL);
        }
        if (size != LeaseBreakAck.STRUCTURE_SIZE) {
            throw Smb2ProtocolException.invalid("OPLOCK_BREAK StructureSize " + size);
        }
        LeaseBreakAck ack = LeaseBreakAck.decode(body);
        LeaseKey key = new LeaseKey(req.conn().clientGuid(), ack.leaseKey());
        AckResult result = svc.locks().acknowledge(key, ack.leaseState());
        return switch (result) {
            case OK ->
                Smb2Reply.ok(new LeaseBreakAck(
                        ack.leaseKey(),
                        svc.locks().lease(key).map(v -> v.state()).orElse(ack.leaseState())));
            case NO_SUCH_LEASE -> Smb2Reply.error(NtStatus.STATUS_OBJECT_NAME_NOT_FOUND);
            case NOT_BREAKING -> Smb2Reply.error(NtStatus.STATUS_UNSUCCESSFUL);
            case STATE_NOT_ALLOWED -> Smb2Reply.error(NtStatus.STATUS_REQUEST_NOT_ACCEPTED);
        };
    }
}
