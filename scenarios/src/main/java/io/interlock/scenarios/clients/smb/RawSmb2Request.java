package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2MessageCommandCode;
import com.hierynomus.mssmb2.SMB2Packet;
import com.hierynomus.smb.SMBBuffer;

/**
 * An SMB2 request whose body we encode ourselves, sent through smbj's own send path
 * ({@code Session.send}: signing, credits, message ids, outstanding-request tracking). This is how
 * the driver adds the CREATE-with-lease and the lease-break acknowledgment that smbj 0.14 lacks.
 */
final class RawSmb2Request extends SMB2Packet {
    private final byte[] body;

    RawSmb2Request(SMB2Dialect dialect, SMB2MessageCommandCode command, long sessionId, long treeId, byte[] body) {
        super(body.length, dialect, command, sessionId, treeId);
        this.body = body.clone();
    }

    @Override
    protected void writeTo(SMBBuffer buffer) {
        buffer.putRawBytes(body);
    }
}
