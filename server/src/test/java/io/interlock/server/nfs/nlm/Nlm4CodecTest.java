package io.interlock.server.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** NLM v4 XDR (RFC 1813 §6.1; XNFS 10.14) against hand-assembled bytes, and round trips. */
class Nlm4CodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    /** A Linux-style LOCK: cookie 4 bytes, block, exclusive, caller "cli", fh 3 bytes, oh "7@cli". */
    private static final String LOCK_ARGS = "00000004 01020304" // cookie
            + "00000001" // block = TRUE
            + "00000001" // exclusive = TRUE
            + "00000003 636c6900" // caller_name "cli" + 1 pad byte
            + "00000003 aabbcc00" // fh
            + "00000005 3740636c 69000000" // oh "7@cli" + 3 pad bytes
            + "00000007" // svid 7
            + "00000000 00000064" // l_offset 100
            + "ffffffff ffffff9c" // l_len 2^64 - 100
            + "00000000" // reclaim = FALSE
            + "00000003"; // state 3

    @Test
    void lockArgs_handAssembledBytes_decodeFieldByField() {
        Nlm4LockArgs a = Nlm4LockArgs.decode(new XdrReader(hex(LOCK_ARGS)));
        assertThat(a.cookie()).containsExactly(1, 2, 3, 4);
        assertThat(a.block()).isTrue();
        assertThat(a.exclusive()).isTrue();
        assertThat(a.alock().callerName()).isEqualTo("cli");
        assertThat(a.alock().fh()).containsExactly(0xaa, 0xbb, 0xcc);
        assertThat(new String(a.alock().oh(), StandardCharsets.US_ASCII)).isEqualTo("7@cli");
        assertThat(a.alock().svid()).isEqualTo(7);
        assertThat(a.alock().offset()).isEqualTo(100);
        assertThat(Long.toUnsignedString(a.alock().length())).isEqualTo("18446744073709551516");
        assertThat(a.reclaim()).isFalse();
        assertThat(a.state()).isEqualTo(3);
    }

    @Test
    void lockArgs_encode_reproducesTheBytes() {
        Nlm4LockArgs a = Nlm4LockArgs.decode(new XdrReader(hex(LOCK_ARGS)));
        XdrWriter w = new XdrWriter();
        a.encode(w);
        assertThat(w.toByteArray()).isEqualTo(hex(LOCK_ARGS));
    }

    @Test
    void testRes_denied_carriesHolder_grantedDoesNot() {
        XdrWriter w = new XdrWriter();
        new Nlm4TestRes(new byte[] {9}, new Nlm4TestRes.Denied(new Nlm4Holder(true, 42, new byte[] {1, 2}, 0, 0)))
                .encode(w);
        assertThat(w.toByteArray())
                .isEqualTo(hex("00000001 09000000" + "00000001" + "00000001 0000002a 00000002 01020000"
                        + "00000000 00000000 00000000 00000000"));
        XdrWriter g = new XdrWriter();
        Nlm4TestRes.of(new byte[0], Nlm4Stats.NLM4_GRANTED).encode(g);
        assertThat(g.toByteArray()).isEqualTo(hex("00000000 00000000"));
        Nlm4TestRes back = Nlm4TestRes.decode(new XdrReader(w.toByteArray()));
        assertThat(back.reply()).isInstanceOfSatisfying(Nlm4TestRes.Denied.class, d -> {
            assertThat(d.holder().svid()).isEqualTo(42);
            assertThat(d.holder().exclusive()).isTrue();
        });
        assertThatThrownBy(() -> new Nlm4TestRes.Plain(Nlm4Stats.NLM4_DENIED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void res_roundTrip_andUnknownStatusRejected() {
        XdrWriter w = new XdrWriter();
        new Nlm4Res(new byte[] {1, 2, 3, 4, 5}, Nlm4Stats.NLM4_BLOCKED).encode(w);
        assertThat(w.toByteArray()).isEqualTo(hex("00000005 01020304 05000000 00000003"));
        assertThat(Nlm4Res.decode(new XdrReader(w.toByteArray())).stat()).isEqualTo(Nlm4Stats.NLM4_BLOCKED);
        assertThatThrownBy(() -> Nlm4Res.decode(new XdrReader(hex("00000000 0000000a"))))
                .isInstanceOf(XdrException.class);
    }

    @Test
    void stats_wireValues_matchRfc1813() {
        assertThat(Nlm4Stats.NLM4_GRANTED.code()).isZero();
        assertThat(Nlm4Stats.NLM4_BLOCKED.code()).isEqualTo(3);
        assertThat(Nlm4Stats.NLM4_STALE_FH.code()).isEqualTo(7);
        assertThat(Nlm4Stats.NLM4_FBIG.code()).isEqualTo(8);
        assertThat(Nlm4Stats.NLM4_FAILED.code()).isEqualTo(9);
        assertThat(Nlm4Stats.of(10)).isNull();
        assertThat(Nlm4Procedure.of(23)).isEqualTo(Nlm4Procedure.FREE_ALL);
        assertThat(Nlm4Procedure.of(16)).isNull();
        assertThat(Nlm4Procedure.LOCK_MSG.resultProcedure()).isEqualTo(Nlm4Procedure.LOCK_RES);
    }

    @Test
    void decode_truncatedOrOversized_throwsXdrException() {
        byte[] full = hex(LOCK_ARGS);
        for (int cut = 0; cut < full.length; cut += 4) {
            byte[] part = java.util.Arrays.copyOf(full, cut);
            assertThatThrownBy(() -> Nlm4LockArgs.decode(new XdrReader(part))).isInstanceOf(XdrException.class);
        }
        // caller_name of 1025 bytes > LM_MAXSTRLEN, and a hostile length
        assertThatThrownBy(() -> Nlm4Lock.decode(new XdrReader(hex("00000401"))))
                .isInstanceOf(XdrException.class);
        assertThatThrownBy(() -> Nlm4Lock.decode(new XdrReader(hex("7fffffff 00000000"))))
                .isInstanceOf(XdrException.class);
    }

    @Test
    void owners_callerNameWithColons_parsedFromTheEnd() {
        Nlm4Lock l = new Nlm4Lock("a:b", new byte[0], new byte[] {(byte) 0xfe}, 12, 0, 0);
        var owner = NlmOwners.of(l);
        assertThat(owner.id()).isEqualTo("a:b:12:fe");
        assertThat(NlmOwners.callerOf(owner)).isEqualTo("a:b");
        assertThat(NlmOwners.svidOf(owner)).isEqualTo(12);
        assertThat(NlmOwners.ohOf(owner)).containsExactly(0xfe);
        assertThat(NlmOwners.callerOf(new io.interlock.server.core.lock.LockOwner("smb", "1:2:3")))
                .isNull();
    }
}
