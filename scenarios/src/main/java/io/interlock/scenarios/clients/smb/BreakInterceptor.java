package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2MessageCommandCode;
import com.hierynomus.mssmb2.SMB2MessageFlag;
import com.hierynomus.mssmb2.SMB2PacketData;
import com.hierynomus.protocol.commons.buffer.Buffer;
import com.hierynomus.protocol.transport.PacketReceiver;
import com.hierynomus.protocol.transport.TransportException;
import com.hierynomus.smb.SMBPacketData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import javax.crypto.SecretKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between smbj's transport and its {@code Connection} and takes every SMB2 OPLOCK_BREAK
 * (0x12) message out of smbj's receive path, which cannot handle them in 0.14: a notification
 * (MessageId 0xFFFFFFFFFFFFFFFF, [MS-SMB2] 3.2.5.19) has no outstanding request and would make
 * the response handler fail; an acknowledgment response has no response class in
 * {@code SMB2MessageConverter}.
 *
 * <p>Notifications, of leases (44 bytes) and of traditional oplocks (24 bytes), are decoded and
 * handed to their sinks; nothing reaches smbj (they grant no credits). An acknowledgment response
 * (either kind, or an error) is decoded and parked under its MessageId, and smbj gets
 * an ECHO response with the same header (MessageId, credits) instead, so its credit window and
 * outstanding-request table stay correct and the sender's future completes. When the response is
 * signed, its signature is verified here (smbj never sees it) and the ECHO is signed with the
 * session's key ({@link SubstituteSigner}), because smbj drops unsigned responses on a session
 * that requires signing. Runs on smbj's receive thread: the sink must not block or send.
 *
 * <p>Not handled: encrypted (SMB 3 transform) messages pass through undecrypted, so breaks on an
 * encrypted session are not captured.
 */
final class BreakInterceptor implements PacketReceiver<SMBPacketData<?>> {
    private static final Logger log = LoggerFactory.getLogger(BreakInterceptor.class);
    private static final long UNSOLICITED = 0xFFFFFFFFFFFFFFFFL;
    private static final int SMB2_ECHO = 0x000D;
    /** STATUS_INVALID_SIGNATURE: what an ack response with a wrong signature is recorded as. */
    static final long STATUS_INVALID_SIGNATURE = 0xC000A000L;

    private final PacketReceiver<SMBPacketData<?>> next;
    private final Consumer<LeaseBreakEvent> sink;
    private final Consumer<OplockBreakEvent> oplockSink;
    private final ConcurrentMap<Long, AckResponse> ackResponses;
    private final SubstituteSigner signer;

    /**
     * An acknowledgment's response as received: the sender knows which kind it sent, the interceptor
     * only what the body was.
     *
     * @param status NTSTATUS of the response; {@link #STATUS_INVALID_SIGNATURE} when its signature was wrong
     * @param lease the lease break response body, or null when it was none (an error, an oplock response)
     * @param oplock the oplock break response body, or null when it was none
     */
    record AckResponse(long status, Smb2LeaseBreakAck lease, Smb2OplockBreak oplock) {}

    BreakInterceptor(
            PacketReceiver<SMBPacketData<?>> next,
            Consumer<LeaseBreakEvent> sink,
            Consumer<OplockBreakEvent> oplockSink,
            ConcurrentMap<Long, AckResponse> ackResponses,
            SubstituteSigner signer) {
        this.next = next;
        this.sink = sink;
        this.oplockSink = oplockSink;
        this.ackResponses = ackResponses;
        this.signer = signer;
    }

    static ConcurrentMap<Long, AckResponse> newAckTable() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public void handle(SMBPacketData<?> packet) throws TransportException {
        if (packet instanceof SMB2PacketData p
                && p.getHeader().getMessage() == SMB2MessageCommandCode.SMB2_OPLOCK_BREAK
                && !p.isCompounded()) {
            long now = System.nanoTime();
            byte[] msg = p.getDataBuffer().array();
            int hs = p.getHeader().getHeaderStartPosition();
            int end = p.getHeader().getMessageEndPosition();
            ByteBuffer body = ByteBuffer.wrap(msg, hs + 64, Math.max(0, end - hs - 64))
                    .slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            if (p.getHeader().getMessageId() == UNSOLICITED) {
                onNotification(body, now);
                return;
            }
            onAckResponse(p, msg, hs, body);
            return;
        }
        next.handle(packet);
    }

    private void onNotification(ByteBuffer body, long nanos) {
        int size = body.remaining() >= 2 ? Short.toUnsignedInt(body.getShort(0)) : -1;
        if (size == Smb2LeaseBreakNotification.STRUCTURE_SIZE && body.remaining() >= size) {
            Smb2LeaseBreakNotification n = Smb2LeaseBreakNotification.decode(body);
            LeaseBreakEvent e = new LeaseBreakEvent(
                    n.leaseKey(), n.currentState(), n.newState(), n.flags(), n.newEpoch(), nanos, Instant.now());
            log.debug("received {}", e);
            sink.accept(e);
        } else if (size == Smb2OplockBreak.STRUCTURE_SIZE && body.remaining() >= size) {
            Smb2OplockBreak n = Smb2OplockBreak.decode(body);
            OplockBreakEvent e = new OplockBreakEvent(n.fileId(), n.oplockLevel(), nanos, Instant.now());
            log.debug("received {}", e);
            oplockSink.accept(e);
        } else {
            // no notification has another size: garbage
            log.warn("ignored OPLOCK_BREAK notification with StructureSize {}", size);
        }
    }

    private void onAckResponse(SMB2PacketData p, byte[] msg, int hs, ByteBuffer body) throws TransportException {
        long status = p.getHeader().getStatusCode();
        int size = body.remaining() >= 2 ? Short.toUnsignedInt(body.getShort(0)) : -1;
        Smb2LeaseBreakAck lease = null;
        Smb2OplockBreak oplock = null;
        if (status == 0 && size == Smb2LeaseBreakAck.STRUCTURE_SIZE && body.remaining() >= size) {
            lease = Smb2LeaseBreakAck.decode(body);
        } else if (status == 0 && size == Smb2OplockBreak.STRUCTURE_SIZE && body.remaining() >= size) {
            oplock = Smb2OplockBreak.decode(body);
        }
        long messageId = p.getHeader().getMessageId();
        SecretKey key =
                p.getHeader().isFlagSet(SMB2MessageFlag.SMB2_FLAGS_SIGNED) ? signer.keyFor(p.getHeader()) : null;
        if (key != null && !signer.verify(key, msg, hs, p.getHeader().getMessageEndPosition())) {
            log.warn("break ack response mid={} has a wrong signature", messageId);
            status = STATUS_INVALID_SIGNATURE;
            lease = null;
            oplock = null;
        }
        ackResponses.put(messageId, new AckResponse(status, lease, oplock));
        log.debug("break ack response mid={} status=0x{}", messageId, Long.toHexString(status));
        next.handle(asEcho(msg, hs, key));
    }

    /**
     * The same 64-byte header as an ECHO response with STATUS_SUCCESS and an ECHO body; signed with
     * {@code key} when the response was signed, else unsigned.
     */
    private SMB2PacketData asEcho(byte[] msg, int hs, SecretKey key) throws TransportException {
        byte[] echo = new byte[64 + 4];
        System.arraycopy(msg, hs, echo, 0, 64);
        ByteBuffer b = ByteBuffer.wrap(echo).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(8, 0); // Status: success, so smbj reads the ECHO body
        b.putShort(12, (short) SMB2_ECHO); // Command
        b.putInt(16, b.getInt(16) & ~SubstituteSigner.FLAG_SIGNED); // Flags: signed below if need be
        b.putInt(20, 0); // NextCommand
        for (int i = 48; i < 64; i++) {
            echo[i] = 0; // Signature
        }
        b.putShort(64, (short) 4); // ECHO StructureSize
        if (key != null) {
            signer.sign(key, echo);
        }
        try {
            return new SMB2PacketData(echo);
        } catch (Buffer.BufferException e) {
            throw new TransportException(e);
        }
    }

    @Override
    public void handleError(Throwable t) {
        next.handleError(t);
    }
}
