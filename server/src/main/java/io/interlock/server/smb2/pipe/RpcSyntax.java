package io.interlock.server.smb2.pipe;

import java.util.Arrays;
import java.util.UUID;

/**
 * A presentation syntax id ([C706] 12.6.3.1 p_syntax_id_t): interface or transfer syntax UUID in
 * NDR (little-endian fields) order plus a 32-bit version, 20 bytes on the wire.
 */
record RpcSyntax(byte[] wire) {
    static final RpcSyntax SRVSVC = of("4b324fc8-1670-01d3-1278-5a47bf6ee188", 3);
    static final RpcSyntax NDR = of("8a885d04-1ceb-11c9-9fe8-08002b104860", 2);
    static final RpcSyntax NONE = new RpcSyntax(new byte[20]);

    static RpcSyntax of(String uuid, int version) {
        UUID u = UUID.fromString(uuid);
        long hi = u.getMostSignificantBits();
        long lo = u.getLeastSignificantBits();
        byte[] b = new byte[20];
        RpcHeader.put32(b, 0, (int) (hi >>> 32)); // time_low
        RpcHeader.put16(b, 4, (int) (hi >>> 16)); // time_mid
        RpcHeader.put16(b, 6, (int) hi); // time_hi_and_version
        for (int i = 0; i < 8; i++) {
            b[8 + i] = (byte) (lo >>> (56 - 8 * i)); // clock_seq and node, as written
        }
        RpcHeader.put32(b, 16, version); // if_version (major in the low half)
        return new RpcSyntax(b);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RpcSyntax s && Arrays.equals(wire, s.wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return java.util.HexFormat.of().formatHex(wire);
    }
}
