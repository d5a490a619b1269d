package io.interlock.server.smb2.handlers;

import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.ChangeNotifyRequest;
import io.interlock.server.smb2.wire.NtStatus;
import io.interlock.server.smb2.wire.Smb2ProtocolException;

/**
 * CHANGE_NOTIFY ([MS-SMB2] 2.2.35, 3.3.5.19): validated, then refused with STATUS_NOT_SUPPORTED;
 * watching directories is not implemented. A non-directory handle gets STATUS_INVALID_PARAMETER
 * as the spec requires.
 */
final class ChangeNotifyHandler implements Smb2Handler {
    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        ChangeNotifyRequest r = ChangeNotifyRequest.decode(req.body());
        Smb2Open o = req.open(r.fileId());
        if (!o.directory()) {
            return Smb2Reply.error(NtStatus.STATUS_INVALID_PARAMETER);
        }
        return Smb2Reply.error(NtStatus.STATUS_NOT_SUPPORTED);
    }
}
