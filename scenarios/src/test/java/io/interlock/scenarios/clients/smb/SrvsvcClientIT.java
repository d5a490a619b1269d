package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.peers.SambaPeer;
import io.interlock.scenarios.proxy.Connection;
import io.interlock.scenarios.proxy.Direction;
import io.interlock.scenarios.proxy.Frame;
import io.interlock.scenarios.proxy.FrameListener;
import io.interlock.scenarios.proxy.PipeStats;
import io.interlock.scenarios.proxy.Smb2Command;
import io.interlock.scenarios.proxy.Smb2Summary;
import io.interlock.scenarios.proxy.WireProtocol;
import io.interlock.scenarios.proxy.WireProxy;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * srvsvc NetShareEnumAll against the embedded server (shares added and removed at run time,
 * R-CACHE-1/2/6; a list long enough to need several response fragments) and against Samba when it
 * is installed. Also checks the bytes it reports to ClientActivity against what the wire proxy
 * counted on its connection.
 */
class SrvsvcClientIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private EmbeddedTarget target;
    private InterlockServer server;
    private SmbEndpoint smb;

    @BeforeEach
    void start() throws Exception {
        target = EmbeddedTarget.start(ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0));
        server = target.server();
        smb = target.smb().orElseThrow();
    }

    @AfterEach
    void stop() {
        target.close();
    }

    private List<String> list() throws Exception {
        return SrvsvcClient.listDiskShares(
                smb.host(), smb.port(), smb.user(), smb.password(), TIMEOUT, ClientActivity.NONE);
    }

    private void add(String name) {
        server.shares().add(new Share(name, server.newMemoryStore(), BreakPolicy.WAIT, true));
    }

    @Test
    void netShareEnumAll_embedded_listsDiskSharesAndFollowsChanges() throws Exception {
        try (SrvsvcClient c = SrvsvcClient.connect(
                smb.host(), smb.port(), smb.user(), smb.password(), TIMEOUT, ClientActivity.NONE)) {
            List<SrvsvcClient.ShareEntry> all = c.netShareEnumAll();
            assertThat(all).extracting(SrvsvcClient.ShareEntry::name).contains(smb.share());
            assertThat(all).allMatch(SrvsvcClient.ShareEntry::disk);
            assertThat(all).extracting(SrvsvcClient.ShareEntry::name).doesNotContain("IPC$"); // R-CACHE-2
            assertThat(all).allMatch(e -> !e.remark().isEmpty());

            add("added1");
            add("données"); // R-CACHE-6: UTF-16 with a non-ASCII name
            assertThat(c.diskShares()).contains(smb.share(), "added1", "données"); // R-CACHE-1
            server.shares().remove("added1");
            assertThat(c.diskShares()).contains("données").doesNotContain("added1"); // R-CACHE-2
        }
    }

    @Test
    void netShareEnumAll_longList_readsEveryResponseFragment_andReportsItsBytes() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String n = String.format("share-with-a-longish-name-%03d", i);
            names.add(n);
            add(n);
        }
        AtomicInteger pipeReads = new AtomicInteger();
        RecordingActivity activity = new RecordingActivity();
        try (WireProxy proxy = new WireProxy()) {
            proxy.addListener(new FrameListener() {
                @Override
                public void delivered(Frame f) {
                    if (f.direction() == Direction.TO_SERVER
                            && f.summary() instanceof Smb2Summary s
                            && s.first().command() == Smb2Command.SMB2_READ) {
                        pipeReads.incrementAndGet();
                    }
                }
            });
            InetSocketAddress front =
                    proxy.route("smb", WireProtocol.SMB2, new InetSocketAddress(smb.host(), smb.port()));
            List<String> listed;
            Connection conn;
            try (SrvsvcClient c = SrvsvcClient.connect(
                    front.getHostString(), front.getPort(), smb.user(), smb.password(), TIMEOUT, activity)) {
                conn = proxy.awaitConnection(c.localAddress(), TIMEOUT).orElseThrow();
                listed = c.diskShares();
                assertThat(listed).containsAll(names).contains(smb.share());
                assertThat(pipeReads.get())
                        .as("a list of ~20 KB comes in several %d-byte fragments", SrvsvcClient.MAX_FRAG)
                        .isGreaterThanOrEqualTo(4);

                // what the client reported equals what the proxy counted on its connection; the
                // last consumed report follows the completion of the last response, hence the wait
                await().atMost(TIMEOUT).untilAsserted(() -> {
                    PipeStats up = conn.stats(Direction.TO_SERVER);
                    PipeStats down = conn.stats(Direction.TO_CLIENT);
                    assertThat(activity.wrote.get()).isEqualTo(up.receivedBytes() + up.partialBytes());
                    assertThat(activity.consumed.get()).isEqualTo(down.deliveredBytes());
                });
                assertThat(activity.addresses).containsOnly(c.localAddress());
                assertThat(activity.blocked)
                        .as("CREATE, 2 transceives, reads, CLOSE")
                        .hasSizeGreaterThan(6);
                assertThat(activity.unblocked.get()).isEqualTo(activity.blocked.size());
                assertThat(activity.blocked).allMatch(Future::isDone);
            }
        }
    }

    @Test
    void netShareEnumAll_samba_listsItsShare() throws Exception {
        SambaPeer samba = SambaPeer.startOrSkip();
        try {
            assumeTrue(SambaPeer.onPath("smbclient"), "smbclient (the reference srvsvc client) is not installed");
            String reference = smbclientList(samba.port());
            assumeTrue(
                    reference.contains("Disk|" + SambaPeer.SHARE + "|"),
                    "Samba's own srvsvc does not answer smbclient -L either (typically a samba-dcerpcd left"
                            + " running by an earlier smbd owns /run/samba/ncalrpc): " + reference.strip());
            List<SrvsvcClient.ShareEntry> all;
            try (SrvsvcClient c = SrvsvcClient.connect(
                    "127.0.0.1", samba.port(), SambaPeer.USER, SambaPeer.PASSWORD, TIMEOUT, ClientActivity.NONE)) {
                all = c.netShareEnumAll();
            }
            assertThat(all)
                    .filteredOn(SrvsvcClient.ShareEntry::disk)
                    .extracting(SrvsvcClient.ShareEntry::name)
                    .containsExactly(SambaPeer.SHARE);
            assertThat(all)
                    .filteredOn(e -> e.name().equals("IPC$"))
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.disk()).isFalse();
                        assertThat(e.type()).isEqualTo(SrvsvcClient.ShareEntry.STYPE_SPECIAL | 3);
                    });
        } finally {
            samba.close();
            stopRpcHelpers(samba.shareDir().getParent());
        }
    }

    /** {@code smbclient -L} of the peer, its output (with a 10 s timeout of its own). */
    private static String smbclientList(int port) throws Exception {
        Path dir = Files.createTempDirectory("srvsvc-probe");
        try {
            Path conf = dir.resolve("smb.conf");
            Files.writeString(conf, "[global]\n");
            Process p = new ProcessBuilder(
                            "smbclient",
                            "-L",
                            "//127.0.0.1",
                            "-p",
                            Integer.toString(port),
                            "-U",
                            SambaPeer.USER + "%" + SambaPeer.PASSWORD,
                            "-g",
                            "-t",
                            "10",
                            "-s",
                            conf.toString())
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(dir.resolve("smb.conf"));
            Files.deleteIfExists(dir);
        }
    }

    /**
     * smbd starts samba-dcerpcd on demand for the first pipe, and stopping smbd leaves it running
     * with its sockets in /run/samba/ncalrpc, where every later smbd on the machine finds it: stop
     * the one our peer started (it names our peer's config), by its pid.
     */
    private static void stopRpcHelpers(Path peerDir) {
        String config = "--configfile=" + peerDir.resolve("smb.conf");
        ProcessHandle.allProcesses()
                .filter(h -> h.info().command().orElse("").endsWith("samba-dcerpcd"))
                .filter(h -> List.of(h.info().arguments().orElse(new String[0])).contains(config))
                .forEach(ProcessHandle::destroy);
    }

    /** Sums what a client reports. */
    static final class RecordingActivity implements ClientActivity {
        final AtomicLong wrote = new AtomicLong();
        final AtomicLong consumed = new AtomicLong();
        final List<InetSocketAddress> addresses = new CopyOnWriteArrayList<>();
        final List<Future<?>> blocked = new CopyOnWriteArrayList<>();
        final AtomicInteger unblocked = new AtomicInteger();

        @Override
        public void wrote(InetSocketAddress local, int n) {
            wrote.addAndGet(n);
            addresses.add(local);
        }

        @Override
        public void consumed(InetSocketAddress local, int n) {
            consumed.addAndGet(n);
            addresses.add(local);
        }

        @Override
        public void blocking(Future<?> awaited) {
            blocked.add(awaited);
        }

        @Override
        public void unblocked() {
            unblocked.incrementAndGet();
        }
    }
}
