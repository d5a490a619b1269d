package io.interlock.server.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** XDR reader/writer (RFC 4506) and AUTH_SYS credentials (RFC 5531 App. A). */
class XdrTest {
    @Test
    void roundTrip_allTypes_withPadding() {
        XdrWriter w = new XdrWriter(4);
        w.writeInt(-1)
                .writeUnsignedInt(0xFFFFFFFEL)
                .writeLong(Long.MIN_VALUE + 5)
                .writeBoolean(true);
        w.writeOpaque(new byte[] {1, 2, 3}).writeString("héllo").writeFixedOpaque(new byte[] {9, 8, 7, 6, 5});
        byte[] b = w.toByteArray();
        assertThat(b.length % 4).isZero();
        XdrReader r = new XdrReader(b);
        assertThat(r.readInt()).isEqualTo(-1);
        assertThat(r.readUnsignedInt()).isEqualTo(0xFFFFFFFEL);
        assertThat(r.readLong()).isEqualTo(Long.MIN_VALUE + 5);
        assertThat(r.readBoolean()).isTrue();
        assertThat(r.readOpaque(3)).containsExactly(1, 2, 3);
        assertThat(r.readString(255)).isEqualTo("héllo");
        assertThat(r.readFixedOpaque(5)).containsExactly(9, 8, 7, 6, 5);
        assertThat(r.remaining()).isZero();
    }

    @Test
    void opaque_encoding_matchesRfc4506Bytes() {
        byte[] b = new XdrWriter().writeOpaque(new byte[] {(byte) 0xAB}).toByteArray();
        assertThat(HexFormat.of().formatHex(b)).isEqualTo("00000001ab000000");
    }

    @Test
    void hugeLength_failsWithoutAllocating() {
        byte[] b = new XdrWriter().writeInt(0x7FFFFFFF).writeInt(1).toByteArray();
        assertThatThrownBy(() -> new XdrReader(b).readOpaque(Integer.MAX_VALUE)).isInstanceOf(XdrException.class);
        byte[] neg = new XdrWriter().writeInt(-4).toByteArray();
        assertThatThrownBy(() -> new XdrReader(neg).readOpaque(Integer.MAX_VALUE))
                .isInstanceOf(XdrException.class);
    }

    @Test
    void boundsAndBadValues_areGarbage() {
        assertThatThrownBy(() -> new XdrReader(new byte[3]).readInt()).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> new XdrReader(new XdrWriter().writeInt(2).toByteArray()).readBoolean())
                .isInstanceOf(XdrException.class);
        byte[] over = new XdrWriter().writeOpaque(new byte[65]).toByteArray();
        assertThatThrownBy(() -> new XdrReader(over).readOpaque(64)).isInstanceOf(XdrException.class);
    }

    @Test
    void authSys_roundTrip_andMoreThan16Gids_isBadCred() {
        RpcCredential.Sys s = new RpcCredential.Sys(7, "host", 1000, 100, List.of(1, 2, 3));
        XdrWriter w = new XdrWriter();
        s.encode(w);
        assertThat(RpcCredential.Sys.decode(w.toByteArray())).isEqualTo(s);
        XdrWriter many = new XdrWriter();
        new RpcCredential.Sys(7, "host", 0, 0, java.util.Collections.nCopies(17, 1)).encode(many);
        assertThatThrownBy(() -> RpcCredential.Sys.decode(many.toByteArray())).isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> RpcCredential.Sys.decode(new byte[6])).isInstanceOf(XdrException.class);
    }
}
