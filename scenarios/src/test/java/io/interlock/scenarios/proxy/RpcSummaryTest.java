package io.interlock.scenarios.proxy;

import static io.interlock.scenarios.proxy.Captures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** ONC RPC summaries from real NLM captures ({@link Captures}) and hand-made RFC 5531 replies. */
class RpcSummaryTest {

    private static FrameSummary decode(byte[] frame) {
        return FrameSummary.decode(WireProtocol.ONC_RPC, frame);
    }

    @Test
    void call_nlmLock_programVersionProcedureAndFlavor() {
        assertThat(decode(bytes(Captures.NLM_LOCK_CALL))).isEqualTo(new RpcCall(0x1039070E, 100021, 4, 2, 1));
    }

    @Test
    void reply_nlmGrantedAndDenied_statusAfterTheCookie() {
        RpcReply granted = (RpcReply) decode(bytes(Captures.NLM_GRANTED_REPLY));
        assertThat(granted.xid()).isEqualTo(0x1039070E);
        assertThat(granted.success()).isTrue();
        assertThat(granted.resultWord()).as("the cookie's length").hasValue(8);
        assertThat(granted.status(100021)).hasValue(0); // nlm4_granted
        RpcReply denied = (RpcReply) decode(bytes(Captures.NLM_DENIED_REPLY));
        assertThat(denied.status(100021)).hasValue(1); // nlm4_denied
        assertThat(denied.status(100003)).as("NFS reads the first word").hasValue(8);
    }

    @Test
    void call_splitIntoFragments_decodesLikeOneRecord() {
        byte[] whole = bytes(Captures.NLM_LOCK_CALL);
        byte[] body = Arrays.copyOfRange(whole, 4, whole.length);
        ByteBuffer split = ByteBuffer.allocate(body.length + 12);
        split.putInt(10).put(body, 0, 10); // not last
        split.putInt(0); // empty, not last
        split.putInt(0x80000000 | (body.length - 10)).put(body, 10, body.length - 10);
        assertThat(decode(split.array())).isEqualTo(decode(whole));
    }

    @Test
    void reply_deniedAndNotSuccess() {
        assertThat(decode(record(7, 1, 1, 1, 5))) // MSG_DENIED, AUTH_ERROR, AUTH_TOOWEAK
                .isEqualTo(new RpcReply(7, false, -1, 1, 5, OptionalInt.empty(), OptionalInt.empty()));
        assertThat(decode(record(8, 1, 1, 0, 2, 2))) // MSG_DENIED, RPC_MISMATCH 2..2
                .isEqualTo(new RpcReply(8, false, -1, 0, -1, OptionalInt.empty(), OptionalInt.empty()));
        RpcReply unavailable = (RpcReply) decode(record(9, 1, 0, 0, 0, 1)); // accepted, PROG_UNAVAIL
        assertThat(unavailable.accepted()).isTrue();
        assertThat(unavailable.success()).isFalse();
        assertThat(unavailable.acceptStat()).isEqualTo(1);
        assertThat(unavailable.resultWord()).isEmpty();
        RpcReply nfs = (RpcReply) decode(record(10, 1, 0, 0, 0, 0, 70)); // NFS3ERR_STALE
        assertThat(nfs.status(100003)).hasValue(70);
        assertThat(nfs.wordAfterCookie()).isEmpty();
    }

    @Test
    void garbage_isOpaque() {
        assertThat(decode(record(1, 5))).isEqualTo(new Opaque("RPC msg_type 5"));
        assertThat(decode(record(1, 0, 3, 100003, 3, 1, 0, 0, 0, 0))).isEqualTo(new Opaque("rpcvers 3"));
        assertThat(decode(record(1, 1, 7))).isEqualTo(new Opaque("reply_stat 7"));
        assertThat(decode(new byte[] {(byte) 0x80, 0, 0, 2, 1, 2})).isInstanceOf(Opaque.class);
        assertThat(decode(new byte[] {0, 0, 0, 9, 1})).isInstanceOf(Opaque.class);
    }

    /** One last fragment holding these XDR words. */
    private static byte[] record(int... words) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * words.length);
        b.putInt(0x80000000 | 4 * words.length);
        for (int w : words) {
            b.putInt(w);
        }
        return b.array();
    }
}
