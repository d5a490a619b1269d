package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;

/**
 * wcc_attr (RFC 1813 §2.6, 24 bytes): the attributes a client compares with its cache.
 *
 * @param size size in bytes
 * @param mtime last data modification
 * @param ctime last attribute change
 */
public record WccAttr(long size, Nfstime3 mtime, Nfstime3 ctime) {
    public static WccAttr of(FileAttributes a) {
        return new WccAttr(a.size(), Nfstime3.of(a.mtime()), Nfstime3.of(a.ctime()));
    }

    public static WccAttr decode(XdrReader r) {
        // size (8 bytes), mtime (8 bytes), ctime (8 bytes)
        return new WccAttr(r.readLong(), Nfstime3.decode(r), Nfstime3.decode(r));
    }

    public void encode(XdrWriter w) {
        w.writeLong(size); // size
        mtime.encode(w); // mtime
        ctime.encode(w); // ctime
    }
}
