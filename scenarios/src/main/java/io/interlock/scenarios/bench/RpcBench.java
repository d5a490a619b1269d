package io.interlock.scenarios.bench;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.SmbEndpoint;
import java.io.IOException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench rpc}: the latency of small operations as one client sees them, one call at a time:
 * NFS GETATTR, LOOKUP, 4 KiB READ and 4 KiB FILE_SYNC WRITE (the bench's lean {@link RpcNfsClient});
 * SMB CREATE+CLOSE, 4 KiB READ and 4 KiB WRITE (smbj). Each round runs {@code ops} calls of each kind
 * on a 1 MiB file, at 4 KiB-aligned offsets drawn from a seeded generator; the first round first
 * runs {@code warmup} untimed calls of each kind. The first calls after connecting are measured on
 * their own ({@code *.connect}, {@code *.first-call}): a server that has just started pays for class
 * loading and compilation there. The client pays for its own before any target opens ({@link
 * #warmClient}): against a throwaway in-process server, so that the first target opened does not
 * carry the client's class loading (it made target A's connect 10-47 times B's). An in-process
 * embedded target shares that JVM, so its connect then shows no server cold start either: {@code
 * --fork} shows it.
 */
public final class RpcBench implements BenchWorkload {
    static final int BLOCK = 4096;
    static final int FILE_SIZE = 1 << 20;
    static final String FILE = "interlock-bench-rpc.dat";

    private final int ops;
    private final int warmup;

    /**
     * @param ops timed calls per kind per round
     * @param warmup untimed calls per kind before the first round
     */
    public RpcBench(int ops, int warmup) {
        if (ops < 1 || warmup < 0) {
            throw new IllegalArgumentException("ops must be at least 1 and warmup at least 0");
        }
        this.ops = ops;
        this.warmup = warmup;
    }

    @Override
    public String name() {
        return "rpc";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ops", ops);
        p.put("warmup", warmup);
        p.put("block", BLOCK);
        p.put("file", FILE_SIZE);
        return p;
    }

    @Override
    public void declare(BenchRecorder rec) {
        rec.latency("nfs.connect", "TCP connect, MNT, FSINFO: until the first call can go");
        rec.latency("nfs.first-call", "the first GETATTR on a fresh connection");
        rec.latency("nfs.getattr", "GETATTR of the file");
        rec.latency("nfs.lookup", "LOOKUP of the file's name in the export's root");
        rec.latency("nfs.read4k", "READ of 4 KiB");
        rec.latency("nfs.write4k", "WRITE of 4 KiB, FILE_SYNC");
        rec.latency("smb.connect", "TCP connect, NEGOTIATE, SESSION_SETUP, TREE_CONNECT");
        rec.latency("smb.first-call", "the first CREATE+CLOSE on a fresh session");
        rec.latency("smb.create-close", "CREATE (open existing) then CLOSE");
        rec.latency("smb.read4k", "READ of 4 KiB");
        rec.latency("smb.write4k", "WRITE of 4 KiB");
    }

    @Override
    public TargetSession open(BenchTarget target, BenchRecorder rec) throws Exception {
        return new RpcSession(target, rec);
    }

    /** A short session of every kind of call against a throwaway in-process server, recorded nowhere. */
    @Override
    public void warmClient() {
        RpcBench brief = new RpcBench(CLIENT_WARMUP_CALLS, CLIENT_WARMUP_CALLS);
        BenchRecorder scratch = new BenchRecorder(List.of(CLIENT_WARMUP));
        brief.declare(scratch);
        try (BenchTarget server = new BenchTarget(CLIENT_WARMUP, EmbeddedTarget.start(), null)) {
            TargetSession s = brief.open(server, scratch);
            try {
                s.round(0);
            } finally {
                s.close();
            }
        } catch (Exception e) {
            // it only moves the client's one-time costs off the first target's clock
        }
    }

    private static final String CLIENT_WARMUP = "client warm-up";
    private static final int CLIENT_WARMUP_CALLS = 50;

    private final class RpcSession implements TargetSession {
        private final BenchTarget target;
        private final BenchRecorder rec;
        private final String label;
        private final SplittableRandom random;
        private final byte[] block = new byte[BLOCK];
        private RpcNfsClient nfs;
        private byte[] fh;
        private SMBClient smbClient;
        private Connection smbConnection;
        private DiskShare share;
        private File smbFile;

        RpcSession(BenchTarget target, BenchRecorder rec) {
            this.target = target;
            this.rec = rec;
            this.label = target.label();
            this.random = new SplittableRandom(target.label().hashCode());
            random.nextBytes(block);
            openNfs();
            openSmb();
        }

        private void openNfs() {
            if (target.nfsMissing().isPresent()) {
                skipAll("nfs", target.nfsMissing().get());
                return;
            }
            try {
                long t0 = System.nanoTime();
                nfs = target.nfsClient();
                rec.nanos("nfs.connect", label, System.nanoTime() - t0);
                t0 = System.nanoTime();
                nfs.getattrSize(nfs.root());
                rec.nanos("nfs.first-call", label, System.nanoTime() - t0);
                fh = nfs.create(nfs.root(), FILE);
                for (int off = 0; off < FILE_SIZE; off += BLOCK) {
                    random.nextBytes(block);
                    nfs.write(fh, off, block, 0, BLOCK, RpcNfsClient.UNSTABLE);
                }
                nfs.commit(fh);
            } catch (IOException | RuntimeException e) {
                skipAll("nfs", "NFS client failed: " + BenchRun.message(e));
                closeNfs();
            }
        }

        private void openSmb() {
            if (target.smb().isEmpty()) {
                skipAll("smb", "no SMB on this target");
                return;
            }
            SmbEndpoint e = target.smb().get();
            try {
                long t0 = System.nanoTime();
                smbClient = new SMBClient(SmbConfig.builder()
                        .withTimeout(60, TimeUnit.SECONDS)
                        .withSoTimeout(120, TimeUnit.SECONDS)
                        .withDfsEnabled(false)
                        .build());
                smbConnection = smbClient.connect(e.host(), e.port());
                Session s = smbConnection.authenticate(
                        new AuthenticationContext(e.user(), e.password().toCharArray(), ""));
                share = (DiskShare) s.connectShare(e.share());
                rec.nanos("smb.connect", label, System.nanoTime() - t0);
                if (nfs == null) {
                    // without NFS, SMB writes the file itself
                    try (File f = openSmbFile(SMB2CreateDisposition.FILE_OVERWRITE_IF)) {
                        byte[] data = new byte[FILE_SIZE];
                        random.nextBytes(data);
                        f.write(data, 0);
                    }
                }
                t0 = System.nanoTime();
                openSmbFile(SMB2CreateDisposition.FILE_OPEN).close();
                rec.nanos("smb.first-call", label, System.nanoTime() - t0);
                smbFile = openSmbFile(SMB2CreateDisposition.FILE_OPEN);
            } catch (IOException | RuntimeException ex) {
                skipAll("smb", "SMB client failed: " + BenchRun.message(ex));
                closeSmb();
            }
        }

        private File openSmbFile(SMB2CreateDisposition disposition) {
            return share.openFile(
                    FILE,
                    EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE),
                    null,
                    SMB2ShareAccess.ALL,
                    disposition,
                    null);
        }

        private void skipAll(String proto, String why) {
            for (String m : new String[] {"connect", "first-call", "getattr", "lookup", "read4k", "write4k"}) {
                if (proto.equals("smb") && (m.equals("getattr") || m.equals("lookup"))) {
                    continue;
                }
                rec.skip(proto + "." + m, label, why);
            }
            if (proto.equals("smb")) {
                rec.skip("smb.create-close", label, why);
            }
            rec.note(label + ": " + why);
        }

        @Override
        public void round(int round) throws Exception {
            int n = ops;
            if (round == 0 && warmup > 0) {
                runAll(warmup, false);
            }
            runAll(n, true);
        }

        private void runAll(int count, boolean timed) {
            if (nfs != null) {
                run("nfs.getattr", count, timed, () -> nfs.getattrSize(fh));
                run("nfs.lookup", count, timed, () -> nfs.lookup(nfs.root(), FILE));
                run("nfs.read4k", count, timed, () -> nfs.read(fh, offset(), BLOCK, block, 0));
                run(
                        "nfs.write4k",
                        count,
                        timed,
                        () -> nfs.write(fh, offset(), block, 0, BLOCK, RpcNfsClient.FILE_SYNC));
            }
            if (smbFile != null) {
                run("smb.create-close", count, timed, () -> openSmbFile(SMB2CreateDisposition.FILE_OPEN)
                        .close());
                run("smb.read4k", count, timed, () -> smbFile.read(block, offset(), 0, BLOCK));
                run("smb.write4k", count, timed, () -> smbFile.write(block, offset(), 0, BLOCK));
            }
        }

        private long offset() {
            return (long) random.nextInt(FILE_SIZE / BLOCK) * BLOCK;
        }

        private void run(String measure, int count, boolean timed, Call call) {
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                try {
                    call.run();
                } catch (Exception e) {
                    rec.error(measure, label, BenchRun.message(e));
                    continue;
                }
                if (timed) {
                    rec.nanos(measure, label, System.nanoTime() - t0);
                }
            }
        }

        @Override
        public long heldBytes() {
            return FILE_SIZE;
        }

        @Override
        public void close() {
            closeSmb();
            if (nfs != null) {
                try {
                    nfs.remove(nfs.root(), FILE);
                } catch (IOException e) {
                    rec.note(label + ": could not remove " + FILE + ": " + e.getMessage());
                }
            }
            closeNfs();
        }

        private void closeNfs() {
            if (nfs != null) {
                try {
                    nfs.close();
                } catch (IOException e) {
                    // closing a socket: nothing to do about it
                }
                nfs = null;
            }
        }

        private void closeSmb() {
            if (smbFile != null) {
                try {
                    smbFile.close();
                } catch (RuntimeException e) {
                    // the session may be gone already
                }
                smbFile = null;
            }
            if (smbClient != null) {
                smbClient.close();
                smbClient = null;
            }
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }
}
