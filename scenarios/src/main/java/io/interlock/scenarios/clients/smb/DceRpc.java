package io.interlock.scenarios.clients.smb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.UUID;

/**
 * The connection-oriented DCE/RPC PDUs a pipe client needs ([C706] 12.6, [MS-RPCE] 2.2.2): BIND,
 * REQUEST, and reading BIND_ACK, RESPONSE and FAULT. Little-endian NDR only. The client's own
 * code, separate from the server's, so a bug cannot hide on both sides of the wire.
 */
final class DceRpc {
    static final int REQUEST = 0;
    static final int RESPONSE = 2;
    static final int FAULT = 3;
    static final int BIND = 11;
    static final int BIND_ACK = 12;
    static final int BIND_NAK = 13;
    static final int FIRST_FRAG = 0x01;
    static final int LAST_FRAG = 0x02;
    static final int HEADER = 16;
    /** NDR 2.0 transfer syntax 8a885d04-1ceb-11c9-9fe8-08002b104860 v2. */
    static final UUID NDR = UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860");

    static final int NDR_VERSION = 2;

    private DceRpc() {}

    /** A received PDU's common header ([C706] 12.6.3.1). */
    record Header(int type, int flags, int fragLength, int authLength, int callId) {
        boolean last() {
            return (flags & LAST_FRAG) != 0;
        }
    }

    static Header header(byte[] pdu) throws IOException {
        if (pdu.length < HEADER) {
            throw new IOException("DCE/RPC PDU of " + pdu.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
        if (pdu[0] != 5 || pdu[1] != 0) {
            throw new IOException("DCE/RPC version " + pdu[0] + "." + pdu[1]);
        }
        if ((pdu[4] & 0xF0) != 0x10) {
            throw new IOException("DCE/RPC data representation 0x" + Integer.toHexString(pdu[4] & 0xFF)
                    + ": only little-endian is read");
        }
        Header h = new Header(
                pdu[2] & 0xFF, // PTYPE (1 byte)
                pdu[3] & 0xFF, // pfc_flags (1 byte)
                Short.toUnsignedInt(b.getShort(8)), // frag_length (2 bytes), after packed_drep (4 bytes)
                Short.toUnsignedInt(b.getShort(10)), // auth_length (2 bytes)
                b.getInt(12)); // call_id (4 bytes)
        if (h.fragLength() != pdu.length) {
            throw new IOException("frag_length " + h.fragLength() + " in a PDU of " + pdu.length + " bytes");
        }
        return h;
    }

    private static void putHeader(ByteBuffer b, int type, int length, int callId) {
        b.put((byte) 5); // rpc_vers (1 byte)
        b.put((byte) 0); // rpc_vers_minor (1 byte)
        b.put((byte) type); // PTYPE (1 byte)
        b.put((byte) (FIRST_FRAG | LAST_FRAG)); // pfc_flags (1 byte)
        b.putInt(0x00000010); // packed_drep (4 bytes): little-endian, ASCII, IEEE
        b.putShort((short) length); // frag_length (2 bytes)
        b.putShort((short) 0); // auth_length (2 bytes)
        b.putInt(callId); // call_id (4 bytes)
    }

    /** p_syntax_id_t: the interface UUID in NDR order and its version (major, minor). */
    private static void putSyntax(ByteBuffer b, UUID id, int major, int minor) {
        long msb = id.getMostSignificantBits();
        b.putInt((int) (msb >>> 32)); // time_low (4 bytes, little-endian)
        b.putShort((short) (msb >>> 16)); // time_mid (2 bytes)
        b.putShort((short) msb); // time_hi_and_version (2 bytes)
        b.order(ByteOrder.BIG_ENDIAN).putLong(id.getLeastSignificantBits()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) major); // if_version major (2 bytes)
        b.putShort((short) minor); // if_version minor (2 bytes)
    }

    /** BIND ([C706] 12.6.4.3) of one presentation context: the interface over NDR 2.0. */
    static byte[] bind(int callId, UUID iface, int major, int minor, int maxFrag) {
        int length = HEADER + 12 + 4 + 20 + 20;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        putHeader(b, BIND, length, callId);
        b.putShort((short) maxFrag); // max_xmit_frag (2 bytes)
        b.putShort((short) maxFrag); // max_recv_frag (2 bytes)
        b.putInt(0); // assoc_group_id (4 bytes): a new group
        b.put((byte) 1); // n_context_elem (1 byte)
        b.put((byte) 0).putShort((short) 0); // reserved (1 byte), reserved2 (2 bytes)
        b.putShort((short) 0); // p_cont_id (2 bytes)
        b.put((byte) 1); // n_transfer_syn (1 byte)
        b.put((byte) 0); // reserved (1 byte)
        putSyntax(b, iface, major, minor); // abstract_syntax (20 bytes)
        putSyntax(b, NDR, NDR_VERSION, 0); // transfer_syntaxes[0] (20 bytes)
        return b.array();
    }

    /** Checks a BIND_ACK: the one context must be accepted ([C706] 12.6.4.4). */
    static void checkBindAck(byte[] pdu, int callId) throws IOException {
        Header h = header(pdu);
        if (h.type() == BIND_NAK) {
            throw new IOException("bind refused (BIND_NAK)");
        }
        if (h.type() != BIND_ACK || h.callId() != callId) {
            throw new IOException("expected BIND_ACK for call " + callId + ", got PTYPE " + h.type());
        }
        ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
        int at = HEADER + 8; // max_xmit_frag, max_recv_frag, assoc_group_id
        int secAddrLength = Short.toUnsignedInt(b.getShort(at)); // sec_addr.length (2 bytes)
        at = (at + 2 + secAddrLength + 3) & ~3; // port_spec, then align to 4
        if (at + 4 + 24 > pdu.length) {
            throw new IOException("BIND_ACK too short for a result");
        }
        int results = pdu[at] & 0xFF; // n_results (1 byte), then 3 reserved
        int result = Short.toUnsignedInt(b.getShort(at + 4)); // result (2 bytes)
        int reason = Short.toUnsignedInt(b.getShort(at + 6)); // reason (2 bytes)
        if (results < 1 || result != 0) {
            throw new IOException("presentation context not accepted: result " + result + " reason " + reason);
        }
    }

    /** A single-fragment REQUEST ([C706] 12.6.4.9) of context 0. */
    static byte[] request(int callId, int opnum, byte[] stub) {
        int length = HEADER + 8 + stub.length;
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        putHeader(b, REQUEST, length, callId);
        b.putInt(stub.length); // alloc_hint (4 bytes)
        b.putShort((short) 0); // p_cont_id (2 bytes)
        b.putShort((short) opnum); // opnum (2 bytes)
        b.put(stub);
        return b.array();
    }

    /**
     * Appends the stub of a RESPONSE fragment ([C706] 12.6.4.10) to {@code stub}; throws on a
     * FAULT (with its status) or anything else.
     *
     * @return whether it was the last fragment
     */
    static boolean responseFragment(byte[] pdu, int callId, ByteArrayOutputStream stub) throws IOException {
        Header h = header(pdu);
        ByteBuffer b = ByteBuffer.wrap(pdu).order(ByteOrder.LITTLE_ENDIAN);
        if (h.type() == FAULT) {
            int status = pdu.length >= HEADER + 12 ? b.getInt(HEADER + 8) : -1; // status (4 bytes)
            throw new IOException("DCE/RPC fault 0x" + Integer.toHexString(status));
        }
        if (h.type() != RESPONSE || h.callId() != callId) {
            throw new IOException(
                    "expected RESPONSE for call " + callId + ", got PTYPE " + h.type() + " call " + h.callId());
        }
        if (h.authLength() != 0) {
            throw new IOException("RESPONSE with an auth trailer on an unauthenticated binding");
        }
        // alloc_hint (4 bytes), p_cont_id (2 bytes), cancel_count (1 byte), reserved (1 byte), stub
        int from = HEADER + 8;
        int to = pdu.length;
        if (to < from) {
            throw new IOException("RESPONSE of " + pdu.length + " bytes");
        }
        stub.write(pdu, from, to - from);
        return h.last();
    }
}
