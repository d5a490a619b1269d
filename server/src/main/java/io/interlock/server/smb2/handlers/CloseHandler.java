package io.interlock.server.smb2.handlers;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.smb2.session.Smb2Open;
import io.interlock.server.smb2.wire.CloseRequest;
import io.interlock.server.smb2.wire.CloseResponse;
import io.interlock.server.smb2.wire.Smb2ProtocolException;

/** CLOSE ([MS-SMB2] 3.3.5.10), with the optional post-query of attributes. */
final class CloseHandler implements Smb2Handler {
    private final Smb2OpenCloser closer;

    CloseHandler(Smb2OpenCloser closer) {
        this.closer = closer;
    }

    @Override
    public Smb2Reply handle(Smb2Request req) throws Smb2ProtocolException {
        CloseRequest r = CloseRequest.decode(req.body());
        Smb2Open o = req.anyOpen(r.fileId());
        FileAttributes a = null;
        if (o.pipe() == null && (r.flags() & CloseRequest.POSTQUERY_ATTRIB) != 0) {
            try {
                a = o.fs().getAttributes(o.file());
            } catch (FsException e) {
                a = null;
            }
        }
        boolean deleted = closer.close(req.conn(), o);
        if (a == null || deleted) {
            return Smb2Reply.ok(CloseResponse.EMPTY);
        }
        return Smb2Reply.ok(new CloseResponse(CloseRequest.POSTQUERY_ATTRIB, Smb2Times.networkOpen(a)));
    }
}
