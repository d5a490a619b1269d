package io.interlock.server.smb2.session;

import io.interlock.server.smb2.auth.Smb2Cipher;
import io.interlock.server.smb2.wire.Smb2Dialect;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-connection state ([MS-SMB2] 3.3.1.7). Request processing runs on the connection's serial
 * {@link #lane()}, so the negotiate fields are written and read by one task at a time; they are
 * volatile because the lane may hop threads between tasks and because break notifications read
 * {@link #clientGuid()} from other threads.
 */
public final class Smb2Connection {
    private final Smb2Transport transport;
    private final Executor lane;
    private final Map<Long, Smb2Session> sessions = new ConcurrentHashMap<>();
    private final Map<Long, Smb2Open> opens = new ConcurrentHashMap<>();
    private final AtomicLong asyncIds = new AtomicLong();
    private final Map<Long, Smb2PendingOp> pending = new ConcurrentHashMap<>();

    private volatile Smb2Dialect dialect;
    private volatile UUID clientGuid;
    private volatile int clientCapabilities;
    private volatile int clientSecurityMode;
    private volatile int serverSecurityMode;
    private volatile int serverCapabilities;
    private volatile byte[] preauthHash;
    private volatile boolean negotiated;
    private volatile Smb2Cipher cipher;
    /** Credits granted and not yet consumed (3.3.1.1); touched only on the lane. */
    private int creditBalance = 1;
    /** The message ids the client may use (3.3.1.1 CommandSequenceWindow). */
    private final Smb2MessageWindow window = new Smb2MessageWindow();
    /** Set by FSCTL_SMBTORTURE_FORCE_UNACKED_TIMEOUT: treat the transport as dead after a break. */
    private volatile boolean dropAfterBreak;

    public Smb2Connection(Smb2Transport transport, Executor lane) {
        this.transport = transport;
        this.lane = lane;
    }

    /**
     * Samba's test hook FSCTL_SMBTORTURE_FORCE_UNACKED_TIMEOUT: the client has stopped reading, so the
     * next break notification sent here will never be acknowledged; the server then drops the
     * connection, which releases its opens ([MS-SMB2] 3.3.4.6/3.3.4.7, R-SMB-70, `oplock.batch22b`).
     */
    public boolean dropAfterBreak() {
        return dropAfterBreak;
    }

    public void dropAfterBreak(boolean v) {
        dropAfterBreak = v;
    }

    /** The command sequence window: message ids granted and not yet used. */
    public Smb2MessageWindow messageWindow() {
        return window;
    }

    public Smb2Transport transport() {
        return transport;
    }

    /** The serial lane every request of this connection runs on. */
    public Executor lane() {
        return lane;
    }

    public Map<Long, Smb2Session> sessions() {
        return sessions;
    }

    /** Open handles of this connection by volatile id. */
    public Map<Long, Smb2Open> opens() {
        return opens;
    }

    /** Asynchronous requests awaiting their final response, by AsyncId. */
    public Map<Long, Smb2PendingOp> pending() {
        return pending;
    }

    public long nextAsyncId() {
        return asyncIds.incrementAndGet();
    }

    /**
     * Consumes {@code charge} credits for a request and returns how many to grant in its response:
     * what the client asks, as far as the balance stays at most {@code max}, and at least one when
     * the client would otherwise be left without credits.
     */
    public synchronized int grantCredits(int charge, int requested, int max) {
        creditBalance = Math.max(0, creditBalance - Math.max(1, charge));
        int grant = Math.max(0, Math.min(requested, max - creditBalance));
        if (creditBalance + grant == 0) {
            grant = 1;
        }
        creditBalance += grant;
        window.grant(grant);
        return grant;
    }

    public Smb2Dialect dialect() {
        return dialect;
    }

    public boolean negotiated() {
        return negotiated;
    }

    /** Records the outcome of NEGOTIATE ([MS-SMB2] 3.3.5.4). */
    public void negotiate(
            Smb2Dialect d, UUID guid, int clientCaps, int clientSecMode, int serverSecMode, int serverCaps) {
        dialect = d;
        clientGuid = guid;
        clientCapabilities = clientCaps;
        clientSecurityMode = clientSecMode;
        serverSecurityMode = serverSecMode;
        serverCapabilities = serverCaps;
        negotiated = true;
    }

    public UUID clientGuid() {
        return clientGuid;
    }

    public int clientCapabilities() {
        return clientCapabilities;
    }

    public int clientSecurityMode() {
        return clientSecurityMode;
    }

    public int serverSecurityMode() {
        return serverSecurityMode;
    }

    public int serverCapabilities() {
        return serverCapabilities;
    }

    /** Connection.CipherId: the negotiated cipher, or null when this connection cannot encrypt. */
    public Smb2Cipher cipher() {
        return cipher;
    }

    public void cipher(Smb2Cipher c) {
        cipher = c;
    }

    /** Connection.PreauthIntegrityHashValue (3.1.1 only). */
    public byte[] preauthHash() {
        return preauthHash;
    }

    public void preauthHash(byte[] h) {
        preauthHash = h;
    }

    @Override
    public String toString() {
        return "smb2[" + transport.remote() + "]";
    }
}
