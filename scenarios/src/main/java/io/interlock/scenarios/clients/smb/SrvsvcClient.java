package io.interlock.scenarios.clients.smb;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2CreateOptions;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2FileId;
import com.hierynomus.mssmb2.SMB2ImpersonationLevel;
import com.hierynomus.mssmb2.SMB2Packet;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.messages.SMB2Close;
import com.hierynomus.mssmb2.messages.SMB2CreateRequest;
import com.hierynomus.mssmb2.messages.SMB2CreateResponse;
import com.hierynomus.mssmb2.messages.SMB2IoctlRequest;
import com.hierynomus.mssmb2.messages.SMB2IoctlResponse;
import com.hierynomus.mssmb2.messages.SMB2ReadRequest;
import com.hierynomus.mssmb2.messages.SMB2ReadResponse;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.common.SmbPath;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.io.ArrayByteChunkProvider;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.Share;
import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.clients.CountingSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Lists a server's shares the way {@code smbclient -L} does, in-process: srvsvc NetShareEnumAll
 * (opnum 15, level 1; [MS-SRVS] 3.1.4.8 NetrShareEnum) over the {@code \PIPE\srvsvc} named pipe on
 * IPC$, on smbj. One instance = one connection, session and IPC$ tree; each {@link
 * #netShareEnumAll} opens the pipe afresh (a pipe answers from the share list of its open, R-CACHE-3),
 * binds (srvsvc 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0 over NDR 2.0), calls, reads every
 * response fragment and closes the pipe.
 *
 * <p>Activity: bytes are reported to the {@link ClientActivity} as for every engine client (by the
 * connection's local address; received bytes after smbj has handled them), and each wait for a
 * response of the pipe exchange (CREATE, IOCTL transceive, READ, CLOSE) is reported with
 * {@link ClientActivity#blocking}/{@link ClientActivity#unblocked}. The waits inside {@link
 * #connect} (negotiate, session setup, tree connect) are smbj's own and are not reported as
 * blocking: connect in PASS mode, as the engine does for every client.
 *
 * <p>Not thread-safe: one call at a time per instance.
 */
public final class SrvsvcClient implements AutoCloseable {
    /** srvsvc ([MS-SRVS] 1.9). */
    static final UUID SRVSVC = UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188");

    static final int OPNUM_NET_SHARE_ENUM_ALL = 15;
    /** FSCTL_PIPE_TRANSCEIVE ([MS-FSCC] 2.3.49). */
    static final long FSCTL_PIPE_TRANSCEIVE = 0x0011C017L;
    /** The fragment size we offer (what Windows and Samba use); fragments never exceed it. */
    static final int MAX_FRAG = 4280;

    private static final long STATUS_BUFFER_OVERFLOW = 0x80000005L;
    /** Entries we accept in one answer. */
    private static final int MAX_ENTRIES = 1 << 16;

    /**
     * One share of the list ([MS-SRVS] 2.2.4.23 SHARE_INFO_1).
     *
     * @param name shi1_netname
     * @param type shi1_type: STYPE_DISKTREE 0, PRINTQ 1, DEVICE 2, IPC 3, with STYPE_SPECIAL
     *     0x80000000 (administrative, e.g. IPC$, C$) and STYPE_TEMPORARY 0x40000000
     * @param remark shi1_remark
     */
    public record ShareEntry(String name, int type, String remark) {
        public static final int STYPE_DISKTREE = 0;
        public static final int STYPE_IPC = 3;
        public static final int STYPE_SPECIAL = 0x80000000;
        public static final int STYPE_TEMPORARY = 0x40000000;

        /** A disk share (administrative ones like C$ included), as smbclient lists under "Disk". */
        public boolean disk() {
            return (type & ~(STYPE_SPECIAL | STYPE_TEMPORARY)) == STYPE_DISKTREE;
        }
    }

    private final String host;
    private final Duration timeout;
    private final ClientActivity activity;
    private final SMBClient client;
    private final Session session;
    private final Share ipc;
    private final CountingSocketFactory sockets;
    private int callId;

    private SrvsvcClient(
            String host,
            Duration timeout,
            ClientActivity activity,
            SMBClient client,
            Session session,
            Share ipc,
            CountingSocketFactory sockets) {
        this.host = host;
        this.timeout = timeout;
        this.activity = activity;
        this.client = client;
        this.session = session;
        this.ipc = ipc;
        this.sockets = sockets;
    }

    /** Connects, authenticates (NTLM) and connects the IPC$ tree. */
    public static SrvsvcClient connect(
            String host, int port, String user, String password, Duration timeout, ClientActivity activity)
            throws IOException {
        Objects.requireNonNull(activity, "activity");
        CountingSocketFactory sockets = new CountingSocketFactory(activity, timeout);
        SmbConfig config = SmbConfig.builder()
                .withTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .withDfsEnabled(false)
                .withSocketFactory(sockets)
                .withTransportLayerFactory(
                        new InterceptingTransportFactory(UnaryOperator.identity(), activity, sockets))
                .build();
        SMBClient client = new SMBClient(config);
        try {
            Connection c = client.connect(host, port);
            Session s = c.authenticate(new AuthenticationContext(user, password.toCharArray(), ""));
            Share ipc = s.connectShare("IPC$");
            return new SrvsvcClient(host, timeout, activity, client, s, ipc, sockets);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e instanceof IOException io
                    ? io
                    : new IOException("SMB connect to " + host + ":" + port + " failed: " + e, e);
        }
    }

    /** Connects, lists the disk shares, disconnects. */
    public static List<String> listDiskShares(
            String host, int port, String user, String password, Duration timeout, ClientActivity activity)
            throws IOException {
        try (SrvsvcClient c = connect(host, port, user, password, timeout, activity)) {
            return c.diskShares();
        }
    }

    /** The local address of this client's connection (what its activity reports are keyed by). */
    public InetSocketAddress localAddress() {
        return sockets.lastLocal();
    }

    /** The names of the disk shares ({@link ShareEntry#disk()}), in the server's order. */
    public List<String> diskShares() throws IOException {
        List<String> out = new ArrayList<>();
        for (ShareEntry e : netShareEnumAll()) {
            if (e.disk()) {
                out.add(e.name());
            }
        }
        return out;
    }

    /** Every share the server lists at level 1, in its order. */
    public List<ShareEntry> netShareEnumAll() throws IOException {
        SMB2FileId pipe = openPipe();
        List<ShareEntry> shares;
        try {
            int bindCall = ++callId;
            DceRpc.checkBindAck(transceive(pipe, DceRpc.bind(bindCall, SRVSVC, 3, 0, MAX_FRAG)), bindCall);
            int call = ++callId;
            byte[] first = transceive(pipe, DceRpc.request(call, OPNUM_NET_SHARE_ENUM_ALL, enumAllStub(host)));
            ByteArrayOutputStream stub = new ByteArrayOutputStream();
            boolean last = DceRpc.responseFragment(first, call, stub);
            while (!last) {
                last = DceRpc.responseFragment(readPipe(pipe), call, stub);
            }
            shares = parseEnumAll(stub.toByteArray());
        } catch (IOException | RuntimeException e) {
            try {
                closePipe(pipe);
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        closePipe(pipe);
        return shares;
    }

    /** NetrShareEnum's [in] arguments ([MS-SRVS] 3.1.4.8) for level 1, NDR 2.0. */
    static byte[] enumAllStub(String host) {
        String server = "\\\\" + host;
        int units = server.length() + 1;
        int stringBytes = (units * 2 + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(4 + 12 + stringBytes + 4 * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x00020000); // ServerName: [unique] referent id
        b.putInt(units).putInt(0).putInt(units); // MaximumCount, Offset, ActualCount
        b.put(server.getBytes(StandardCharsets.UTF_16LE)).putShort((short) 0); // the units, NUL
        b.position(4 + 12 + stringBytes); // pad to 4
        b.putInt(1); // InfoStruct->Level
        b.putInt(1); // ShareInfo union discriminant: level 1
        b.putInt(0x00020004); // ShareInfo.Level1: [unique] referent id of the container
        b.putInt(0); // Level1->EntriesRead
        b.putInt(0); // Level1->Buffer: null
        b.putInt(0xFFFFFFFF); // PreferedMaximumLength: MAX_PREFERRED_LENGTH
        b.putInt(0x00020008); // ResumeHandle: [unique] referent id
        b.putInt(0); // *ResumeHandle
        return b.array();
    }

    /** NetrShareEnum's [out] values: InfoStruct (level 1), TotalEntries, ResumeHandle, WERROR. */
    static List<ShareEntry> parseEnumAll(byte[] stub) throws IOException {
        NdrIn in = new NdrIn(stub);
        long level = in.u32(); // InfoStruct->Level
        long arm = in.u32(); // union discriminant
        if (level != 1 || arm != 1) {
            throw new IOException("answer at level " + level + "/" + arm + ", asked for 1");
        }
        List<ShareEntry> out = new ArrayList<>();
        if (in.u32() != 0) { // Level1: container pointer
            int read = in.count(MAX_ENTRIES); // EntriesRead
            if (in.u32() != 0) { // Buffer pointer
                int n = in.count(MAX_ENTRIES); // conformant array MaximumCount
                if (n < read) {
                    throw new IOException("array of " + n + " for " + read + " entries");
                }
                long[] name = new long[read];
                int[] type = new int[read];
                long[] remark = new long[read];
                for (int i = 0; i < read; i++) {
                    name[i] = in.u32(); // shi1_netname pointer
                    type[i] = (int) in.u32(); // shi1_type
                    remark[i] = in.u32(); // shi1_remark pointer
                }
                for (int i = 0; i < read; i++) { // the pointees, in order
                    String netname = name[i] != 0 ? in.string() : "";
                    String rem = remark[i] != 0 ? in.string() : "";
                    out.add(new ShareEntry(netname, type[i], rem));
                }
            }
        }
        in.u32(); // TotalEntries
        if (in.u32() != 0) { // ResumeHandle pointer
            in.u32();
        }
        long werror = in.u32(); // WERROR
        if (werror != 0) {
            throw new IOException("NetShareEnumAll failed: WERROR 0x" + Long.toHexString(werror));
        }
        return out;
    }

    private SMB2Dialect dialect() {
        return session.getConnection().getNegotiatedProtocol().getDialect();
    }

    private long treeId() {
        return ipc.getTreeConnect().getTreeId();
    }

    private SMB2FileId openPipe() throws IOException {
        SMB2CreateRequest req = new SMB2CreateRequest(
                dialect(),
                session.getSessionId(),
                treeId(),
                SMB2ImpersonationLevel.Impersonation,
                EnumSet.of(AccessMask.FILE_READ_DATA, AccessMask.FILE_WRITE_DATA),
                EnumSet.noneOf(FileAttributes.class),
                EnumSet.of(SMB2ShareAccess.FILE_SHARE_READ, SMB2ShareAccess.FILE_SHARE_WRITE),
                SMB2CreateDisposition.FILE_OPEN,
                EnumSet.noneOf(SMB2CreateOptions.class),
                new SmbPath(host, "IPC$", "srvsvc"));
        SMB2CreateResponse resp = call("CREATE \\PIPE\\srvsvc", req);
        return resp.getFileId();
    }

    private byte[] transceive(SMB2FileId pipe, byte[] pdu) throws IOException {
        SMB2IoctlRequest req = new SMB2IoctlRequest(
                dialect(),
                session.getSessionId(),
                treeId(),
                FSCTL_PIPE_TRANSCEIVE,
                pipe,
                new ArrayByteChunkProvider(pdu, 0),
                true,
                MAX_FRAG);
        SMB2IoctlResponse resp = call("IOCTL FSCTL_PIPE_TRANSCEIVE", req);
        return resp.getOutputBuffer();
    }

    private byte[] readPipe(SMB2FileId pipe) throws IOException {
        SMB2ReadResponse resp = call(
                "READ \\PIPE\\srvsvc",
                new SMB2ReadRequest(dialect(), pipe, session.getSessionId(), treeId(), 0, MAX_FRAG));
        return resp.getData();
    }

    private void closePipe(SMB2FileId pipe) throws IOException {
        call("CLOSE \\PIPE\\srvsvc", new SMB2Close(dialect(), session.getSessionId(), treeId(), pipe));
    }

    /** Sends and waits, reporting the wait; a failure status (overflow included) throws. */
    private <T extends SMB2Packet> T call(String what, SMB2Packet req) throws IOException {
        Future<T> f = session.send(req);
        T resp;
        activity.blocking(f);
        try {
            resp = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new InterruptedIOException("interrupted waiting for " + what);
        } catch (ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no response to " + what + " within " + timeout, e);
        } finally {
            activity.unblocked();
        }
        long status = resp.getHeader().getStatusCode();
        if (status == STATUS_BUFFER_OVERFLOW) {
            // a fragment above the max_recv_frag we bound with: the server broke [C706] 12.6.3.6
            throw new IOException(what + ": STATUS_BUFFER_OVERFLOW, a PDU above " + MAX_FRAG + " bytes");
        }
        if (!resp.isSuccess()) {
            throw new SmbStatusException(what, status);
        }
        return resp;
    }

    @Override
    public void close() {
        try {
            ipc.close();
        } catch (IOException | RuntimeException e) {
            // disconnecting anyway
        }
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // disconnecting anyway
        }
        client.close();
    }
}
