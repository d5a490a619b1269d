package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.RpcProtocolException;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * createhow3 (RFC 1813 §3.3.8): a union on createmode3; UNCHECKED and GUARDED carry the initial
 * attributes, EXCLUSIVE an 8-byte createverf3 (a fixed opaque, no length word).
 */
public sealed interface Nfs3CreateHow {
    record Unchecked(Nfs3Sattr attributes) implements Nfs3CreateHow {}

    record Guarded(Nfs3Sattr attributes) implements Nfs3CreateHow {}

    record Exclusive(byte[] verifier) implements Nfs3CreateHow {
        public Exclusive {
            if (verifier.length != Nfs3Wire.VERIFIER_SIZE) {
                throw new IllegalArgumentException("createverf3 is 8 bytes, got " + verifier.length);
            }
        }
    }

    default Nfs3CreateMode mode() {
        if (this instanceof Unchecked) {
            return Nfs3CreateMode.UNCHECKED;
        }
        return this instanceof Guarded ? Nfs3CreateMode.GUARDED : Nfs3CreateMode.EXCLUSIVE;
    }

    static Nfs3CreateHow decode(XdrIn in) {
        int mode = in.int32(); // mode createmode3 (4 bytes)
        return switch (mode) {
            case 0 -> new Unchecked(Nfs3Sattr.decode(in)); // obj_attributes sattr3
            case 1 -> new Guarded(Nfs3Sattr.decode(in)); // obj_attributes sattr3
            case 2 -> new Exclusive(in.fixedOpaque(Nfs3Wire.VERIFIER_SIZE)); // verf createverf3 (8 bytes)
            default -> throw new RpcProtocolException("createmode3 " + mode);
        };
    }

    default void encode(XdrOut o) {
        o.int32(mode().value()); // mode
        if (this instanceof Unchecked u) {
            u.attributes().encode(o); // obj_attributes sattr3
        } else if (this instanceof Guarded g) {
            g.attributes().encode(o); // obj_attributes sattr3
        } else {
            o.fixedOpaque(((Exclusive) this).verifier()); // verf createverf3
        }
    }
}
