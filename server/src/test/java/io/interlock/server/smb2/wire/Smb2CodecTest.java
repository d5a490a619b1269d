package io.interlock.server.smb2.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Encode/decode round trips and malformed-input handling of the SMB2 codecs. */
class Smb2CodecTest {
    @Test
    void header_roundTrip_preservesFields() throws Exception {
        Smb2Header h = new Smb2Header(
                3, 0, 5, 31, Smb2Header.FLAG_RELATED, 0, 77L, (9L << 32) | 0xfeff, 0x1234567890L, new byte[16]);
        Smb2Writer w = new Smb2Writer();
        h.encode(w);
        byte[] b = w.toByteArray();
        assertThat(b).hasSize(64);
        Smb2Header d = Smb2Header.decode(Smb2Reader.of(b));
        assertThat(d.creditCharge()).isEqualTo(3);
        assertThat(d.command()).isEqualTo(5);
        assertThat(d.credits()).isEqualTo(31);
        assertThat(d.messageId()).isEqualTo(77L);
        assertThat(d.treeId()).isEqualTo(9);
        assertThat(d.sessionId()).isEqualTo(0x1234567890L);
        assertThat(d.has(Smb2Header.FLAG_RELATED)).isTrue();
    }

    @Test
    void header_badProtocolId_isInvalidParameter() {
        byte[] b = new byte[64];
        assertThatThrownBy(() -> Smb2Header.decode(Smb2Reader.of(b)))
                .isInstanceOf(Smb2ProtocolException.class)
                .extracting(e -> ((Smb2ProtocolException) e).status())
                .isEqualTo(NtStatus.STATUS_INVALID_PARAMETER);
    }

    @Test
    void reader_bufferPastEnd_isInvalidParameter() {
        Smb2Reader r = Smb2Reader.of(new byte[10]);
        assertThatThrownBy(() -> r.bufferAt(8, 4)).isInstanceOf(Smb2ProtocolException.class);
        assertThatThrownBy(() -> r.skip(8).u32()).isInstanceOf(Smb2ProtocolException.class);
    }

    @Test
    void leaseContext_v1AndV2_roundTrip() throws Exception {
        UUID key = UUID.randomUUID();
        UUID parent = UUID.randomUUID();
        LeaseContext v2 = new LeaseContext(key, 7, LeaseContext.FLAG_PARENT_LEASE_KEY_SET, parent, 3, 2);
        byte[] b = v2.encode();
        assertThat(b).hasSize(52);
        assertThat(LeaseContext.decode(b)).isEqualTo(v2);
        LeaseContext v1 = new LeaseContext(key, 1, 0, null, 0, 1);
        assertThat(v1.encode()).hasSize(32);
        assertThat(LeaseContext.decode(v1.encode())).isEqualTo(v1);
        assertThatThrownBy(() -> LeaseContext.decode(new byte[40])).isInstanceOf(Smb2ProtocolException.class);
    }

    @Test
    void createResponse_withContexts_offsetsAreHeaderRelativeAndAligned() throws Exception {
        Smb2Writer w = new Smb2Writer();
        new Smb2Header(0, 0, 5, 1, 1, 0, 1, 0, 0, null).encode(w);
        new CreateResponse(
                        0xFF,
                        1,
                        new Smb2NetworkOpenInfo(0, 0, 0, 0, 0, 0, 0x80),
                        new Smb2FileId(1, 1),
                        List.of(
                                new CreateRequest.CreateContext("MxAc", new byte[8]),
                                new CreateRequest.CreateContext("RqLs", new byte[32])))
                .encode(w);
        byte[] b = w.toByteArray();
        Smb2Reader r = Smb2Reader.of(b).seek(64 + 80);
        int off = r.u32();
        int len = r.u32();
        assertThat(off).isEqualTo(152);
        assertThat(off + len).isEqualTo(b.length);
        Smb2Reader c = Smb2Reader.of(b).seek(off);
        int next = c.u32();
        assertThat(next % 8).isZero();
        assertThat(new String(Smb2Reader.of(b).bufferAt(off + 16, 4), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("MxAc");
        assertThat(new String(
                        Smb2Reader.of(b).bufferAt(off + next + 16, 4), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("RqLs");
    }

    @Test
    void createRequest_contextNextPastEnd_isInvalidParameter() {
        Smb2Writer w = new Smb2Writer();
        new Smb2Header(0, 0, 5, 1, 0, 0, 1, 0, 0, null).encode(w);
        w.u16(57)
                .u8(0)
                .u8(0xFF)
                .u32(2)
                .u64(0)
                .u64(0)
                .u32(0x80)
                .u32(0)
                .u32(7)
                .u32(1)
                .u32(0);
        w.u16(0).u16(0); // no name
        w.u32(120).u32(24); // contexts at 120, 24 bytes
        w.zeros(120 - w.size());
        w.u32(64)
                .u16(16)
                .u16(4)
                .u16(0)
                .u16(0)
                .u32(0)
                .bytes("RqLs".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u32(0);
        byte[] b = w.toByteArray();
        assertThatThrownBy(() -> CreateRequest.decode(Smb2Reader.of(b).seek(64)))
                .isInstanceOf(Smb2ProtocolException.class);
    }
}
