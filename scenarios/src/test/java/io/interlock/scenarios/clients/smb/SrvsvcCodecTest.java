package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The srvsvc client's DCE/RPC and NDR code, on PDUs captured from Samba 4.17 answering our client
 * (BIND_ACK and the NetShareEnumAll RESPONSE of a server with one disk share and IPC$).
 */
class SrvsvcCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    static final String SAMBA_BIND_ACK =
            "05000c03100000004400000001000000b810b810a20300000d005c706970655c73727673766300000100000000000000045d888aeb1cc9119fe808002b10486002000000";
    static final String SAMBA_RESPONSE =
            "0500020310000000ec00000002000000d40000000000000001000000010000000c0002000200000010000200020000001400020000000000180002001c0002000300008020000200060000000000000006000000730068006100720065000000010000000000000001000000000000000500000000000000050000004900500043002400000000002300000000000000230000004900500043002000530065007200760069006300650020002800530061006d0062006100200034002e00310037002e00310032002d00440065006200690061006e0029000000000002000000240002000000000000000000";

    @Test
    void bind_layoutPerC706_srvsvcOverNdr20() {
        byte[] b = DceRpc.bind(1, SrvsvcClient.SRVSVC, 3, 0, 4280);
        assertThat(b).hasSize(72);
        assertThat(HEX.formatHex(b, 0, 16)).isEqualTo("05000b0310000000" + "4800" + "0000" + "01000000");
        assertThat(HEX.formatHex(b, 16, 28)).isEqualTo("b810b810" + "00000000" + "01000000");
        // p_cont_id 0, one transfer syntax; srvsvc 4b324fc8-1670-01d3-1278-5a47bf6ee188 v3.0
        assertThat(HEX.formatHex(b, 28, 52)).isEqualTo("00000100" + "c84f324b7016d30112785a47bf6ee188" + "03000000");
        assertThat(HEX.formatHex(b, 52, 72)).isEqualTo("045d888aeb1cc9119fe808002b104860" + "02000000");
    }

    @Test
    void bindAck_fromSamba_accepted_andRefusalsThrow() throws IOException {
        DceRpc.checkBindAck(HEX.parseHex(SAMBA_BIND_ACK), 1);
        byte[] refused = HEX.parseHex(SAMBA_BIND_ACK);
        refused[44] = 2; // result (after sec_addr "\\pipe\\srvsvc" and n_results): provider rejection
        assertThatThrownBy(() -> DceRpc.checkBindAck(refused, 1)).hasMessageContaining("not accepted");
        byte[] nak = HEX.parseHex(SAMBA_BIND_ACK);
        nak[2] = DceRpc.BIND_NAK;
        assertThatThrownBy(() -> DceRpc.checkBindAck(nak, 1)).hasMessageContaining("BIND_NAK");
        assertThatThrownBy(() -> DceRpc.checkBindAck(HEX.parseHex(SAMBA_BIND_ACK), 7))
                .isInstanceOf(IOException.class);
    }

    @Test
    void response_fromSamba_diskShareAndIpc() throws IOException {
        ByteArrayOutputStream stub = new ByteArrayOutputStream();
        assertThat(DceRpc.responseFragment(HEX.parseHex(SAMBA_RESPONSE), 2, stub))
                .isTrue();
        List<SrvsvcClient.ShareEntry> shares = SrvsvcClient.parseEnumAll(stub.toByteArray());
        assertThat(shares)
                .containsExactly(
                        new SrvsvcClient.ShareEntry("share", 0, ""),
                        new SrvsvcClient.ShareEntry("IPC$", 0x80000003, "IPC Service (Samba 4.17.12-Debian)"));
        assertThat(shares.get(0).disk()).isTrue();
        assertThat(shares.get(1).disk()).isFalse();
    }

    @Test
    void response_inThreeFragments_reassembles() throws IOException {
        byte[] whole = HEX.parseHex(SAMBA_RESPONSE);
        byte[] stub = Arrays.copyOfRange(whole, 24, whole.length);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int[] cuts = {0, 50, 51, stub.length};
        boolean last = false;
        for (int i = 0; i < 3; i++) {
            int flags = (i == 0 ? DceRpc.FIRST_FRAG : 0) | (i == 2 ? DceRpc.LAST_FRAG : 0);
            last = DceRpc.responseFragment(fragment(2, flags, stub, cuts[i], cuts[i + 1]), 2, got);
            assertThat(last).isEqualTo(i == 2);
        }
        assertThat(got.toByteArray()).isEqualTo(stub);
    }

    @Test
    void fault_throwsWithItsStatus() {
        ByteBuffer f = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        f.put(new byte[] {5, 0, DceRpc.FAULT, 3, 0x10, 0, 0, 0})
                .putShort((short) 32)
                .putShort((short) 0);
        f.putInt(2).putInt(0).putInt(0).putInt(0x1C010002).putInt(0); // nca_s_op_rng_error
        assertThatThrownBy(() -> DceRpc.responseFragment(f.array(), 2, new ByteArrayOutputStream()))
                .hasMessageContaining("fault 0x1c010002");
    }

    @Test
    void parseEnumAll_werrorAndEveryTruncation_throwIOException() throws IOException {
        byte[] whole = HEX.parseHex(SAMBA_RESPONSE);
        byte[] stub = Arrays.copyOfRange(whole, 24, whole.length);
        byte[] denied = stub.clone();
        denied[denied.length - 4] = 5; // WERR_ACCESS_DENIED
        assertThatThrownBy(() -> SrvsvcClient.parseEnumAll(denied)).hasMessageContaining("WERROR 0x5");
        for (int n = 0; n < stub.length; n++) {
            byte[] cut = Arrays.copyOf(stub, n);
            assertThatThrownBy(() -> SrvsvcClient.parseEnumAll(cut)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void enumAllStub_serverNameLevelOneEmptyContainerResumeHandle() {
        byte[] stub = SrvsvcClient.enumAllStub("h");
        assertThat(HEX.formatHex(stub))
                .isEqualTo(
                        "00000200" // ServerName referent
                                + "04000000" + "00000000" + "04000000" // counts: "\\\\h" + NUL = 4 units
                                + "5c005c0068000000" // the units
                                + "01000000" + "01000000" // Level, union arm
                                + "04000200" + "00000000" + "00000000" // container, EntriesRead, null Buffer
                                + "ffffffff" // PreferedMaximumLength
                                + "08000200" + "00000000"); // ResumeHandle
    }

    /** A RESPONSE PDU carrying {@code stub[from, to)}. */
    private static byte[] fragment(int callId, int flags, byte[] stub, int from, int to) {
        int length = 24 + to - from;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {5, 0, DceRpc.RESPONSE, (byte) flags, 0x10, 0, 0, 0});
        b.putShort((short) length).putShort((short) 0).putInt(callId);
        b.putInt(stub.length).putShort((short) 0).put((byte) 0).put((byte) 0);
        b.put(stub, from, to - from);
        return b.array();
    }
}
