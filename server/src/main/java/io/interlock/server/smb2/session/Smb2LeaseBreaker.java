package io.interlock.server.smb2.session;

import io.interlock.server.core.lock.BreakNotifier;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.smb2.wire.LeaseBreakNotification;
import io.interlock.server.smb2.wire.Smb2Command;
import io.interlock.server.smb2.wire.Smb2Header;
import io.interlock.server.smb2.wire.Smb2Writer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMB side of the break SPI: sends LEASE_BREAK_NOTIFICATION ([MS-SMB2] 2.2.23.2, 3.3.4.7) on a
 * live connection of the lease's ClientGuid. The header is unsolicited: MessageId all ones,
 * SessionId 0, TreeId 0, unsigned, no credits. Never blocks: the write is queued on the channel.
 */
public final class Smb2LeaseBreaker implements BreakNotifier {
    private static final Logger log = LoggerFactory.getLogger(Smb2LeaseBreaker.class);

    private final Smb2ConnectionRegistry connections;

    public Smb2LeaseBreaker(Smb2ConnectionRegistry connections) {
        this.connections = connections;
    }

    @Override
    public void leaseBreak(LeaseBreakNotice notice) {
        List<Smb2Connection> targets = connections.of(notice.key().clientGuid());
        if (targets.isEmpty()) {
            log.info("lease break of {} on {}: no live connection of the client", notice.key(), notice.file());
            return;
        }
        byte[] msg = encode(notice);
        targets.get(0).transport().send(msg);
        log.debug(
                "sent lease break {} {}->{} to {}",
                notice.key().key(),
                notice.currentState(),
                notice.newState(),
                targets.get(0));
    }

    /** The whole notification message: header plus body. */
    public static byte[] encode(LeaseBreakNotice notice) {
        Smb2Writer w = new Smb2Writer(108);
        new Smb2Header(
                        0,
                        0,
                        Smb2Command.OPLOCK_BREAK.value(),
                        0,
                        Smb2Header.FLAG_SERVER_TO_REDIR,
                        0,
                        Smb2Header.UNSOLICITED_MESSAGE_ID,
                        0,
                        0,
                        null)
                .encode(w);
        new LeaseBreakNotification(
                        notice.epoch(),
                        notice.ackRequired() ? LeaseBreakNotification.ACK_REQUIRED : 0,
                        notice.key().key(),
                        notice.currentState(),
                        notice.newState())
                .encode(w);
        return w.toByteArray();
    }
}
