package io.interlock.scenarios.clients.smb;

import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2FileId;
import com.hierynomus.mssmb2.SMB2LockFlag;
import com.hierynomus.mssmb2.SMB2MessageCommandCode;
import com.hierynomus.mssmb2.SMB2Packet;
import com.hierynomus.mssmb2.messages.SMB2Close;
import com.hierynomus.mssmb2.messages.SMB2CreateResponse;
import com.hierynomus.mssmb2.messages.SMB2Echo;
import com.hierynomus.mssmb2.messages.SMB2LockRequest;
import com.hierynomus.mssmb2.messages.SMB2ReadRequest;
import com.hierynomus.mssmb2.messages.SMB2ReadResponse;
import com.hierynomus.mssmb2.messages.SMB2WriteRequest;
import com.hierynomus.mssmb2.messages.SMB2WriteResponse;
import com.hierynomus.mssmb2.messages.submodule.SMB2LockElement;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.io.ArrayByteChunkProvider;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.Share;
import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.clients.CountingSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMB2/3 client on smbj 0.14 that can request leases (RqLs v1/v2) or traditional oplocks,
 * capture their break notifications and acknowledge them. One instance = one TCP connection, one
 * session, one tree connect, and its own ClientGuid (leases are keyed by ClientGuid + LeaseKey).
 *
 * <p>smbj is extended, not forked: requests we need and smbj lacks are {@link RawSmb2Request}s sent
 * through {@link Session#send}; the receive path is hooked through {@code SmbConfig}'s transport
 * factory ({@link InterceptingTransportFactory}).
 */
public final class SmbLeaseClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmbLeaseClient.class);
    private static final long STATUS_END_OF_FILE = 0xC0000011L;

    private final UUID clientGuid;
    private final Duration timeout;
    private final SMBClient client;
    private final Connection connection;
    private final Session session;
    private final Share share;
    private final BlockingQueue<LeaseBreakEvent> breaks = new LinkedBlockingQueue<>();
    private final List<Consumer<LeaseBreakEvent>> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<OplockBreakEvent> oplockBreaks = new LinkedBlockingQueue<>();
    private final ConcurrentMap<Long, BreakInterceptor.AckResponse> ackResponses = BreakInterceptor.newAckTable();
    private final ClientActivity activity;
    private final CountingSocketFactory sockets;

    /**
     * Connection options beyond the defaults.
     *
     * @param signingRequired the client requires signed messages (smbj then drops unsigned responses)
     * @param dialects the dialects to offer; empty = smbj's defaults
     */
    public record Options(boolean signingRequired, Set<SMB2Dialect> dialects, ClientActivity activity) {
        public static final Options DEFAULT = new Options(false, Set.of(), ClientActivity.NONE);

        public Options {
            dialects = Set.copyOf(dialects);
            activity = activity == null ? ClientActivity.NONE : activity;
        }

        public Options(boolean signingRequired, Set<SMB2Dialect> dialects) {
            this(signingRequired, dialects, ClientActivity.NONE);
        }

        /** These options, reporting to {@code a}. */
        public Options with(ClientActivity a) {
            return new Options(signingRequired, dialects, a);
        }
    }

    private SmbLeaseClient(
            String host,
            int port,
            String shareName,
            String user,
            String password,
            UUID clientGuid,
            Duration timeout,
            Options options)
            throws IOException {
        this.clientGuid = clientGuid;
        this.timeout = timeout;
        SmbConfig.Builder builder = SmbConfig.builder()
                .withClientGuid(clientGuid)
                .withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .withDfsEnabled(false)
                .withSigningRequired(options.signingRequired());
        if (!options.dialects().isEmpty()) {
            builder.withDialects(options.dialects().toArray(SMB2Dialect[]::new));
        }
        SubstituteSigner signer = new SubstituteSigner(builder.build().getSecurityProvider());
        this.activity = options.activity();
        this.sockets = new CountingSocketFactory(activity);
        SmbConfig config = builder.withSocketFactory(sockets)
                .withTransportLayerFactory(new InterceptingTransportFactory(
                        r -> new BreakInterceptor(r, this::onBreak, oplockBreaks::add, ackResponses, signer),
                        activity,
                        sockets))
                .build();
        this.client = new SMBClient(config);
        Connection c = null;
        try {
            c = client.connect(host, port);
            Session s = c.authenticate(new AuthenticationContext(user, password.toCharArray(), ""));
            signer.bind(s);
            this.share = s.connectShare(shareName);
            this.session = s;
            this.connection = c;
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e instanceof IOException io
                    ? io
                    : new IOException("SMB connect to " + host + ":" + port + " failed", e);
        }
        log.debug("SMB client {} connected to //{}:{}/{} dialect {}", clientGuid, host, port, shareName, dialect());
    }

    /** Connects with a fresh ClientGuid and a 30 s request timeout. */
    public static SmbLeaseClient connect(String host, int port, String share, String user, String password)
            throws IOException {
        return connect(host, port, share, user, password, UUID.randomUUID(), Duration.ofSeconds(30));
    }

    public static SmbLeaseClient connect(
            String host, int port, String share, String user, String password, UUID clientGuid, Duration timeout)
            throws IOException {
        return connect(host, port, share, user, password, clientGuid, timeout, Options.DEFAULT);
    }

    public static SmbLeaseClient connect(
            String host,
            int port,
            String share,
            String user,
            String password,
            UUID clientGuid,
            Duration timeout,
            Options options)
            throws IOException {
        return new SmbLeaseClient(host, port, share, user, password, clientGuid, timeout, options);
    }

    /** Whether this session signs and requires signed messages (client or server asked for it). */
    public boolean signingRequired() {
        return session.isSigningRequired();
    }

    public UUID clientGuid() {
        return clientGuid;
    }

    /** The local address of this client's connection (what a proxy in front of the server sees). */
    public java.net.InetSocketAddress localAddress() {
        return sockets.lastLocal();
    }

    /** Whether the server announced SMB2_GLOBAL_CAP_LEASING in NEGOTIATE ([MS-SMB2] 2.2.4). */
    public boolean serverOffersLeasing() {
        return connection.getConnectionContext().supportsFileLeasing();
    }

    /** Whether the server announced SMB2_GLOBAL_CAP_DIRECTORY_LEASING ([MS-SMB2] 2.2.4; SMB 3.x only). */
    public boolean serverOffersDirectoryLeasing() {
        return connection.getConnectionContext().supportsDirectoryLeasing();
    }

    public SMB2Dialect dialect() {
        return connection.getNegotiatedProtocol().getDialect();
    }

    /** Every break notification received, in order. Consumers may take from it. */
    public BlockingQueue<LeaseBreakEvent> breaks() {
        return breaks;
    }

    /** Called on smbj's receive thread for each break: must not block and must not send. */
    public void addBreakListener(Consumer<LeaseBreakEvent> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** Waits for the next break notification (taking it from {@link #breaks()}). */
    public LeaseBreakEvent awaitBreak(Duration max) throws InterruptedException, TimeoutException {
        LeaseBreakEvent e = breaks.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
            throw new TimeoutException("no lease break within " + max);
        }
        return e;
    }

    /** Every traditional oplock break notification received, in order. Consumers may take from it. */
    public BlockingQueue<OplockBreakEvent> oplockBreaks() {
        return oplockBreaks;
    }

    /** Waits for the next oplock break notification (taking it from {@link #oplockBreaks()}). */
    public OplockBreakEvent awaitOplockBreak(Duration max) throws InterruptedException, TimeoutException {
        OplockBreakEvent e = oplockBreaks.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        if (e == null) {
            throw new TimeoutException("no oplock break within " + max);
        }
        return e;
    }

    private void onBreak(LeaseBreakEvent e) {
        // listeners first, so a recorder sees the break before anyone woken by the queue acts on it
        for (Consumer<LeaseBreakEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ex) {
                log.warn("break listener failed", ex);
            }
        }
        breaks.add(e);
    }

    /** Opens (FILE_OPEN_IF) for read/write with full sharing and no lease. */
    public SmbOpen open(String path) throws IOException {
        return open(path, null, 0, LeaseVersion.V1);
    }

    /**
     * Opens (FILE_OPEN_IF, read/write, share R|W|D) requesting a lease.
     *
     * @param leaseKey the lease key, or null to request no lease
     * @param requestedState R/W/H bits ({@link LeaseBits#parse})
     * @param version RqLs v1 (32 bytes) or v2 (52 bytes, SMB 3.x)
     */
    public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version) throws IOException {
        return open(path, leaseKey, requestedState, version, false);
    }

    /**
     * As {@link #open(String, UUID, int, LeaseVersion)}; with {@code directory} it opens (creating
     * if missing) a directory for reading instead (FILE_DIRECTORY_FILE), e.g. for a directory lease.
     */
    public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
            throws IOException {
        Smb2LeaseContext lease = leaseKey == null ? null : Smb2LeaseContext.request(version, leaseKey, requestedState);
        return create(
                path,
                new Smb2CreateWithLease(
                        toSmbPath(path),
                        directory ? Smb2CreateWithLease.FILE_GENERIC_READ : Smb2CreateWithLease.FILE_GENERIC_READ_WRITE,
                        Smb2CreateWithLease.SHARE_ALL,
                        Smb2CreateWithLease.FILE_OPEN_IF,
                        directory
                                ? Smb2CreateWithLease.FILE_DIRECTORY_FILE
                                : Smb2CreateWithLease.FILE_NON_DIRECTORY_FILE,
                        lease),
                leaseKey);
    }

    /**
     * Opens a file (FILE_OPEN_IF, read/write, share R|W|D) requesting a traditional oplock and no
     * lease; the granted level is {@link SmbOpen#oplockLevel()}.
     *
     * @param oplockLevel {@link Smb2CreateWithLease#OPLOCK_LEVEL_II}, {@code _EXCLUSIVE} or {@code _BATCH}
     */
    public SmbOpen openWithOplock(String path, int oplockLevel) throws IOException {
        return create(
                path,
                new Smb2CreateWithLease(
                        toSmbPath(path),
                        Smb2CreateWithLease.FILE_GENERIC_READ_WRITE,
                        Smb2CreateWithLease.SHARE_ALL,
                        Smb2CreateWithLease.FILE_OPEN_IF,
                        Smb2CreateWithLease.FILE_NON_DIRECTORY_FILE,
                        null,
                        oplockLevel),
                null);
    }

    private SmbOpen create(String path, Smb2CreateWithLease create, UUID leaseKey) throws IOException {
        SMB2CreateResponse resp = call(
                "CREATE " + path,
                new RawSmb2Request(
                        dialect(), SMB2MessageCommandCode.SMB2_CREATE, sessionId(), treeId(), create.encodeBody()));
        Smb2CreateLeaseResponse parsed = Smb2CreateLeaseResponse.decode(
                resp.getBuffer().array(), resp.getHeader().getHeaderStartPosition());
        Smb2LeaseContext granted = parsed.lease();
        return new SmbOpen(
                path,
                resp.getFileId(),
                parsed.oplockLevel(),
                parsed.createAction(),
                leaseKey,
                granted == null ? 0 : granted.leaseState(),
                granted == null ? 0 : granted.flags(),
                granted == null ? 0 : granted.epoch(),
                granted == null ? null : granted.version());
    }

    /** Writes all of {@code data} at {@code offset}; returns the bytes written. */
    public int write(SmbOpen open, long offset, byte[] data) throws IOException {
        int max = connection.getNegotiatedProtocol().getMaxWriteSize();
        int total = 0;
        while (total < data.length || (data.length == 0 && total == 0)) {
            int n = Math.min(max, data.length - total);
            SMB2WriteRequest req = new SMB2WriteRequest(
                    dialect(),
                    open.fileId(),
                    sessionId(),
                    treeId(),
                    new ArrayByteChunkProvider(data, total, n, offset + total),
                    max);
            SMB2WriteResponse resp = call("WRITE " + open.path(), req);
            total += resp.getBytesWritten();
            if (data.length == 0 || resp.getBytesWritten() == 0) {
                break;
            }
        }
        return total;
    }

    /** Reads from {@code offset} to end of file. */
    public byte[] read(SmbOpen open, long offset) throws IOException {
        int max = connection.getNegotiatedProtocol().getMaxReadSize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long pos = offset;
        while (true) {
            SMB2ReadRequest req = new SMB2ReadRequest(dialect(), open.fileId(), sessionId(), treeId(), pos, max);
            SMB2ReadResponse resp = send(req);
            long st = resp.getHeader().getStatusCode();
            if (st == STATUS_END_OF_FILE) {
                break;
            }
            if (!resp.isSuccess()) {
                throw new SmbStatusException("READ " + open.path(), st);
            }
            byte[] d = resp.getData();
            if (d == null || d.length == 0) {
                break;
            }
            out.write(d, 0, d.length);
            pos += d.length;
        }
        return out.toByteArray();
    }

    public void close(SmbOpen open) throws IOException {
        call("CLOSE " + open.path(), new SMB2Close(dialect(), sessionId(), treeId(), open.fileId()));
    }

    /**
     * LOCK ([MS-SMB2] 2.2.26) of one range: exclusive or shared; with {@code failImmediately} the
     * server answers at once (STATUS_LOCK_NOT_GRANTED on a conflict), otherwise it may hold the
     * request (interim STATUS_PENDING) until the range is free or the request is cancelled.
     */
    public void lock(SmbOpen open, long offset, long length, boolean exclusive, boolean failImmediately)
            throws IOException {
        Set<SMB2LockFlag> flags = EnumSet.of(
                exclusive ? SMB2LockFlag.SMB2_LOCKFLAG_EXCLUSIVE_LOCK : SMB2LockFlag.SMB2_LOCKFLAG_SHARED_LOCK);
        if (failImmediately) {
            flags.add(SMB2LockFlag.SMB2_LOCKFLAG_FAIL_IMMEDIATELY);
        }
        lockElement(open, new SMB2LockElement(offset, length, flags));
    }

    /** UNLOCK of exactly one range held by this open ([MS-SMB2] 3.3.5.14.1). */
    public void unlock(SmbOpen open, long offset, long length) throws IOException {
        lockElement(open, new SMB2LockElement(offset, length, EnumSet.of(SMB2LockFlag.SMB2_LOCKFLAG_UNLOCK)));
    }

    private void lockElement(SmbOpen open, SMB2LockElement e) throws IOException {
        call(
                "LOCK " + open.path() + " " + e,
                new SMB2LockRequest(dialect(), sessionId(), treeId(), (short) 0, 0, open.fileId(), List.of(e)));
    }

    /**
     * Sends a Lease Break Acknowledgment ([MS-SMB2] 2.2.24.2) and returns the server's answer
     * (including failures such as STATUS_UNSUCCESSFUL for an ack nobody asked for).
     */
    public LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException {
        BreakInterceptor.AckResponse r = sendAck("lease", new Smb2LeaseBreakAck(0, leaseKey, leaseState).encodeBody());
        return new LeaseBreakAckResult(
                r.status(), r.lease() == null ? -1 : r.lease().leaseState());
    }

    /**
     * Sends an Oplock Break Acknowledgment ([MS-SMB2] 2.2.24.1) keeping {@code oplockLevel} (LEVEL_II
     * or NONE, at most what the notification named) and returns the server's answer, failures
     * included (e.g. STATUS_INVALID_OPLOCK_PROTOCOL when no break is outstanding).
     */
    public OplockBreakAckResult ackOplock(SMB2FileId fileId, int oplockLevel) throws IOException {
        BreakInterceptor.AckResponse r = sendAck("oplock", new Smb2OplockBreak(oplockLevel, fileId).encodeBody());
        return new OplockBreakAckResult(
                r.status(), r.oplock() == null ? -1 : r.oplock().oplockLevel());
    }

    /** Sends an OPLOCK_BREAK request and takes its response from the interceptor's table. */
    private BreakInterceptor.AckResponse sendAck(String kind, byte[] body) throws IOException {
        RawSmb2Request req =
                new RawSmb2Request(dialect(), SMB2MessageCommandCode.SMB2_OPLOCK_BREAK, sessionId(), treeId(), body);
        SMB2Packet echo = send(req);
        if (!(echo instanceof SMB2Echo)) {
            throw new IOException("unexpected reply to a " + kind + " break ack: " + echo);
        }
        BreakInterceptor.AckResponse r = ackResponses.remove(echo.getHeader().getMessageId());
        if (r == null) {
            throw new IOException(kind + " break ack response was not captured");
        }
        return r;
    }

    private long sessionId() {
        return session.getSessionId();
    }

    private long treeId() {
        return share.getTreeConnect().getTreeId();
    }

    private <T extends SMB2Packet> T call(String what, SMB2Packet req) throws IOException {
        T resp = send(req);
        if (!resp.isSuccess()) {
            throw new SmbStatusException(what, resp.getHeader().getStatusCode());
        }
        return resp;
    }

    private <T extends SMB2Packet> T send(SMB2Packet req) throws IOException {
        Future<T> f = session.send(req);
        activity.blocking(f);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new InterruptedIOException("interrupted waiting for " + req);
        } catch (ExecutionException e) {
            throw new IOException(req + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no response to " + req + " within " + timeout, e);
        } finally {
            activity.unblocked();
        }
    }

    private static String toSmbPath(String path) {
        String p = path.replace('/', '\\');
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        return p;
    }

    @Override
    public void close() {
        try {
            share.close();
        } catch (IOException | RuntimeException e) {
            log.debug("tree disconnect failed: {}", e.toString());
        }
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            log.debug("logoff failed: {}", e.toString());
        }
        client.close();
    }
}
