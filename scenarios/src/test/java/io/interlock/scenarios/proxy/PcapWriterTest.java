package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.Captures.bytes;
import static io.interlock.scenarios.proxy.PcapPackets.ACK;
import static io.interlock.scenarios.proxy.PcapPackets.FIN;
import static io.interlock.scenarios.proxy.PcapPackets.PSH;
import static io.interlock.scenarios.proxy.PcapPackets.SYN;
import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.proxy.PcapPackets.Packet;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The pcap writer's packets: handshake, sequence numbers, checksums, segmentation, ports, FIN. */
class PcapWriterTest {
    private final AtomicLong nanos = new AtomicLong(5_000);
    private final ByteArrayOutputStream file = new ByteArrayOutputStream();

    private PcapWriter writer() throws Exception {
        return new PcapWriter(file, nanos::get, 1_700_000_000_000_000L);
    }

    private static FrameSummary smb(byte[] frame) {
        return FrameSummary.decode(WireProtocol.SMB2, frame);
    }

    @Test
    void checksum_rfc1071Example() {
        // RFC 1071 §3: the words 0001 f203 f4f5 f6f7 sum to ddf2 (one's complement: 220d)
        byte[] b = {0x00, 0x01, (byte) 0xF2, 0x03, (byte) 0xF4, (byte) 0xF5, (byte) 0xF6, (byte) 0xF7};
        assertThat(PcapWriter.checksum(0, b, 0, b.length)).isEqualTo(0x220D);
    }

    @Test
    void smbConnection_handshakeDataAndFin_consistentSequenceNumbers() throws Exception {
        byte[] req = bytes(Captures.WRITE_REQ);
        byte[] resp = bytes(Captures.WRITE_RESP);
        byte[] big = Smb2SummaryTest.frame(new byte[150_000]); // three segments
        try (PcapWriter w = writer()) {
            w.delivered(3, WireProtocol.SMB2, 40_000, Direction.TO_SERVER, req, smb(req));
            nanos.addAndGet(2_000_000);
            w.delivered(3, WireProtocol.SMB2, 40_000, Direction.TO_CLIENT, resp, smb(resp));
            w.delivered(3, WireProtocol.SMB2, 40_000, Direction.TO_SERVER, big, smb(big));
            w.closed(3);
            assertThat(w.decodeAs()).isEmpty();
        }
        List<Packet> p = PcapPackets.read(file.toByteArray());
        assertThat(p)
                .extracting(Packet::flags)
                .containsExactly(
                        SYN, SYN | ACK, ACK, PSH | ACK, PSH | ACK, PSH | ACK, PSH | ACK, PSH | ACK, FIN | ACK,
                        FIN | ACK, ACK);
        assertThat(p).allMatch(Packet::ipChecksumOk).allMatch(Packet::tcpChecksumOk);
        Packet syn = p.get(0);
        assertThat(syn.dstPort()).isEqualTo(445);
        assertThat(syn.dstIp()).isEqualTo(PcapWriter.SERVER_IP);
        assertThat(p.get(1).ack()).isEqualTo(syn.seq() + 1);
        // every client packet continues the client's sequence; acks name the server's next byte
        int clientNext = syn.seq() + 1;
        int serverNext = p.get(1).seq() + 1;
        for (Packet x : p.subList(2, p.size())) {
            boolean fromClient = x.srcIp() == syn.srcIp();
            assertThat(x.seq()).isEqualTo(fromClient ? clientNext : serverNext);
            assertThat(x.ack()).isEqualTo(fromClient ? serverNext : clientNext);
            int advance = x.payload().length + (x.has(FIN) ? 1 : 0);
            if (fromClient) {
                clientNext += advance;
            } else {
                serverNext += advance;
            }
        }
        assertThat(p.get(3).payload()).isEqualTo(req);
        assertThat(p.get(4).payload()).isEqualTo(resp);
        byte[] joined = concat(p.get(5).payload(), p.get(6).payload(), p.get(7).payload());
        assertThat(joined).isEqualTo(big);
        assertThat(p.get(5).payload()).hasSize(PcapWriter.MAX_SEGMENT);
        assertThat(p.get(4).micros() - p.get(3).micros()).isEqualTo(2_000);
        assertThat(p.get(0).micros()).isEqualTo(1_700_000_000_000_000L);
    }

    @Test
    void rpcConnections_nfsGets2049_othersTheirRealPortAndADecodeAsHint() throws Exception {
        byte[] nlm = bytes(Captures.NLM_LOCK_CALL);
        byte[] nfsCall = nlm.clone();
        java.nio.ByteBuffer.wrap(nfsCall).putInt(4 + 12, 100003);
        try (PcapWriter w = writer()) {
            w.delivered(1, WireProtocol.ONC_RPC, 41_234, Direction.TO_SERVER, nlm, rpc(nlm));
            w.delivered(2, WireProtocol.ONC_RPC, 40_999, Direction.TO_SERVER, nfsCall, rpc(nfsCall));
            assertThat(w.decodeAs()).containsExactly("-d", "tcp.port==41234,rpc");
        }
        List<Packet> p = PcapPackets.read(file.toByteArray());
        assertThat(p.get(0).dstPort()).isEqualTo(41_234);
        assertThat(p.get(4).dstPort()).isEqualTo(2049);
        assertThat(p.get(0).srcIp()).isNotEqualTo(p.get(4).srcIp());
    }

    @Test
    void connectionWithoutFrames_leavesNoTrace() throws Exception {
        try (PcapWriter w = writer()) {
            w.closed(9);
        }
        assertThat(PcapPackets.read(file.toByteArray())).isEmpty();
    }

    private static FrameSummary rpc(byte[] frame) {
        return FrameSummary.decode(WireProtocol.ONC_RPC, frame);
    }

    private static byte[] concat(byte[]... parts) {
        byte[] out = new byte[0];
        for (byte[] p : parts) {
            int at = out.length;
            out = Arrays.copyOf(out, at + p.length);
            System.arraycopy(p, 0, out, at, p.length);
        }
        return out;
    }
}
