package io.interlock.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.nlm.Nlm4Lock;
import io.interlock.server.nfs.nlm.Nlm4LockArgs;
import io.interlock.server.nfs.nlm.Nlm4Program;
import io.interlock.server.nfs.nlm.Nlm4TestArgs;
import io.interlock.server.nfs.nlm.Nlm4UnlockArgs;
import io.interlock.server.nfs.nsm.NsmProgram;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Captures the fuzz targets' seed corpora from real client traffic: smbj, smbclient and libnfs
 * ({@code nfs-ls}, {@code nfs-cp}; each skipped when absent) and our own RPC client for NLM, NSM and
 * the portmapper talk to a real server through a recording proxy that cuts the client→server
 * stream into frames (SMB2 direct TCP, RPC record marking). Every frame becomes a seed in the input
 * format of its targets, under {@code target/captured-corpus}; with {@code
 * -Dinterlock.fuzz.capture.commit=true} also under {@code src/test/resources}, where Jazzer replays
 * them in every build (that is how the committed corpora were made).
 */
class FuzzCorpusCaptureIT {
    private static final RpcCredential ROOT = new RpcCredential.Sys(1, "capture", 0, 0, List.of());

    /** Frames of one stream, in order. */
    private static final class Recorder {
        final boolean smb;
        final List<byte[]> frames = new CopyOnWriteArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Recorder(boolean smb) {
            this.smb = smb;
        }

        synchronized void add(byte[] b, int n) {
            pending.write(b, 0, n);
            byte[] all = pending.toByteArray();
            int at = 0;
            while (all.length - at >= 4) {
                int len;
                boolean last = true;
                if (smb) {
                    len = ((all[at + 1] & 0xFF) << 16) | ((all[at + 2] & 0xFF) << 8) | (all[at + 3] & 0xFF);
                } else {
                    int h = ((all[at] & 0xFF) << 24)
                            | ((all[at + 1] & 0xFF) << 16)
                            | ((all[at + 2] & 0xFF) << 8)
                            | (all[at + 3] & 0xFF);
                    len = h & 0x7FFFFFFF;
                    last = h < 0;
                }
                if (all.length - at - 4 < len) {
                    break;
                }
                if (last && len > 0) {
                    frames.add(java.util.Arrays.copyOfRange(all, at + 4, at + 4 + len));
                }
                at += 4 + len;
            }
            pending.reset();
            pending.write(all, at, all.length - at);
        }
    }

    /** A loopback proxy to one server port that records what clients send. */
    private static final class Proxy implements AutoCloseable {
        final ServerSocket listen;
        final Recorder recorder;
        final List<Socket> open = new CopyOnWriteArrayList<>();

        Proxy(InetSocketAddress target, boolean smb) throws IOException {
            listen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            recorder = new Recorder(smb);
            Thread t = new Thread(() -> {
                while (!listen.isClosed()) {
                    try {
                        Socket c = listen.accept();
                        Socket s = new Socket(target.getAddress(), target.getPort());
                        open.add(c);
                        open.add(s);
                        pump(c, s, recorder);
                        pump(s, c, null);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listen.getLocalPort();
        }

        private static void pump(Socket from, Socket to, Recorder rec) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try (InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (rec != null) {
                            rec.add(buf, n);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // one side closed
                } finally {
                    try {
                        to.shutdownOutput();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            listen.close();
            for (Socket s : open) {
                s.close();
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Test
    void realClients_throughRecordingProxy_seedEveryTarget() throws Exception {
        ServerConfig cfg = ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0);
        Path tmp = Files.createTempDirectory("capture");
        try (InterlockServer server = InterlockServer.start(cfg);
                Proxy smb = new Proxy(server.endpoints().smb(), true);
                Proxy nfs = new Proxy(server.endpoints().nfs(), false);
                Proxy mount = new Proxy(server.endpoints().mount(), false);
                Proxy nlm = new Proxy(server.endpoints().nlm(), false);
                Proxy pm = new Proxy(server.endpoints().portmap(), false)) {
            // SMB: smbj (SMB 3.x, leases off) and smbclient (SMB 3.1.1, srvsvc share listing)
            try (SMBClient client = new SMBClient();
                    Connection c = client.connect("127.0.0.1", smb.port());
                    Session s = c.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
                    DiskShare share = (DiskShare) s.connectShare("share")) {
                share.mkdir("dir");
                try (File f = share.openFile(
                        "dir\\a.txt",
                        EnumSet.of(AccessMask.GENERIC_ALL),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OVERWRITE_IF,
                        null)) {
                    f.write("hello fuzz".getBytes(), 0);
                    byte[] back = new byte[10];
                    f.read(back, 0);
                    f.getFileInformation();
                }
                share.list("dir");
                share.rm("dir\\a.txt");
            }
            if (onPath("smbclient")) {
                Files.writeString(tmp.resolve("up.txt"), "uploaded by smbclient");
                run(List.of(
                        "smbclient",
                        "//127.0.0.1/share",
                        "-p",
                        String.valueOf(smb.port()),
                        "-U",
                        "interlock%interlock",
                        "-c",
                        "put " + tmp.resolve("up.txt") + " up.txt; ls; get up.txt " + tmp.resolve("down.txt")
                                + "; allinfo up.txt; rename up.txt moved.txt; del moved.txt"));
                run(List.of(
                        "smbclient", "-L", "127.0.0.1", "-p", String.valueOf(smb.port()), "-U", "interlock%interlock"));
            }
            // NFS and MOUNT: libnfs, then our RPC client for the procedures libnfs's tools do not use
            if (onPath("nfs-cp") && onPath("nfs-ls")) {
                String url = "nfs://127.0.0.1/share?version=3&nfsport=" + nfs.port() + "&mountport=" + mount.port();
                Files.writeString(tmp.resolve("n.txt"), "written by libnfs");
                run(List.of("nfs-cp", tmp.resolve("n.txt").toString(), url.replace("/share?", "/share/n.txt?")));
                run(List.of("nfs-ls", url));
                run(List.of(
                        "nfs-cp",
                        url.replace("/share?", "/share/n.txt?"),
                        tmp.resolve("back.txt").toString()));
            }
            byte[] root;
            try (RpcClient m =
                    new RpcClient(new InetSocketAddress("127.0.0.1", mount.port()), Duration.ofSeconds(10))) {
                m.call(MountProgram.PROGRAM, 3, 0, ROOT, w -> {});
                RpcReplyView r = m.call(MountProgram.PROGRAM, 3, 1, ROOT, w -> w.writeString("/share"));
                r.results().readInt();
                root = r.results().readOpaque(64);
                m.call(MountProgram.PROGRAM, 3, 5, ROOT, w -> {}); // EXPORT
                m.call(MountProgram.PROGRAM, 3, 2, ROOT, w -> {}); // DUMP
            }
            byte[] fh;
            try (RpcClient n = new RpcClient(new InetSocketAddress("127.0.0.1", nfs.port()), Duration.ofSeconds(10))) {
                int v = Nfs3Program.VERSION;
                int p = Nfs3Program.PROGRAM;
                n.call(p, v, 0, ROOT, w -> {});
                n.call(p, v, 1, ROOT, w -> w.writeOpaque(root)); // GETATTR
                n.call(p, v, 19, ROOT, w -> w.writeOpaque(root)); // FSINFO
                n.call(p, v, 18, ROOT, w -> w.writeOpaque(root)); // FSSTAT
                n.call(p, v, 20, ROOT, w -> w.writeOpaque(root)); // PATHCONF
                RpcReplyView created = n.call(
                        p,
                        v,
                        8,
                        ROOT,
                        w -> { // CREATE unchecked
                            w.writeOpaque(root).writeString("rpc.txt").writeInt(0);
                            w.writeInt(1).writeInt(0644); // mode
                            w.writeInt(0).writeInt(0).writeInt(0).writeInt(0).writeInt(0);
                        });
                created.results().readInt();
                created.results().readInt(); // handle follows
                fh = created.results().readOpaque(64);
                n.call(p, v, 3, ROOT, w -> w.writeOpaque(root).writeString("rpc.txt")); // LOOKUP
                n.call(p, v, 4, ROOT, w -> w.writeOpaque(fh).writeInt(0x3F)); // ACCESS
                n.call(p, v, 7, ROOT, w -> w.writeOpaque(fh) // WRITE
                        .writeLong(0)
                        .writeInt(5)
                        .writeInt(2)
                        .writeOpaque("12345".getBytes()));
                n.call(p, v, 6, ROOT, w -> w.writeOpaque(fh).writeLong(0).writeInt(100)); // READ
                n.call(p, v, 21, ROOT, w -> w.writeOpaque(fh).writeLong(0).writeInt(0)); // COMMIT
                n.call(p, v, 2, ROOT, w -> w.writeOpaque(fh) // SETATTR size 2
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(1)
                        .writeLong(2)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0));
                n.call(p, v, 9, ROOT, w -> w.writeOpaque(root)
                        .writeString("sub") // MKDIR
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0));
                n.call(p, v, 10, ROOT, w -> w.writeOpaque(root)
                        .writeString("ln") // SYMLINK
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeInt(0)
                        .writeString("rpc.txt"));
                n.call(p, v, 15, ROOT, w -> w.writeOpaque(fh).writeOpaque(root).writeString("hard")); // LINK
                n.call(p, v, 16, ROOT, w -> w.writeOpaque(root)
                        .writeLong(0)
                        .writeFixedOpaque(new byte[8])
                        .writeInt(4096)); // READDIR
                n.call(p, v, 17, ROOT, w -> w.writeOpaque(root)
                        .writeLong(0)
                        .writeFixedOpaque(new byte[8])
                        .writeInt(1024)
                        .writeInt(8192)); // READDIRPLUS
                n.call(p, v, 14, ROOT, w -> w.writeOpaque(root)
                        .writeString("hard") // RENAME
                        .writeOpaque(root)
                        .writeString("hard2"));
                n.call(p, v, 12, ROOT, w -> w.writeOpaque(root).writeString("hard2")); // REMOVE
                n.call(p, v, 13, ROOT, w -> w.writeOpaque(root).writeString("sub")); // RMDIR
            }
            try (RpcClient l = new RpcClient(new InetSocketAddress("127.0.0.1", nlm.port()), Duration.ofSeconds(10))) {
                Nlm4Lock lock = new Nlm4Lock("capture", fh, "owner".getBytes(), 42, 0, 10);
                int p = Nlm4Program.PROGRAM;
                l.call(p, 4, 0, ROOT, w -> {});
                l.call(p, 4, 1, ROOT, new Nlm4TestArgs("c1".getBytes(), true, lock)::encode);
                l.call(p, 4, 2, ROOT, new Nlm4LockArgs("c2".getBytes(), false, true, lock, false, 1)::encode);
                l.call(p, 4, 4, ROOT, new Nlm4UnlockArgs("c3".getBytes(), lock)::encode);
                l.call(p, 4, 23, ROOT, w -> w.writeString("capture").writeInt(1)); // FREE_ALL
                l.call(NsmProgram.PROGRAM, 1, 0, ROOT, w -> {});
                l.call(NsmProgram.PROGRAM, 1, 1, ROOT, w -> w.writeString("capture")); // SM_STAT
            }
            try (RpcClient r = new RpcClient(new InetSocketAddress("127.0.0.1", pm.port()), Duration.ofSeconds(10))) {
                r.call(100000, 2, 0, ROOT, w -> {});
                r.call(100000, 2, 3, ROOT, w -> w.writeInt(Nfs3Program.PROGRAM) // GETPORT
                        .writeInt(3)
                        .writeInt(6)
                        .writeInt(0));
                r.call(100000, 2, 4, ROOT, w -> {}); // DUMP
                r.call(100000, 3, 3, ROOT, w -> w.writeInt(Nfs3Program.PROGRAM) // rpcbind GETADDR
                        .writeInt(3)
                        .writeString("tcp")
                        .writeString("")
                        .writeString(""));
            }
            close(smb, nfs, mount, nlm, pm);
            Corpus corpus = new Corpus();
            for (byte[] f : smb.recorder.frames) {
                corpus.smb(f);
            }
            for (byte[] f : nfs.recorder.frames) {
                corpus.add("Nfs3CallFuzzTest", "nfs3Call", f);
                corpus.add("RpcRecordFuzzTest", "recordMarkingAndCallHeader", recordMarked(f));
            }
            for (byte[] f : mount.recorder.frames) {
                corpus.add("RpcProgramsFuzzTest", "rpcPrograms", prefixed(0, f));
            }
            for (byte[] f : nlm.recorder.frames) {
                corpus.add("RpcProgramsFuzzTest", "rpcPrograms", prefixed(1, f));
            }
            for (byte[] f : pm.recorder.frames) {
                corpus.add("RpcProgramsFuzzTest", "rpcPrograms", prefixed(2, f));
            }
            assertThat(smb.recorder.frames).as("SMB frames captured").hasSizeGreaterThan(5);
            assertThat(nfs.recorder.frames).as("NFS calls captured").hasSizeGreaterThan(15);
            assertThat(nlm.recorder.frames).hasSizeGreaterThanOrEqualTo(7);
            assertThat(corpus.written)
                    .containsKeys(
                            "Smb2DispatcherFuzzTest", "Smb2DecodersFuzzTest", "NtlmSpnegoFuzzTest", "Nfs3CallFuzzTest");
        }
    }

    private static void close(Proxy... ps) throws IOException {
        for (Proxy p : ps) {
            p.close();
        }
    }

    private static byte[] prefixed(int b, byte[] f) {
        byte[] out = new byte[f.length + 1];
        out[0] = (byte) b;
        System.arraycopy(f, 0, out, 1, f.length);
        return out;
    }

    /** One record as the wire carries it, plus the 4 bytes FuzzedDataProvider takes the chunk size from. */
    private static byte[] recordMarked(byte[] f) {
        byte[] out = new byte[4 + f.length + 4];
        int h = 0x80000000 | f.length;
        out[0] = (byte) (h >>> 24);
        out[1] = (byte) (h >>> 16);
        out[2] = (byte) (h >>> 8);
        out[3] = (byte) h;
        System.arraycopy(f, 0, out, 4, f.length);
        out[out.length - 1] = (byte) 200; // chunk size: the tail int, as FuzzedDataProvider reads it
        return out;
    }

    /** Writes seeds for their targets; small frames only (corpora stay small in the repository). */
    private static final class Corpus {
        static final int MAX_SEED = 16 * 1024;
        final java.util.Map<String, Integer> written = new java.util.HashMap<>();
        private final Set<String> seen = new java.util.HashSet<>();
        private final boolean commit = Boolean.getBoolean("interlock.fuzz.capture.commit");

        void smb(byte[] frame) throws Exception {
            if (frame.length < 64 || (frame[0] & 0xFF) != 0xFE) {
                return; // SMB1 negotiate, transform: no seeds
            }
            int command = (frame[12] & 0xFF) | (frame[13] & 0xFF) << 8;
            boolean preLogin = command == 0 || command == 1;
            add("Smb2DispatcherFuzzTest", "smb2Frame", prefixed(preLogin ? 0 : 1, frame));
            int decoder =
                    switch (command) {
                        case 0 -> 3;
                        case 1 -> 4;
                        case 3 -> 5;
                        case 5 -> 6;
                        case 6 -> 7;
                        case 7 -> 8;
                        case 8 -> 9;
                        case 9 -> 10;
                        case 0x10 -> 11;
                        case 0x11 -> 12;
                        case 0x0E -> 13;
                        case 0x0B -> 14;
                        case 0x0F -> 15;
                        default -> 0;
                    };
            int next = (frame[20] & 0xFF) | (frame[21] & 0xFF) << 8 | (frame[22] & 0xFF) << 16;
            byte[] first = next > 0 && next < frame.length ? java.util.Arrays.copyOf(frame, next) : frame;
            add("Smb2DecodersFuzzTest", "smb2Decoders", prefixed(decoder, first));
            if (command == 1 && frame.length > 88) {
                int off = (frame[64 + 12] & 0xFF) | (frame[64 + 13] & 0xFF) << 8;
                int len = (frame[64 + 14] & 0xFF) | (frame[64 + 15] & 0xFF) << 8;
                if (off + len <= frame.length && len > 0) {
                    add("NtlmSpnegoFuzzTest", "ntlmSpnego", java.util.Arrays.copyOfRange(frame, off, off + len));
                }
            }
            if ((command == 9 || command == 0x0B) && frame.length > 120) {
                // WRITE / IOCTL to the srvsvc pipe: the DCE/RPC PDU starts with version 5.0
                for (int at = 64; at + 16 < frame.length; at++) {
                    if (frame[at] == 5 && frame[at + 1] == 0 && (frame[at + 2] == 11 || frame[at + 2] == 0)) {
                        add(
                                "SrvsvcPipeFuzzTest",
                                "srvsvc",
                                prefixed(255, java.util.Arrays.copyOfRange(frame, at, frame.length)));
                        break;
                    }
                }
            }
        }

        void add(String target, String method, byte[] seed) throws Exception {
            if (seed.length > MAX_SEED) {
                return;
            }
            String name =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(seed));
            if (!seen.add(target + "/" + name)) {
                return;
            }
            List<Path> dirs = new ArrayList<>();
            dirs.add(Path.of("target/captured-corpus", target + "Inputs", method));
            if (commit) {
                dirs.add(Path.of("src/test/resources/io/interlock/server/fuzz", target + "Inputs", method));
            }
            for (Path d : dirs) {
                Files.createDirectories(d);
                Files.write(d.resolve("seed-" + name.substring(0, 16)), seed);
            }
            written.merge(target, 1, Integer::sum);
        }
    }
}
