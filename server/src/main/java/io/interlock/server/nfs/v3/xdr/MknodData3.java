package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * mknoddata3 (RFC 1813 §3.3.11): {@code union switch (ftype3 type)}: NF3CHR/NF3BLK carry
 * devicedata3 {sattr3, specdata3}, NF3SOCK/NF3FIFO an sattr3, the other types nothing.
 */
public sealed interface MknodData3 {
    int type();

    /** NF3CHR or NF3BLK. */
    record Device(int type, Sattr3 attributes, int specdata1, int specdata2) implements MknodData3 {}

    /** NF3SOCK or NF3FIFO. */
    record Pipe(int type, Sattr3 attributes) implements MknodData3 {}

    /** NF3REG, NF3DIR, NF3LNK: void arm (the wrong procedure: BADTYPE). */
    record Other(int type) implements MknodData3 {}

    static MknodData3 decode(XdrReader r) {
        // type ftype3 (4 bytes), then the arm
        int type = r.readInt();
        return switch (type) {
            case Ftype3.NF3CHR, Ftype3.NF3BLK -> new Device(type, Sattr3.decode(r), r.readInt(), r.readInt());
            case Ftype3.NF3SOCK, Ftype3.NF3FIFO -> new Pipe(type, Sattr3.decode(r));
            case Ftype3.NF3REG, Ftype3.NF3DIR, Ftype3.NF3LNK -> new Other(type);
            default -> throw new XdrException("ftype3 " + type);
        };
    }

    default void encode(XdrWriter w) {
        w.writeInt(type());
        if (this instanceof Device d) {
            d.attributes().encode(w);
            w.writeInt(d.specdata1()).writeInt(d.specdata2());
        } else if (this instanceof Pipe p) {
            p.attributes().encode(w);
        }
    }
}
