package io.interlock.server.smb2.session;

import io.interlock.server.core.lock.BreakNotifier;
import io.interlock.server.core.lock.LeaseBreakNotice;
import io.interlock.server.core.lock.OplockBreakNotice;
import io.interlock.server.smb2.wire.LeaseBreakNotification;
import io.interlock.server.smb2.wire.OplockBreakMessage;
import io.interlock.server.smb2.wire.Smb2Command;
import io.interlock.server.smb2.wire.Smb2FileId;
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
        // the client's oldest live connection, as Samba does (`v2_complex1`, `timeout-disconnect`)
        Smb2Connection target = targets.get(0);
        byte[] msg = encode(notice);
        target.transport().send(msg);
        dropIfUnacked(target);
        log.debug(
                "sent lease break {} {}->{} to {}",
                notice.key().key(),
                notice.currentState(),
                notice.newState(),
                target);
    }

    /**
     * An oplock break ([MS-SMB2] 2.2.23.1, 3.3.4.6, catalog §1.6): on the connection that holds the
     * open, MessageId all ones, SessionId of the open, TreeId 0, unsigned. The persistent and
     * volatile FileId are both the open's id.
     */
    @Override
    public void oplockBreak(OplockBreakNotice notice) {
        for (Smb2Connection c : connections.all()) {
            Smb2Open o = c.opens().get(notice.openId());
            if (o == null) {
                continue;
            }
            Smb2Writer w = new Smb2Writer(Smb2Header.SIZE + OplockBreakMessage.STRUCTURE_SIZE);
            new Smb2Header(
                            0,
                            0,
                            Smb2Command.OPLOCK_BREAK.value(),
                            0,
                            Smb2Header.FLAG_SERVER_TO_REDIR,
                            0,
                            Smb2Header.UNSOLICITED_MESSAGE_ID,
                            0,
                            o.sessionId(),
                            null)
                    .encode(w);
            new OplockBreakMessage(notice.newLevel(), new Smb2FileId(o.volatileId(), o.volatileId())).encode(w);
            c.transport().send(w.toByteArray());
            dropIfUnacked(c);
            log.debug(
                    "sent oplock break of open {} {}->{} to {}",
                    notice.openId(),
                    notice.currentLevel(),
                    notice.newLevel(),
                    c);
            return;
        }
        log.info("oplock break of open {} on {}: open not found on any connection", notice.openId(), notice.file());
    }

    /** See {@link Smb2Connection#dropAfterBreak()}. */
    private static void dropIfUnacked(Smb2Connection c) {
        if (c.dropAfterBreak()) {
            log.info("{}: break sent to a connection marked unacked: dropping it", c);
            c.transport().close();
        }
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
