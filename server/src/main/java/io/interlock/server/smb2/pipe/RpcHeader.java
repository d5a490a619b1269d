package io.interlock.server.smb2.pipe;

/**
 * The 16-byte common header of a connection-oriented DCE/RPC PDU ([C706] 12.6.3.1, [MS-RPCE]
 * 2.2.2.13). Only little-endian, ASCII, IEEE data representations are accepted.
 *
 * @param type PTYPE
 * @param flags pfc_flags
 * @param fragLength frag_length: the whole PDU, header included
 * @param authLength auth_length
 * @param callId call_id
 */
record RpcHeader(int type, int flags, int fragLength, int authLength, int callId) {
    static final int SIZE = 16;
    static final int REQUEST = 0;
    static final int RESPONSE = 2;
    static final int FAULT = 3;
    static final int BIND = 11;
    static final int BIND_ACK = 12;
    static final int BIND_NAK = 13;
    static final int ALTER_CONTEXT = 14;
    static final int ALTER_CONTEXT_RESP = 15;
    static final int PFC_FIRST_FRAG = 0x01;
    static final int PFC_LAST_FRAG = 0x02;
    static final int PFC_OBJECT_UUID = 0x80;

    /** Decodes the header at {@code b[0..16)}; null when it is not a v5.0 little-endian PDU. */
    static RpcHeader decode(byte[] b) {
        if (b.length < SIZE || b[0] != 5 || b[1] != 0 || (b[4] & 0xF0) != 0x10) {
            return null;
        }
        return new RpcHeader(
                b[2] & 0xFF, // PTYPE (1 byte)
                b[3] & 0xFF, // pfc_flags (1 byte)
                u16(b, 8), // frag_length (2 bytes), after packed_drep (4 bytes)
                u16(b, 10), // auth_length (2 bytes)
                u32(b, 12)); // call_id (4 bytes)
    }

    /** Writes a header into {@code b[0..16)}. */
    static void encode(byte[] b, int type, int flags, int authLength, int callId) {
        b[0] = 5; // rpc_vers
        b[1] = 0; // rpc_vers_minor
        b[2] = (byte) type; // PTYPE
        b[3] = (byte) flags; // pfc_flags
        b[4] = 0x10; // packed_drep: little-endian, ASCII
        b[5] = 0; // packed_drep: IEEE floats
        b[6] = 0;
        b[7] = 0;
        put16(b, 8, b.length); // frag_length
        put16(b, 10, authLength); // auth_length
        put32(b, 12, callId); // call_id
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static int u32(byte[] b, int at) {
        return u16(b, at) | u16(b, at + 2) << 16;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int at, int v) {
        put16(b, at, v);
        put16(b, at + 2, v >>> 16);
    }
}
