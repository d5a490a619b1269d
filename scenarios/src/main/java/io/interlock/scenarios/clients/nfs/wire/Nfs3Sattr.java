package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * sattr3 (RFC 1813 §2.6): the attributes to set; a null field is not set (its {@code set_it} is
 * FALSE).
 *
 * @param mode set_mode3, or null
 * @param uid set_uid3, or null
 * @param gid set_gid3, or null
 * @param size set_size3, or null
 * @param atime set_atime
 * @param mtime set_mtime
 */
public record Nfs3Sattr(Long mode, Long uid, Long gid, Long size, Nfs3SetTime atime, Nfs3SetTime mtime) {
    /** Nothing to set. */
    public static final Nfs3Sattr NONE = new Nfs3Sattr(null, null, null, null, null, null);

    public Nfs3Sattr {
        atime = atime == null ? Nfs3SetTime.DONT_CHANGE : atime;
        mtime = mtime == null ? Nfs3SetTime.DONT_CHANGE : mtime;
    }

    /** Only the size (truncate or extend), or nothing when {@code size} is null. */
    public static Nfs3Sattr size(Long size) {
        return new Nfs3Sattr(null, null, null, size, null, null);
    }

    public static Nfs3Sattr decode(XdrIn in) {
        Long mode = in.bool() ? in.uint32() : null; // set_mode3: set_it bool, mode uint32
        Long uid = in.bool() ? in.uint32() : null; // set_uid3
        Long gid = in.bool() ? in.uint32() : null; // set_gid3
        Long size = in.bool() ? in.hyper() : null; // set_size3: set_it bool, size uint64
        return new Nfs3Sattr(mode, uid, gid, size, Nfs3SetTime.decode(in), Nfs3SetTime.decode(in)); // atime, mtime
    }

    public void encode(XdrOut o) {
        optional32(o, mode); // set_mode3
        optional32(o, uid); // set_uid3
        optional32(o, gid); // set_gid3
        o.bool(size != null); // set_size3.set_it
        if (size != null) {
            o.hyper(size); // set_size3.size
        }
        atime.encode(o); // set_atime
        mtime.encode(o); // set_mtime
    }

    private static void optional32(XdrOut o, Long v) {
        o.bool(v != null); // set_it
        if (v != null) {
            o.uint32(v); // the uint32 value
        }
    }
}
