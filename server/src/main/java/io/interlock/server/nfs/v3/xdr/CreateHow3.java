package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * createhow3 (RFC 1813 §3.3.8): {@code union switch (createmode3 mode)}: UNCHECKED 0 and GUARDED
 * 1 carry an sattr3, EXCLUSIVE 2 a createverf3 (fixed opaque[8]). nfs-client-java sends the
 * verifier with a length word in front (spec q4): we compare the first 8 raw bytes as received and
 * ignore the trailing 4 like any trailing bytes.
 */
public sealed interface CreateHow3 {
    int UNCHECKED_CODE = 0;
    int GUARDED_CODE = 1;
    int EXCLUSIVE_CODE = 2;

    /** UNCHECKED: create, or open the existing file and apply the attributes. */
    record Unchecked(Sattr3 attributes) implements CreateHow3 {}

    /** GUARDED: EXIST if the name exists. */
    record Guarded(Sattr3 attributes) implements CreateHow3 {}

    /** EXCLUSIVE: idempotent create keyed by the verifier. */
    record Exclusive(byte[] verifier) implements CreateHow3 {
        public Exclusive {
            if (verifier.length != 8) {
                throw new IllegalArgumentException("createverf3 is 8 bytes");
            }
        }
    }

    static CreateHow3 decode(XdrReader r) {
        // mode createmode3 (4 bytes), then sattr3 or createverf3 (8 bytes)
        int mode = r.readInt();
        return switch (mode) {
            case UNCHECKED_CODE -> new Unchecked(Sattr3.decode(r));
            case GUARDED_CODE -> new Guarded(Sattr3.decode(r));
            case EXCLUSIVE_CODE -> new Exclusive(r.readFixedOpaque(8));
            default -> throw new XdrException("createmode3 " + mode);
        };
    }

    default void encode(XdrWriter w) {
        if (this instanceof Unchecked u) {
            w.writeInt(UNCHECKED_CODE);
            u.attributes().encode(w);
        } else if (this instanceof Guarded g) {
            w.writeInt(GUARDED_CODE);
            g.attributes().encode(w);
        } else if (this instanceof Exclusive e) {
            w.writeInt(EXCLUSIVE_CODE);
            w.writeFixedOpaque(e.verifier());
        }
    }
}
