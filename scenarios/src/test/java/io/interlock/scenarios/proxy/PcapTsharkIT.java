package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.ProxyTesting.BOUND;
import static io.interlock.scenarios.proxy.ProxyTesting.awaitOneDeliverable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.nlm.NlmClient;
import io.interlock.scenarios.clients.nlm.NlmLockSpec;
import io.interlock.scenarios.clients.nlm.NlmStat;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.peers.SambaPeer;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pcap of real SMB2 and NLM traffic through the proxy, judged by Wireshark's dissectors
 * (tshark, as /work/shared/peers/wirecheck.sh does for live captures): no malformed packet, no
 * expert error (checksum validation on), no TCP analysis flag, and the SMB2, lease-break and NLM
 * messages are recognised. A dropped frame is absent. Skips when tshark is not installed.
 */
class PcapTsharkIT {
    @TempDir
    Path dir;

    @Test
    void pcapOfSmbAndNlmTraffic_dissectsCleanly_andOmitsDroppedFrames() throws Exception {
        assumeTrue(SambaPeer.onPath("tshark"), "tshark is not installed");
        Path pcap = dir.resolve("run.pcap");
        byte[] droppedCall;
        List<String> decodeAs;
        try (EmbeddedTarget target =
                        EmbeddedTarget.start(ServerConfig.ephemeral().withPortmap(PortmapMode.BIND, 0));
                PcapWriter writer = PcapWriter.create(pcap)) {
            try (WireProxy proxy = new WireProxy()) {
                proxy.addListener(writer);
                SmbEndpoint e = target.smb().orElseThrow();
                InetSocketAddress smb =
                        proxy.route("smb", WireProtocol.SMB2, new InetSocketAddress(e.host(), e.port()));
                InetSocketAddress nlm = proxy.route(
                        "nlm", WireProtocol.ONC_RPC, target.server().endpoints().nlm());
                smbTraffic(proxy, smb, e);
                droppedCall = nlmTraffic(proxy, nlm, target);
            }
            decodeAs = writer.decodeAs();
        }
        String keep = System.getenv("INTERLOCK_KEEP_PCAP"); // a path: keep the capture to look at
        if (keep != null) {
            Files.copy(pcap, Path.of(keep));
        }
        assertThat(decodeAs).hasSize(2);

        List<PcapPackets.Packet> packets = PcapPackets.read(Files.readAllBytes(pcap));
        assertThat(packets).allMatch(PcapPackets.Packet::tcpChecksumOk);
        assertThat(packets)
                .as("the dropped LOCK call is not in the capture")
                .noneMatch(p -> Arrays.equals(p.payload(), droppedCall));

        assertThat(tshark(pcap, decodeAs, "_ws.malformed || _ws.expert.severity == error || tcp.analysis.flags"))
                .as("malformed packets, expert errors (checksums validated) or TCP analysis flags")
                .isEmpty();
        // one line per packet: SMB2 command and response flag, lease key, NLM procedure, RPC type
        List<String[]> rows = new ArrayList<>();
        for (String line : tshark(
                pcap,
                decodeAs,
                null,
                "-T",
                "fields",
                "-E",
                "occurrence=f",
                "-e",
                "smb2.cmd",
                "-e",
                "smb2.flags.response",
                "-e",
                "smb2.lease.lease_key",
                "-e",
                "nlm.procedure_v4",
                "-e",
                "rpc.msgtyp")) {
            rows.add(line.split("\t", -1));
        }
        assertThat(rows).hasSameSizeAs(packets);
        assertThat(rows).as("WRITE requests").anyMatch(r -> r[0].equals("9") && r[1].equals("0"));
        assertThat(rows)
                .as("lease break, ack, response")
                .filteredOn(r -> r[0].equals("18"))
                .hasSize(3);
        assertThat(rows).as("lease contexts and break bodies").anyMatch(r -> !r[2].isEmpty());
        assertThat(rows)
                .as("NLM LOCK calls and replies")
                .filteredOn(r -> r[3].equals("2"))
                .hasSize(4);
        assertThat(rows)
                .as("NLM replies")
                .filteredOn(r -> r[3].equals("2") && r[4].equals("1"))
                .hasSize(2);
    }

    /** Setup in PASS, then a lease break and its ack through HOLD, a 200 KiB write, close. */
    private static void smbTraffic(WireProxy proxy, InetSocketAddress front, SmbEndpoint e) throws Exception {
        try (SmbLeaseClient a = SmbLeaseClient.connect(
                        front.getHostString(), front.getPort(), e.share(), e.user(), e.password());
                SmbLeaseClient b = SmbLeaseClient.connect(
                        front.getHostString(), front.getPort(), e.share(), e.user(), e.password())) {
            UUID key = UUID.randomUUID();
            SmbOpen open =
                    a.open("pcap.txt", key, LeaseBits.READ | LeaseBits.HANDLE | LeaseBits.WRITE, LeaseVersion.V2);
            byte[] data = new byte[200 * 1024];
            Arrays.fill(data, (byte) 'x');
            a.write(open, 0, data);
            proxy.defaultMode(ProxyMode.HOLD);
            for (Connection c : proxy.connections()) {
                c.mode(ProxyMode.HOLD);
            }
            CompletableFuture<SmbOpen> bOpen = CompletableFuture.supplyAsync(() -> {
                try {
                    return b.open("pcap.txt");
                } catch (IOException x) {
                    throw new IllegalStateException(x);
                }
            });
            proxy.deliver(awaitOneDeliverable(proxy, "B's CREATE"));
            for (Connection c : proxy.connections()) {
                c.mode(ProxyMode.PASS); // the break and what follows pass freely
            }
            proxy.defaultMode(ProxyMode.PASS);
            LeaseBreakEvent br = a.awaitBreak(BOUND);
            a.ack(key, br.newState());
            assertThat(bOpen.get(BOUND.toMillis(), TimeUnit.MILLISECONDS).fileId())
                    .isNotNull();
            assertThat(a.read(open, 0)).hasSize(data.length);
        }
    }

    /** Two granted LOCK calls in PASS; a third held and dropped with its connection. */
    private static byte[] nlmTraffic(WireProxy proxy, InetSocketAddress front, EmbeddedTarget target) throws Exception {
        Share share = target.server().shares().list().get(0);
        FileId id = share.fs().createFile(share.fs().root(), "pcap-lock", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        byte[] fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf(share.name()), id).encode();
        try (NlmClient a = NlmClient.connect(front, "hostA", null, BOUND);
                NlmClient b = NlmClient.connect(front, "hostB", null, BOUND)) {
            assertThat(a.lock(NlmLockSpec.of(fh, 1, "hostA", 0, 10), true, false))
                    .isEqualTo(NlmStat.GRANTED);
            assertThat(b.lock(NlmLockSpec.of(fh, 2, "hostB", 10, 10), true, false))
                    .isEqualTo(NlmStat.GRANTED);
        }
        proxy.defaultMode(ProxyMode.HOLD);
        try (NlmClient c = NlmClient.connect(front, "hostC", null, BOUND)) {
            CompletableFuture<NlmStat> lost = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.lock(NlmLockSpec.of(fh, 3, "hostC", 30, 10), true, false);
                } catch (IOException x) {
                    return null;
                }
            });
            Frame call = awaitOneDeliverable(proxy, "C's LOCK");
            proxy.drop(call.connection());
            assertThat(lost.get(BOUND.toMillis(), TimeUnit.MILLISECONDS)).isNull();
            return call.bytes();
        }
    }

    /** tshark's one-line summaries of the packets matching {@code filter} (all when null). */
    private static List<String> tshark(Path pcap, List<String> decodeAs, String filter, String... options)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "tshark", "-r", pcap.toString(), "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE"));
        cmd.addAll(decodeAs);
        if (filter != null) {
            cmd.add("-Y");
            cmd.add(filter);
        }
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("tshark " + cmd + ": " + err).isZero();
        String text = new String(out, StandardCharsets.UTF_8);
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
    }
}
