package io.interlock.scenarios.clients.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Record marking (RFC 5531 §11), reply checks (§9) and the AUTH_SYS body (Appendix A). */
class OncRpcTest {
    private static final HexFormat HEX = HexFormat.of();

    private static DataInputStream stream(String hex) {
        return new DataInputStream(new ByteArrayInputStream(HEX.parseHex(hex)));
    }

    @Test
    void readRecord_threeFragments_reassembledWithEveryWireByteCounted() throws IOException {
        // 2 bytes, 0 bytes, then the last fragment (bit 31) with 3 bytes
        OncRpc.Record r = OncRpc.readRecord(stream("00000002" + "aabb" + "00000000" + "80000003" + "ccddee"), 64);
        assertThat(HEX.formatHex(r.message())).isEqualTo("aabbccddee");
        assertThat(r.wireBytes()).isEqualTo(12 + 5);
    }

    @Test
    void readRecord_aboveTheBound_refusedBeforeReadingIt() {
        assertThatThrownBy(() -> OncRpc.readRecord(stream("80000100"), 255))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("above 255 bytes");
        assertThatThrownBy(() -> OncRpc.readRecord(stream("8000000a" + "0102"), 64))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void writeRecord_oneLastFragment_headerThenMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(OncRpc.writeRecord(out, new byte[] {1, 2, 3})).isEqualTo(7);
        assertThat(HEX.formatHex(out.toByteArray())).isEqualTo("80000003010203");
    }

    @Test
    void results_wrongXidAndMismatches_namedInTheFailure() {
        byte[] ok = OncRpc.successReply(7).int32(42).bytes();
        assertThat(OncRpc.results(ok, 7).int32()).isEqualTo(42);
        assertThatThrownBy(() -> OncRpc.results(ok, 8)).hasMessage("reply xid 7 for call 8");
        // MSG_DENIED RPC_MISMATCH 2..2
        byte[] denied = new XdrOut()
                .int32(9)
                .int32(1)
                .int32(1)
                .int32(0)
                .int32(2)
                .int32(2)
                .bytes();
        assertThatThrownBy(() -> OncRpc.results(denied, 9)).hasMessage("call denied: RPC_MISMATCH (versions 2..2)");
        // MSG_ACCEPTED PROG_MISMATCH 3..3
        byte[] mismatch = new XdrOut()
                .int32(9)
                .int32(1)
                .int32(0)
                .int32(0)
                .int32(0)
                .int32(2)
                .int32(3)
                .int32(3)
                .bytes();
        assertThatThrownBy(() -> OncRpc.results(mismatch, 9))
                .hasMessage("call not accepted: PROG_MISMATCH (versions 3..3)");
        assertThatThrownBy(() -> OncRpc.results(new byte[] {0, 0}, 9)).isInstanceOf(RpcProtocolException.class);
    }

    @Test
    void authSys_withGroups_encodesAppendixALayoutAndRoundTrips() {
        AuthSys a = new AuthSys(5, "h", 1000, 100, List.of(4, 24));
        assertThat(HEX.formatHex(a.body()))
                .isEqualTo("00000005" + "00000001" + "68000000" + "000003e8" + "00000064" + "00000002" + "00000004"
                        + "00000018");
        assertThat(AuthSys.decode(a.body())).isEqualTo(a);
        assertThatThrownBy(() -> new AuthSys(0, "h", 0, 0, java.util.Collections.nCopies(17, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void xdr_opaquesPadToFourBytes_andBoolMustBeZeroOrOne() {
        XdrOut o = new XdrOut()
                .opaque(new byte[] {9})
                .fixedOpaque(new byte[] {1, 2, 3, 4, 5})
                .string("ab");
        assertThat(HEX.formatHex(o.bytes()))
                .isEqualTo("00000001" + "09000000" + "0102030405000000" + "00000002" + "61620000");
        XdrIn in = new XdrIn(o.bytes());
        assertThat(in.opaque(1)).containsExactly(9);
        assertThat(in.fixedOpaque(5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(in.string(2)).isEqualTo("ab");
        assertThat(in.remaining()).isZero();
        assertThatThrownBy(() -> new XdrIn(HEX.parseHex("00000002")).bool()).hasMessage("XDR: bool 2");
        assertThatThrownBy(() -> new XdrIn(HEX.parseHex("00000005")).opaque(4))
                .hasMessage("XDR: opaque of 5 bytes, max 4");
        assertThat(new XdrIn(HEX.parseHex("ffffffff")).uint32()).isEqualTo(0xFFFFFFFFL);
    }
}
