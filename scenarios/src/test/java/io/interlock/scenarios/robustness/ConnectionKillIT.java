package io.interlock.scenarios.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.bench.RpcNfsClient;
import io.interlock.scenarios.clients.nlm.NlmCallback;
import io.interlock.scenarios.clients.nlm.NlmCallbackListener;
import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kills a client's TCP connection (both directions, abruptly: no LOGOFF, no CLOSE) at the worst
 * moments, through a loopback proxy the test controls: while its lease is being broken for an NFS
 * WRITE, while it holds the byte-range lock an NLM client is blocked on, and while its compound
 * CREATE is held on another client's lease break. Each time the dead client's state is cleaned up,
 * whoever waited on it proceeds long before any timeout (the break timeout is 35 s), and the
 * server keeps serving new clients. Netty's paranoid leak detection runs throughout (failsafe).
 */
class ConnectionKillIT {
    private InterlockServer server;
    private NlmCallbackListener listener;
    private final List<AutoCloseable> closeLater = new CopyOnWriteArrayList<>();

    /** A loopback proxy whose connections the test can cut at once. */
    private static final class KillableProxy implements AutoCloseable {
        private final ServerSocket listen;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        KillableProxy(InetSocketAddress target) throws IOException {
            listen = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!listen.isClosed()) {
                    try {
                        Socket c = listen.accept();
                        Socket s = new Socket(target.getAddress(), target.getPort());
                        sockets.add(c);
                        sockets.add(s);
                        pump(c, s);
                        pump(s, c);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
        }

        private static void pump(Socket from, Socket to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try (InputStream in = from.getInputStream();
                        OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException e) {
                    // killed
                }
            });
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listen.getLocalPort();
        }

        /** Cuts every connection with a reset: the server sees the client vanish. */
        void kill() throws IOException {
            for (Socket s : sockets) {
                try {
                    s.setSoLinger(true, 0); // RST, not FIN
                } catch (IOException alreadyClosed) {
                    // its partner's close got here first
                }
                s.close();
            }
        }

        @Override
        public void close() throws IOException {
            listen.close();
            kill();
        }
    }

    @BeforeEach
    void start() throws Exception {
        ServerConfig cfg = ServerConfig.ephemeral()
                .withPortmap(PortmapMode.BIND, 0)
                .withBreaks(Duration.ofSeconds(35), BreakPolicy.WAIT);
        server = InterlockServer.start(
                cfg,
                new SystemServerClock(),
                NlmConfig.defaults()
                        .withGrace(Duration.ZERO)
                        .withCallbackProgram(NlmCallbackListener.CALLBACK_PROGRAM));
        listener = NlmCallbackListener.start(NlmCallbackListener.CALLBACK_PROGRAM);
        listener.registerWith(server.endpoints().portmap());
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeLater) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
        listener.close();
        server.close();
    }

    private SmbLeaseClient smb(int port) throws IOException {
        SmbLeaseClient c = SmbLeaseClient.connect(
                "127.0.0.1", port, "share", "interlock", "interlock", UUID.randomUUID(), Duration.ofSeconds(10));
        closeLater.add(c);
        return c;
    }

    private KillableProxy proxyToSmb() throws IOException {
        KillableProxy p = new KillableProxy(server.endpoints().smb());
        closeLater.add(p);
        return p;
    }

    private RpcNfsClient nfs() throws IOException {
        RpcNfsClient c =
                new RpcNfsClient(server.endpoints().nfs(), server.endpoints().mount(), "/share");
        closeLater.add(c);
        return c;
    }

    private FileId fileId(String name) throws Exception {
        VirtualFileSystem fs = server.shares().get("share").orElseThrow().fs();
        return fs.lookup(fs.root(), name);
    }

    /** A fresh client reads {@code name} through SMB: the server still serves. */
    private String readOverSmb(String name) throws IOException {
        SmbLeaseClient c = smb(server.endpoints().smb().getPort());
        SmbOpen o = c.open(name);
        String s = new String(c.read(o, 0), StandardCharsets.UTF_8);
        c.close(o);
        return s;
    }

    @Test
    void killDuringLeaseBreak_leaseReleased_nfsWriteProceeds_serverServes() throws Exception {
        KillableProxy proxy = proxyToSmb();
        SmbLeaseClient holder = smb(proxy.port());
        UUID key = UUID.randomUUID();
        SmbOpen open = holder.open("f", key, LeaseBits.parse("RWH"), LeaseVersion.V2);
        holder.write(open, 0, "smb".getBytes(StandardCharsets.UTF_8));
        RpcNfsClient nfs = nfs();
        byte[] fh = nfs.open("f");
        long t0 = System.nanoTime();
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try {
                nfs.write(fh, 0, "nfs".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        LeaseBreakEvent brk = holder.awaitBreak(Duration.ofSeconds(10));
        assertThat(brk.ackRequired()).isTrue();
        assertThat(write).as("the WRITE waits for the ack (policy wait)").isNotDone();
        proxy.kill(); // the holder vanishes mid-break, never acking
        write.get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - t0))
                .as("released by the disconnect, not by the 35 s break timer")
                .isLessThan(Duration.ofSeconds(15));
        FileId f = fileId("f");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.locks().leasesOn(f).isEmpty()
                        && server.locks().opensOn(f).isEmpty());
        assertThat(readOverSmb("f")).isEqualTo("nfs");
    }

    @Test
    void killHolderOfLockAnNlmClientIsBlockedOn_waiterGranted_serverServes() throws Exception {
        KillableProxy proxy = proxyToSmb();
        SmbLeaseClient holder = smb(proxy.port());
        SmbOpen open = holder.open("locked");
        holder.write(open, 0, "0123456789".getBytes(StandardCharsets.UTF_8));
        holder.lock(open, 0, 10, true, true);
        byte[] fh = nfs().open("locked");
        NlmClient waiter = NlmClient.connect(server.endpoints().nlm(), "waiter", listener, Duration.ofSeconds(10));
        closeLater.add(waiter);
        NlmLockSpec lock = NlmLockSpec.of(fh, 4242, "waiter", 0, 10);
        CompletableFuture<NlmCallback> granted = waiter.granted(lock, true);
        assertThat(waiter.lock(lock, true, true)).isEqualTo(NlmStat.BLOCKED);
        proxy.kill(); // the SMB holder vanishes holding the lock
        NlmCallback cb = granted.get(10, TimeUnit.SECONDS);
        assertThat(cb).isNotNull();
        assertThat(waiter.test(lock, true).stat()).as("the waiter holds it now").isEqualTo(NlmStat.GRANTED);
        assertThat(waiter.unlock(lock)).isEqualTo(NlmStat.GRANTED);
        FileId f = fileId("locked");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.locks().locksOn(f).isEmpty()
                        && server.locks().opensOn(f).isEmpty());
        assertThat(readOverSmb("locked")).isEqualTo("0123456789");
    }

    @Test
    void killClientWhoseCreateIsHeldOnABreak_pendingDropped_breakCompletes_serverServes() throws Exception {
        SmbLeaseClient holder = smb(server.endpoints().smb().getPort());
        UUID key = UUID.randomUUID();
        SmbOpen held = holder.open("busy", key, LeaseBits.parse("RWH"), LeaseVersion.V2);
        holder.write(held, 0, "busy".getBytes(StandardCharsets.UTF_8));
        KillableProxy proxy = proxyToSmb();
        SmbLeaseClient victim = smb(proxy.port());
        // the victim's CREATE (a compound CREATE+... in smbj's eyes, a CREATE that must break H)
        CompletableFuture<SmbOpen> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return victim.open("busy", UUID.randomUUID(), LeaseBits.parse("RWH"), LeaseVersion.V2);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        LeaseBreakEvent brk = holder.awaitBreak(Duration.ofSeconds(10));
        assertThat(brk.ackRequired()).isTrue();
        proxy.kill(); // the client whose CREATE is held goes away
        // the holder acks; nothing of the victim's half-done CREATE may remain
        holder.ack(key, brk.newState());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(opening::isDone);
        assertThat(opening).isCompletedExceptionally();
        holder.close(held);
        FileId f = fileId("busy");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> server.locks().opensOn(f).isEmpty()
                        && server.locks().leasesOn(f).isEmpty());
        SmbLeaseClient again = smb(server.endpoints().smb().getPort());
        SmbOpen o = again.open("busy", UUID.randomUUID(), LeaseBits.parse("RWH"), LeaseVersion.V2);
        assertThat(server.locks().leasesOn(f))
                .as("a full lease: no open of the dead client is left to conflict")
                .singleElement()
                .satisfies(l -> assertThat(l.state()).isEqualTo(LeaseBits.parse("RWH")));
        again.close(o);
    }
}
