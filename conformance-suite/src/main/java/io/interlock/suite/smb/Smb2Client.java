package io.interlock.suite.smb;

import io.interlock.reports.EventKind;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.suite.Evidence;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The suites' own SMB2/3 client on a plain socket ([MS-SMB2]): every message it sends is built
 * here, and every message it receives is kept whole ({@link Smb2Message}), so that a test can check
 * what no library exposes: interim responses and their AsyncId, the header of a break notification,
 * compounded replies, the exact response context. It negotiates the dialects it is told (2.0.2 to
 * 3.1.1), authenticates with NTLMv2 inside SPNEGO and connects one tree.
 *
 * <p>Requests are signed once the session is set up ({@link Smb2Signing}; 3.1.1 servers require a
 * signed TREE_CONNECT); responses are not verified. Not supported, on purpose: encryption. A target
 * that requires it makes {@link #connect} fail with {@link Unsupported}, which the suites turn into
 * a SKIP with that reason.
 *
 * <p>One reader thread per connection matches responses to requests by MessageId, records interim
 * STATUS_PENDING responses (2.2.1.1 ASYNC) and queues unsolicited OPLOCK_BREAK notifications
 * (MessageId 0xFFFFFFFFFFFFFFFF). Credits: every request asks for 64; a request waits for the
 * credits it charges. Thread-safe.
 */
public final class Smb2Client implements AutoCloseable {
    public static final int NEGOTIATE = 0x00;
    public static final int SESSION_SETUP = 0x01;
    public static final int LOGOFF = 0x02;
    public static final int TREE_CONNECT = 0x03;
    public static final int TREE_DISCONNECT = 0x04;
    public static final int CREATE = 0x05;
    public static final int CLOSE = 0x06;
    public static final int READ = 0x08;
    public static final int WRITE = 0x09;
    public static final int LOCK = 0x0A;
    public static final int IOCTL = 0x0B;
    public static final int CANCEL = 0x0C;
    public static final int ECHO = 0x0D;
    public static final int QUERY_INFO = 0x10;
    public static final int SET_INFO = 0x11;
    public static final int OPLOCK_BREAK = 0x12;

    public static final int SMB_2_0_2 = 0x0202;
    public static final int SMB_2_1 = 0x0210;
    public static final int SMB_3_0 = 0x0300;
    public static final int SMB_3_0_2 = 0x0302;
    public static final int SMB_3_1_1 = 0x0311;
    public static final List<Integer> ALL_DIALECTS = List.of(SMB_2_0_2, SMB_2_1, SMB_3_0, SMB_3_0_2, SMB_3_1_1);

    public static final int CAP_DFS = 0x1;
    public static final int CAP_LEASING = 0x2;
    public static final int CAP_LARGE_MTU = 0x4;
    public static final int CAP_DIRECTORY_LEASING = 0x20;
    public static final int CAP_ENCRYPTION = 0x40;
    public static final int SHAREFLAG_FORCE_LEVELII_OPLOCK = 0x00001000;
    public static final int SHAREFLAG_ENCRYPT_DATA = 0x00008000;

    /** The target needs something this client does not do (signing, encryption). */
    public static final class Unsupported extends IOException {
        public Unsupported(String message) {
            super(message);
        }
    }

    /**
     * How to connect.
     *
     * @param dialects the dialects to offer
     * @param clientGuid the ClientGuid (leases are keyed by it)
     * @param timeout bound on the connect and on each {@link #call}
     */
    public record Options(List<Integer> dialects, UUID clientGuid, Duration timeout) {
        public Options {
            dialects = List.copyOf(dialects);
        }

        public static Options defaults() {
            return new Options(ALL_DIALECTS, UUID.randomUUID(), Duration.ofSeconds(20));
        }

        public Options dialects(Integer... d) {
            return new Options(List.of(d), clientGuid, timeout);
        }

        public Options clientGuid(UUID g) {
            return new Options(dialects, g, timeout);
        }
    }

    /** A request on its way: its interim response (if the server goes async) and its final one. */
    public static final class Pending {
        private final long messageId;
        private final String what;
        final CompletableFuture<Smb2Message> interim = new CompletableFuture<>();
        final CompletableFuture<Smb2Message> response = new CompletableFuture<>();

        Pending(long messageId, String what) {
            this.messageId = messageId;
            this.what = what;
        }

        public long messageId() {
            return messageId;
        }

        /** Completes with the interim STATUS_PENDING response, if the server sends one. */
        public CompletableFuture<Smb2Message> interim() {
            return interim;
        }

        /** Completes with the final response. */
        public CompletableFuture<Smb2Message> response() {
            return response;
        }

        public boolean isDone() {
            return response.isDone();
        }

        /** The final response, waiting at most {@code max}. */
        public Smb2Message await(Duration max) throws IOException {
            return get(response, max, what);
        }

        /** The interim response, waiting at most {@code max}. */
        public Smb2Message awaitInterim(Duration max) throws IOException {
            return get(interim, max, "interim response to " + what);
        }

        @Override
        public String toString() {
            return what + " (mid " + messageId + ")";
        }
    }

    private final String name;
    private final Evidence evidence;
    private final Options options;
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final Semaphore credits = new Semaphore(1);
    private final AtomicLong nextMid = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<Smb2Message> notifications = new LinkedBlockingQueue<>();
    private final List<Smb2Message> received = new CopyOnWriteArrayList<>();
    private volatile IOException failure;
    /** The preauth integrity hash while a 3.1.1 session is set up ([MS-SMB2] 3.2.5.2), else null. */
    private byte[] preauth;

    private volatile Smb2Signing signer;
    private volatile long sessionId;
    private volatile int treeId;
    private int dialect;
    private int capabilities;
    private int securityMode;
    private int shareFlags;
    private int shareType;
    private int maxWrite = 65536;
    private int maxRead = 65536;
    private final String host;
    private final String share;

    private Smb2Client(String name, Evidence evidence, Options options, Socket socket, String host, String share)
            throws IOException {
        this.name = name;
        this.evidence = evidence;
        this.options = options;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.host = host;
        this.share = share;
        Thread t = new Thread(this::readLoop, "smb2-suite-" + name + "-" + socket.getLocalPort());
        t.setDaemon(true);
        t.start();
    }

    /**
     * Connects, negotiates, authenticates as the endpoint's user and connects its share.
     *
     * @param name the client's name in the evidence ("A", "B")
     * @throws Unsupported the target requires signing or encryption
     */
    public static Smb2Client connect(SmbEndpoint ep, Options options, Evidence evidence, String name)
            throws IOException {
        return connect(ep, ep.share(), options, evidence, name);
    }

    /** As {@link #connect(SmbEndpoint, Options, Evidence, String)}, to another share (e.g. IPC$). */
    public static Smb2Client connect(SmbEndpoint ep, String share, Options options, Evidence evidence, String name)
            throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(ep.host(), ep.port()), (int)
                    options.timeout().toMillis());
        } catch (IOException e) {
            s.close();
            throw e;
        }
        Smb2Client c = new Smb2Client(name, evidence, options, s, ep.host(), share);
        try {
            c.negotiate();
            c.sessionSetup(ep.user(), ep.password());
            if (share != null) {
                c.treeConnect(share);
            }
            evidence.info(
                    name,
                    "smb.connect",
                    "dialect " + dialectName(c.dialect) + " ClientGuid " + options.clientGuid() + " share " + share);
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public UUID clientGuid() {
        return options.clientGuid();
    }

    public int dialect() {
        return dialect;
    }

    /** Capabilities of the NEGOTIATE response. */
    public int capabilities() {
        return capabilities;
    }

    /** ShareFlags of the TREE_CONNECT response. */
    public int shareFlags() {
        return shareFlags;
    }

    public long sessionId() {
        return sessionId;
    }

    public int treeId() {
        return treeId;
    }

    /** Every message received so far, in order (notifications and interim responses included). */
    public List<Smb2Message> received() {
        return List.copyOf(received);
    }

    public static String dialectName(int d) {
        return switch (d) {
            case SMB_2_0_2 -> "2.0.2";
            case SMB_2_1 -> "2.1";
            case SMB_3_0 -> "3.0";
            case SMB_3_0_2 -> "3.0.2";
            case SMB_3_1_1 -> "3.1.1";
            default -> "0x" + Integer.toHexString(d);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Session setup

    private void negotiate() throws IOException {
        List<Integer> ds = options.dialects();
        boolean v311 = ds.contains(SMB_3_1_1);
        int dialectsLen = ds.size() * 2;
        int ctxOffset = v311 ? Smb2Create.align8(64 + 36 + dialectsLen) : 0;
        byte[] salt = new byte[32];
        new java.security.SecureRandom().nextBytes(salt);
        int preauthLen = 6 + salt.length;
        int size = v311 ? ctxOffset - 64 + 8 + preauthLen : 36 + dialectsLen;
        ByteBuffer b = le(size);
        b.putShort((short) 36); // StructureSize (2 bytes)
        b.putShort((short) ds.size()); // DialectCount (2 bytes)
        b.putShort((short) 1); // SecurityMode (2 bytes): SIGNING_ENABLED
        b.putShort((short) 0); // Reserved (2 bytes)
        b.putInt(CAP_LEASING | CAP_LARGE_MTU | CAP_DIRECTORY_LEASING); // Capabilities (4 bytes)
        Lease.putKey(b, options.clientGuid()); // ClientGuid (16 bytes)
        if (v311) {
            b.putInt(ctxOffset); // NegotiateContextOffset (4 bytes)
            b.putShort((short) 1); // NegotiateContextCount (2 bytes)
            b.putShort((short) 0); // Reserved2 (2 bytes)
        } else {
            b.putLong(0); // ClientStartTime (8 bytes)
        }
        ds.forEach(d -> b.putShort(d.shortValue())); // Dialects (2 bytes each)
        if (v311) {
            b.position(ctxOffset - 64);
            b.putShort((short) 1); // ContextType: SMB2_PREAUTH_INTEGRITY_CAPABILITIES
            b.putShort((short) preauthLen); // DataLength
            b.putInt(0); // Reserved
            b.putShort((short) 1); // HashAlgorithmCount
            b.putShort((short) salt.length); // SaltLength
            b.putShort((short) 1); // HashAlgorithms: SHA-512
            b.put(salt); // Salt
        }
        preauth = v311 ? new byte[64] : null;
        Smb2Message r = await(send(new Request(NEGOTIATE, b.array())), "NEGOTIATE");
        if (!r.success()) {
            throw new IOException("NEGOTIATE failed: " + Smb2Status.name(r.status()));
        }
        ByteBuffer body = r.body();
        securityMode = Short.toUnsignedInt(body.getShort(2)); // SecurityMode (2 bytes at 2)
        dialect = Short.toUnsignedInt(body.getShort(4)); // DialectRevision (2 bytes at 4)
        capabilities = body.getInt(24); // Capabilities (4 bytes at 24)
        maxRead = Math.min(body.getInt(32), 1 << 20); // MaxReadSize (4 bytes at 32)
        maxWrite = Math.min(body.getInt(36), 1 << 20); // MaxWriteSize (4 bytes at 36)
        preauth = dialect == SMB_3_1_1 ? Smb2Signing.preauth(preauth, r.bytes()) : null;
    }

    private void sessionSetup(String user, String password) throws IOException {
        Ntlmv2 ntlm = new Ntlmv2();
        Smb2Message r = await(
                send(new Request(SESSION_SETUP, sessionSetupBody(SpnegoToken.init(ntlm.negotiate())))),
                "SESSION_SETUP 1");
        if (r.status() != Smb2Status.STATUS_MORE_PROCESSING_REQUIRED) {
            throw new IOException("SESSION_SETUP (negotiate) answered " + Smb2Status.name(r.status()));
        }
        sessionId = r.sessionId();
        if (preauth != null) {
            preauth = Smb2Signing.preauth(preauth, r.bytes());
        }
        byte[] challenge = SpnegoToken.findNtlm(securityBuffer(r));
        if (challenge == null) {
            throw new IOException("SESSION_SETUP: no NTLM challenge in the server's token");
        }
        String domain = "";
        Smb2Message done = await(
                send(new Request(
                        SESSION_SETUP,
                        sessionSetupBody(SpnegoToken.response(ntlm.authenticate(challenge, user, domain, password))))),
                "SESSION_SETUP 2");
        if (!done.success()) {
            throw new IOException("SESSION_SETUP as " + user + " failed: " + Smb2Status.name(done.status()));
        }
        int sessionFlags = Short.toUnsignedInt(done.body().getShort(2)); // SessionFlags (2 bytes at 2)
        if ((sessionFlags & 0x4) != 0) {
            throw new Unsupported(
                    "the server requires encryption for the session, which the suite's SMB client" + " does not do");
        }
        if ((sessionFlags & 0x3) == 0) { // neither guest nor anonymous: sign from now on
            signer = Smb2Signing.of(dialect, ntlm.sessionKey(), preauth);
        }
        preauth = null;
    }

    private static byte[] sessionSetupBody(byte[] token) {
        ByteBuffer b = le(24 + token.length);
        b.putShort((short) 25); // StructureSize (2 bytes)
        b.put((byte) 0); // Flags (1 byte)
        b.put((byte) 1); // SecurityMode (1 byte): SIGNING_ENABLED
        b.putInt(0); // Capabilities (4 bytes)
        b.putInt(0); // Channel (4 bytes)
        b.putShort((short) (64 + 24)); // SecurityBufferOffset (2 bytes)
        b.putShort((short) token.length); // SecurityBufferLength (2 bytes)
        b.putLong(0); // PreviousSessionId (8 bytes)
        b.put(token); // Buffer
        return b.array();
    }

    private static byte[] securityBuffer(Smb2Message r) {
        ByteBuffer b = r.body();
        int off = Short.toUnsignedInt(b.getShort(4)); // SecurityBufferOffset (2 bytes at 4)
        int len = Short.toUnsignedInt(b.getShort(6)); // SecurityBufferLength (2 bytes at 6)
        return Arrays.copyOfRange(r.bytes(), off, off + len);
    }

    private void treeConnect(String shareName) throws IOException {
        byte[] path = ("\\\\" + host + "\\" + shareName).getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = le(8 + path.length);
        b.putShort((short) 9); // StructureSize (2 bytes)
        b.putShort((short) 0); // Reserved / Flags (2 bytes)
        b.putShort((short) (64 + 8)); // PathOffset (2 bytes)
        b.putShort((short) path.length); // PathLength (2 bytes)
        b.put(path); // Buffer
        Smb2Message r = await(send(new Request(TREE_CONNECT, b.array())), "TREE_CONNECT");
        if (!r.success()) {
            throw new Smb2StatusException("TREE_CONNECT " + shareName, r.status());
        }
        treeId = r.treeId();
        shareType = Byte.toUnsignedInt(r.body().get(2)); // ShareType (1 byte at 2)
        shareFlags = r.body().getInt(4); // ShareFlags (4 bytes at 4)
        if ((shareFlags & SHAREFLAG_ENCRYPT_DATA) != 0) {
            throw new Unsupported(
                    "share " + shareName + " requires encryption, which the suite's SMB client does" + " not do");
        }
    }

    /** ShareType of the tree (DISK 1, PIPE 2, PRINT 3). */
    public int shareType() {
        return shareType;
    }

    // ---------------------------------------------------------------------------------------------
    // Sending

    /**
     * One request.
     *
     * @param command the SMB2 command
     * @param body the body (after the 64-byte header)
     * @param flags header Flags to set besides the defaults (e.g. RELATED in a compound)
     * @param treeId TreeId to send, or null for the client's tree
     */
    public record Request(int command, byte[] body, int flags, Integer treeId) {
        public Request(int command, byte[] body) {
            this(command, body, 0, null);
        }
    }

    /** Sends one request; the returned {@link Pending} completes with its interim and final response. */
    public Pending send(Request r) throws IOException {
        return sendChain(List.of(r)).get(0);
    }

    /**
     * Sends requests as one compounded message ([MS-SMB2] 3.2.4.1.4): each 8-byte aligned, linked by
     * NextCommand; a request flagged RELATED uses the previous element's FileId when it sends {@link
     * Smb2FileId#RELATED}.
     */
    public List<Pending> sendChain(List<Request> chain) throws IOException {
        checkOpen();
        List<Pending> out = new ArrayList<>();
        int total = 0;
        List<byte[]> parts = new ArrayList<>();
        int charge = 0;
        for (Request r : chain) {
            charge += creditCharge(r.body().length);
        }
        acquireCredits(charge);
        synchronized (out()) {
            for (int i = 0; i < chain.size(); i++) {
                Request r = chain.get(i);
                int c = creditCharge(r.body().length);
                long mid = r.command() == NEGOTIATE ? nextMid.getAndIncrement() : nextMid.getAndAdd(c);
                Pending p = new Pending(mid, commandName(r.command()));
                pending.put(mid, p);
                out.add(p);
                boolean last = i == chain.size() - 1;
                int len = 64 + r.body().length;
                int padded = last ? len : Smb2Create.align8(len);
                ByteBuffer h = le(padded);
                h.put(new byte[] {(byte) 0xFE, 'S', 'M', 'B'}); // ProtocolId (4 bytes)
                h.putShort((short) 64); // StructureSize (2 bytes)
                h.putShort((short) (dialect == SMB_2_0_2 || dialect == 0 ? 0 : c)); // CreditCharge (2 bytes)
                h.putInt(0); // ChannelSequence/Reserved (4 bytes)
                h.putShort((short) r.command()); // Command (2 bytes)
                h.putShort((short) 64); // CreditRequest (2 bytes)
                h.putInt(r.flags()); // Flags (4 bytes)
                h.putInt(last ? 0 : padded); // NextCommand (4 bytes)
                h.putLong(mid); // MessageId (8 bytes)
                h.putInt(0); // Reserved / ProcessId (4 bytes)
                h.putInt(r.treeId() != null ? r.treeId() : treeId); // TreeId (4 bytes)
                h.putLong(sessionId); // SessionId (8 bytes)
                h.put(new byte[16]); // Signature (16 bytes): filled in when signing
                h.put(r.body());
                byte[] msg = h.array();
                if (preauth != null && (r.command() == NEGOTIATE || r.command() == SESSION_SETUP)) {
                    preauth = Smb2Signing.preauth(preauth, msg);
                }
                Smb2Signing sig = signer;
                if (sig != null) {
                    sig.sign(msg, 0, msg.length);
                }
                parts.add(msg);
                total += padded;
            }
            ByteBuffer frame = ByteBuffer.allocate(4 + total).order(ByteOrder.BIG_ENDIAN);
            frame.putInt(total); // Direct TCP transport: 0x00 + 3-byte length
            parts.forEach(frame::put);
            writeFrame(frame.array());
        }
        return out;
    }

    private Object out() {
        return out;
    }

    private void writeFrame(byte[] frame) throws IOException {
        try {
            out.write(frame);
            out.flush();
        } catch (IOException e) {
            fail(e);
            throw e;
        }
    }

    private int creditCharge(int payload) {
        if (dialect == SMB_2_0_2 || dialect == 0 || (capabilities & CAP_LARGE_MTU) == 0) {
            return 1;
        }
        return Math.max(1, (payload + 65535) / 65536);
    }

    private void acquireCredits(int n) throws IOException {
        try {
            if (!credits.tryAcquire(n, options.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(name + ": no SMB2 credits granted within " + options.timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for credits");
        }
    }

    /**
     * CANCEL ([MS-SMB2] 2.2.30) of a request: with its AsyncId when the server went async, else by
     * MessageId. It takes no credit and gets no response of its own.
     */
    public void cancel(Pending p) throws IOException {
        checkOpen();
        Smb2Message interim = p.interim.getNow(null);
        ByteBuffer h = le(64 + 4);
        h.put(new byte[] {(byte) 0xFE, 'S', 'M', 'B'});
        h.putShort((short) 64); // StructureSize
        h.putShort((short) 0); // CreditCharge
        h.putInt(0); // Reserved
        h.putShort((short) CANCEL); // Command
        h.putShort((short) 0); // CreditRequest
        h.putInt(interim != null ? Smb2Message.FLAG_ASYNC : 0); // Flags
        h.putInt(0); // NextCommand
        h.putLong(p.messageId()); // MessageId of the request to cancel
        if (interim != null) {
            h.putLong(interim.asyncId()); // AsyncId (8 bytes)
        } else {
            h.putInt(0).putInt(treeId); // Reserved, TreeId
        }
        h.putLong(sessionId); // SessionId
        h.put(new byte[16]); // Signature
        h.putShort((short) 4).putShort((short) 0); // body: StructureSize 4, Reserved
        byte[] msg = h.array();
        Smb2Signing sig = signer;
        if (sig != null) {
            sig.sign(msg, 0, msg.length);
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + 68).order(ByteOrder.BIG_ENDIAN);
        frame.putInt(68).put(msg);
        evidence.invoke(name, "smb.cancel", p.toString());
        synchronized (out()) {
            writeFrame(frame.array());
        }
    }

    /** Sends and waits for the final response (bounded by the options' timeout). */
    public Smb2Message call(Request r) throws IOException {
        return await(send(r), commandName(r.command()));
    }

    private Smb2Message await(Pending p, String what) throws IOException {
        return get(p.response, options.timeout(), what);
    }

    private static Smb2Message get(CompletableFuture<Smb2Message> f, Duration max, String what) throws IOException {
        try {
            return f.get(max.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for " + what);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(what + ": " + c, c);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new Smb2Timeout("no " + what + " within " + max);
        }
    }

    /** No response within the bound. */
    public static final class Smb2Timeout extends IOException {
        public Smb2Timeout(String message) {
            super(message);
        }
    }

    private void checkOpen() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new IOException(name + ": connection failed earlier: " + f.getMessage(), f);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Receiving

    private void readLoop() {
        try {
            while (true) {
                int len = in.readInt() & 0x00FFFFFF; // 0x00 + 3-byte length
                byte[] frame = new byte[len];
                in.readFully(frame);
                long now = System.nanoTime();
                if (len >= 4 && (frame[0] & 0xFF) == 0xFD) {
                    throw new Unsupported("the server sent an encrypted message (transform header)");
                }
                int pos = 0;
                while (true) {
                    ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
                    int next = b.getInt(pos + 20);
                    int end = next == 0 ? frame.length : pos + next;
                    onMessage(new Smb2Message(Arrays.copyOfRange(frame, pos, end), now));
                    if (next == 0) {
                        break;
                    }
                    pos = end;
                }
            }
        } catch (EOFException e) {
            fail(new IOException(name + ": connection closed by the server"));
        } catch (IOException e) {
            fail(e);
        } catch (RuntimeException e) {
            fail(new IOException(name + ": undecodable message: " + e, e));
        }
    }

    private void onMessage(Smb2Message m) {
        received.add(m);
        if (m.creditResponse() > 0) {
            credits.release(m.creditResponse());
        }
        if (m.messageId() == Smb2Message.UNSOLICITED && m.command() == OPLOCK_BREAK) {
            if (m.structureSize() == 44) {
                LeaseBreak lb = LeaseBreak.decode(m);
                evidence.record(name, EventKind.BREAK, "smb.lease-break", lb.key() + " " + lb);
            } else {
                evidence.record(
                        name,
                        EventKind.BREAK,
                        "smb.oplock-break",
                        OplockBreak.decode(m).toString());
            }
            notifications.add(m);
            return;
        }
        Pending p = pending.get(m.messageId());
        if (p == null) {
            evidence.info(name, "smb.unmatched", m.toString());
            return;
        }
        if (m.async() && m.status() == Smb2Status.STATUS_PENDING) {
            evidence.info(name, "smb.interim", p.what + " STATUS_PENDING AsyncId " + m.asyncId());
            p.interim.complete(m);
            return;
        }
        pending.remove(m.messageId());
        p.response.complete(m);
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
        }
        for (Pending p : pending.values()) {
            p.response.completeExceptionally(e);
            p.interim.completeExceptionally(e);
        }
        pending.clear();
    }

    /** Whether the server closed the connection (or it failed). */
    public boolean broken() {
        return failure != null;
    }

    // ---------------------------------------------------------------------------------------------
    // Notifications

    /** The next unsolicited OPLOCK_BREAK notification, lease or oplock, waiting at most {@code max}. */
    public Smb2Message awaitNotification(Duration max) throws IOException {
        try {
            Smb2Message m = notifications.poll(max.toNanos(), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new Smb2Timeout(name + ": no break notification within " + max);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("waiting for a break");
        }
    }

    /** The next lease break, waiting at most {@code max}; an oplock break instead is an error. */
    public LeaseBreak awaitLeaseBreak(Duration max) throws IOException {
        Smb2Message m = awaitNotification(max);
        if (m.structureSize() != 44) {
            throw new IOException(name + ": expected a lease break, got " + OplockBreak.decode(m));
        }
        return LeaseBreak.decode(m);
    }

    /** The next oplock break, waiting at most {@code max}; a lease break instead is an error. */
    public OplockBreak awaitOplockBreak(Duration max) throws IOException {
        Smb2Message m = awaitNotification(max);
        if (m.structureSize() != 24) {
            throw new IOException(name + ": expected an oplock break, got " + LeaseBreak.decode(m));
        }
        return OplockBreak.decode(m);
    }

    /** Notifications received and not yet taken. */
    public List<Smb2Message> pendingNotifications() {
        return List.copyOf(notifications);
    }

    /** Takes every notification not yet taken. */
    public List<Smb2Message> drainNotifications() {
        List<Smb2Message> out = new ArrayList<>();
        notifications.drainTo(out);
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Operations

    /** CREATE; a non-success status is an {@link Smb2StatusException}. */
    public Smb2Open create(Smb2Create c) throws IOException {
        return created(c, createAsync(c).await(options.timeout()));
    }

    /** CREATE without waiting: the caller awaits the {@link Pending}, then calls {@link #created}. */
    public Pending createAsync(Smb2Create c) throws IOException {
        evidence.invoke(name, "smb.create", c.toString());
        Pending p = send(new Request(CREATE, c.encodeBody()));
        p.response.thenAccept(m -> record(
                "smb.create", c.path(), m, () -> Smb2Open.decode(c.path(), m).toString()));
        return p;
    }

    /** The open of a CREATE response, or an {@link Smb2StatusException} for a failure status. */
    public Smb2Open created(Smb2Create c, Smb2Message m) throws Smb2StatusException {
        if (!m.success() && m.status() != Smb2Status.STATUS_OPLOCK_BREAK_IN_PROGRESS) {
            throw new Smb2StatusException("CREATE " + c, m.status());
        }
        return Smb2Open.decode(c.path(), m);
    }

    /** The status a CREATE gets (no exception for failures); a success is closed again at once. */
    public long createStatus(Smb2Create c) throws IOException {
        Smb2Message m = createAsync(c).await(options.timeout());
        if (m.success()) {
            close(Smb2Open.decode(c.path(), m).fileId());
        }
        return m.status();
    }

    private void record(String op, String what, Smb2Message m, java.util.function.Supplier<String> ok) {
        if (m.success()) {
            String detail;
            try {
                detail = ok.get();
            } catch (RuntimeException e) {
                detail = what + " (undecodable: " + e.getMessage() + ")";
            }
            evidence.ok(name, op, detail);
        } else {
            evidence.fail(name, op, what + " " + Smb2Status.name(m.status()));
        }
    }

    /** CLOSE ([MS-SMB2] 2.2.15); returns the status. */
    public long close(Smb2FileId f) throws IOException {
        ByteBuffer b = le(24);
        b.putShort((short) 24); // StructureSize (2 bytes)
        b.putShort((short) 0); // Flags (2 bytes)
        b.putInt(0); // Reserved (4 bytes)
        f.write(b); // FileId (16 bytes)
        return simple("smb.close", f.toString(), new Request(CLOSE, b.array()));
    }

    /** WRITE ([MS-SMB2] 2.2.21) of {@code data} at {@code offset}; returns the status. */
    public long write(Smb2FileId f, long offset, byte[] data) throws IOException {
        return await(writeAsync(f, offset, data), "WRITE").status();
    }

    /** WRITE without waiting. */
    public Pending writeAsync(Smb2FileId f, long offset, byte[] data) throws IOException {
        ByteBuffer b = le(48 + Math.max(1, data.length));
        b.putShort((short) 49); // StructureSize (2 bytes)
        b.putShort((short) (64 + 48)); // DataOffset (2 bytes)
        b.putInt(data.length); // Length (4 bytes)
        b.putLong(offset); // Offset (8 bytes)
        f.write(b); // FileId (16 bytes)
        b.putInt(0); // Channel (4 bytes)
        b.putInt(0); // RemainingBytes (4 bytes)
        b.putShort((short) 0); // WriteChannelInfoOffset (2 bytes)
        b.putShort((short) 0); // WriteChannelInfoLength (2 bytes)
        b.putInt(0); // Flags (4 bytes)
        b.put(data); // Buffer
        String what = f + " @" + offset + " " + data.length + "B";
        evidence.invoke(name, "smb.write", what);
        Pending p = send(new Request(WRITE, b.array()));
        p.response.thenAccept(m -> record("smb.write", what, m, () -> what));
        return p;
    }

    /** READ ([MS-SMB2] 2.2.19) of up to {@code length} bytes; null for a failure status (see evidence). */
    public byte[] read(Smb2FileId f, long offset, int length) throws IOException {
        Smb2Message m = readMessage(f, offset, length);
        if (!m.success()) {
            return null;
        }
        ByteBuffer body = m.body();
        int off = Byte.toUnsignedInt(body.get(2)); // DataOffset (1 byte at 2), from the header
        int len = body.getInt(4); // DataLength (4 bytes at 4)
        return Arrays.copyOfRange(m.bytes(), off, off + len);
    }

    /** READ, returning the response whatever its status. */
    public Smb2Message readMessage(Smb2FileId f, long offset, int length) throws IOException {
        ByteBuffer b = le(49);
        b.putShort((short) 49); // StructureSize (2 bytes)
        b.put((byte) 0x50); // Padding (1 byte)
        b.put((byte) 0); // Flags (1 byte)
        b.putInt(Math.min(length, maxRead)); // Length (4 bytes)
        b.putLong(offset); // Offset (8 bytes)
        f.write(b); // FileId (16 bytes)
        b.putInt(0); // MinimumCount (4 bytes)
        b.putInt(0); // Channel (4 bytes)
        b.putInt(0); // RemainingBytes (4 bytes)
        b.putShort((short) 0); // ReadChannelInfoOffset (2 bytes)
        b.putShort((short) 0); // ReadChannelInfoLength (2 bytes)
        b.put((byte) 0); // Buffer (1 byte)
        String what = f + " @" + offset + " " + length + "B";
        evidence.invoke(name, "smb.read", what);
        Smb2Message m = call(new Request(READ, b.array()));
        record("smb.read", what, m, () -> what + " -> " + m.body().getInt(4) + "B");
        return m;
    }

    /** Byte-range LOCK flags ([MS-SMB2] 2.2.26.1). */
    public static final int LOCK_SHARED = 0x1;

    public static final int LOCK_EXCLUSIVE = 0x2;
    public static final int LOCK_UNLOCK = 0x4;
    public static final int LOCK_FAIL_IMMEDIATELY = 0x10;

    /** LOCK ([MS-SMB2] 2.2.26) of one range; returns the status. */
    public long lock(Smb2FileId f, long offset, long length, int flags) throws IOException {
        return await(lockAsync(f, offset, length, flags), "LOCK").status();
    }

    /** LOCK without waiting. */
    public Pending lockAsync(Smb2FileId f, long offset, long length, int flags) throws IOException {
        ByteBuffer b = le(48);
        b.putShort((short) 48); // StructureSize (2 bytes)
        b.putShort((short) 1); // LockCount (2 bytes)
        b.putInt(0); // LockSequenceNumber/Index (4 bytes)
        f.write(b); // FileId (16 bytes)
        b.putLong(offset); // Offset (8 bytes)
        b.putLong(length); // Length (8 bytes)
        b.putInt(flags); // Flags (4 bytes)
        b.putInt(0); // Reserved (4 bytes)
        String what = f + " @" + offset + "+" + length + " flags=0x" + Integer.toHexString(flags);
        evidence.invoke(name, "smb.lock", what);
        Pending p = send(new Request(LOCK, b.array()));
        p.response.thenAccept(m -> record("smb.lock", what, m, () -> what));
        return p;
    }

    /** SET_INFO ([MS-SMB2] 2.2.39) of a file information class; returns the status. */
    public long setInfo(Smb2FileId f, int infoClass, byte[] buffer) throws IOException {
        return await(setInfoAsync(f, infoClass, buffer), "SET_INFO").status();
    }

    public Pending setInfoAsync(Smb2FileId f, int infoClass, byte[] buffer) throws IOException {
        ByteBuffer b = le(32 + buffer.length);
        b.putShort((short) 33); // StructureSize (2 bytes)
        b.put((byte) 1); // InfoType (1 byte): SMB2_0_INFO_FILE
        b.put((byte) infoClass); // FileInfoClass (1 byte)
        b.putInt(buffer.length); // BufferLength (4 bytes)
        b.putShort((short) (64 + 32)); // BufferOffset (2 bytes)
        b.putShort((short) 0); // Reserved (2 bytes)
        b.putInt(0); // AdditionalInformation (4 bytes)
        f.write(b); // FileId (16 bytes)
        b.put(buffer); // Buffer
        String what = f + " class " + infoClass;
        evidence.invoke(name, "smb.set-info", what);
        Pending p = send(new Request(SET_INFO, b.array()));
        p.response.thenAccept(m -> record("smb.set-info", what, m, () -> what));
        return p;
    }

    public static final int FILE_BASIC_INFORMATION = 4;
    public static final int FILE_RENAME_INFORMATION = 10;
    public static final int FILE_DISPOSITION_INFORMATION = 13;
    public static final int FILE_ALL_INFORMATION = 18;
    public static final int FILE_ALLOCATION_INFORMATION = 19;
    public static final int FILE_END_OF_FILE_INFORMATION = 20;

    /** FileRenameInformation for SMB2 ([MS-FSCC] 2.4.37.2). */
    public static byte[] renameInfo(String newPath, boolean replace) {
        byte[] nm = newPath.replace('/', '\\').getBytes(StandardCharsets.UTF_16LE);
        ByteBuffer b = le(20 + nm.length);
        b.put((byte) (replace ? 1 : 0)); // ReplaceIfExists (1 byte)
        b.put(new byte[7]); // Reserved (7 bytes)
        b.putLong(0); // RootDirectory (8 bytes)
        b.putInt(nm.length); // FileNameLength (4 bytes)
        b.put(nm); // FileName
        return b.array();
    }

    /** FileEndOfFileInformation ([MS-FSCC] 2.4.13). */
    public static byte[] endOfFileInfo(long eof) {
        return le(8).putLong(eof).array();
    }

    /** FileDispositionInformation ([MS-FSCC] 2.4.11). */
    public static byte[] dispositionInfo(boolean delete) {
        return new byte[] {(byte) (delete ? 1 : 0)};
    }

    /** FileBasicInformation ([MS-FSCC] 2.4.7) setting only the attributes (times 0 = unchanged). */
    public static byte[] basicInfo(int attributes) {
        ByteBuffer b = le(40);
        b.putLong(0).putLong(0).putLong(0).putLong(0); // Creation, LastAccess, LastWrite, Change
        b.putInt(attributes); // FileAttributes
        b.putInt(0); // Reserved
        return b.array();
    }

    /** QUERY_INFO ([MS-SMB2] 2.2.37) of a file information class; returns the response. */
    public Smb2Message queryInfo(Smb2FileId f, int infoClass) throws IOException {
        ByteBuffer b = le(40);
        b.putShort((short) 41); // StructureSize (2 bytes)
        b.put((byte) 1); // InfoType (1 byte): FILE
        b.put((byte) infoClass); // FileInfoClass (1 byte)
        b.putInt(4096); // OutputBufferLength (4 bytes)
        b.putShort((short) 0); // InputBufferOffset (2 bytes)
        b.putShort((short) 0); // Reserved (2 bytes)
        b.putInt(0); // InputBufferLength (4 bytes)
        b.putInt(0); // AdditionalInformation (4 bytes)
        b.putInt(0); // Flags (4 bytes)
        f.write(b); // FileId (16 bytes)
        String what = f + " class " + infoClass;
        evidence.invoke(name, "smb.query-info", what);
        Smb2Message m = call(new Request(QUERY_INFO, b.array()));
        record("smb.query-info", what, m, () -> what);
        return m;
    }

    /** Lease Break Acknowledgment ([MS-SMB2] 2.2.24.2); returns the response (any status). */
    public Smb2Message leaseAck(UUID key, int state) throws IOException {
        ByteBuffer b = le(36);
        b.putShort((short) 36); // StructureSize (2 bytes)
        b.putShort((short) 0); // Reserved (2 bytes)
        b.putInt(0); // Flags (4 bytes)
        Lease.putKey(b, key); // LeaseKey (16 bytes)
        b.putInt(state); // LeaseState (4 bytes)
        b.putLong(0); // LeaseDuration (8 bytes)
        String what = key + " " + Lease.bits(state);
        evidence.record(name, EventKind.ACK, "smb.lease-ack", what);
        Smb2Message m = call(new Request(OPLOCK_BREAK, b.array()));
        record(
                "smb.lease-ack",
                what,
                m,
                () -> what + " -> " + Lease.bits(m.body().getInt(24)));
        return m;
    }

    /** Oplock Break Acknowledgment ([MS-SMB2] 2.2.24.1); returns the response (any status). */
    public Smb2Message oplockAck(Smb2FileId f, int level) throws IOException {
        ByteBuffer b = le(24);
        b.putShort((short) 24); // StructureSize (2 bytes)
        b.put((byte) level); // OplockLevel (1 byte)
        b.put((byte) 0); // Reserved (1 byte)
        b.putInt(0); // Reserved2 (4 bytes)
        f.write(b); // FileId (16 bytes)
        String what = f + " " + Smb2Open.oplockName(level);
        evidence.record(name, EventKind.ACK, "smb.oplock-ack", what);
        Smb2Message m = call(new Request(OPLOCK_BREAK, b.array()));
        record(
                "smb.oplock-ack",
                what,
                m,
                () -> what + " -> "
                        + Smb2Open.oplockName(Byte.toUnsignedInt(m.body().get(2))));
        return m;
    }

    /** An OPLOCK_BREAK request with an arbitrary body (e.g. a wrong StructureSize). */
    public Smb2Message rawBreakAck(byte[] body) throws IOException {
        evidence.invoke(name, "smb.break-ack-raw", body.length + "B");
        Smb2Message m = call(new Request(OPLOCK_BREAK, body));
        record("smb.break-ack-raw", body.length + "B", m, () -> "ok");
        return m;
    }

    /** IOCTL FSCTL_PIPE_TRANSCEIVE ([MS-SMB2] 2.2.31, [MS-FSCC] 2.3.49) on a pipe; returns the output. */
    public byte[] pipeTransceive(Smb2FileId f, byte[] input) throws IOException {
        ByteBuffer b = le(56 + input.length);
        b.putShort((short) 57); // StructureSize (2 bytes)
        b.putShort((short) 0); // Reserved (2 bytes)
        b.putInt(0x0011C017); // CtlCode (4 bytes): FSCTL_PIPE_TRANSCEIVE
        f.write(b); // FileId (16 bytes)
        b.putInt(64 + 56); // InputOffset (4 bytes)
        b.putInt(input.length); // InputCount (4 bytes)
        b.putInt(0); // MaxInputResponse (4 bytes)
        b.putInt(0); // OutputOffset (4 bytes)
        b.putInt(0); // OutputCount (4 bytes)
        b.putInt(65536); // MaxOutputResponse (4 bytes)
        b.putInt(1); // Flags (4 bytes): SMB2_0_IOCTL_IS_FSCTL
        b.putInt(0); // Reserved2 (4 bytes)
        b.put(input); // Buffer
        Smb2Message m = call(new Request(IOCTL, b.array()));
        if (!m.success() && m.status() != 0x80000005L) { // STATUS_BUFFER_OVERFLOW still carries data
            throw new Smb2StatusException("IOCTL FSCTL_PIPE_TRANSCEIVE", m.status());
        }
        ByteBuffer r = m.body();
        int off = r.getInt(32); // OutputOffset (4 bytes at 32)
        int len = r.getInt(36); // OutputCount (4 bytes at 36)
        return Arrays.copyOfRange(m.bytes(), off, off + len);
    }

    /** ECHO; returns the status. */
    public long echo() throws IOException {
        return call(new Request(ECHO, le(4).putShort((short) 4).array())).status();
    }

    private long simple(String op, String what, Request r) throws IOException {
        evidence.invoke(name, op, what);
        Smb2Message m = call(r);
        record(op, what, m, () -> what);
        return m.status();
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static String commandName(int c) {
        return switch (c) {
            case NEGOTIATE -> "NEGOTIATE";
            case SESSION_SETUP -> "SESSION_SETUP";
            case TREE_CONNECT -> "TREE_CONNECT";
            case CREATE -> "CREATE";
            case CLOSE -> "CLOSE";
            case READ -> "READ";
            case WRITE -> "WRITE";
            case LOCK -> "LOCK";
            case IOCTL -> "IOCTL";
            case ECHO -> "ECHO";
            case QUERY_INFO -> "QUERY_INFO";
            case SET_INFO -> "SET_INFO";
            case OPLOCK_BREAK -> "OPLOCK_BREAK";
            default -> "command 0x" + Integer.toHexString(c);
        };
    }

    /** Drops the connection without LOGOFF (as a crashed client would). */
    public void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }
}
