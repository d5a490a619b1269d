package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;

/**
 * MNT (MOUNT v3 procedure 1) arguments: dirpath = string&lt;MNTPATHLEN&gt; (RFC 1813 §5.2.1).
 *
 * @param dirPath the export to mount
 */
public record MountMntArgs(String dirPath) {
    /** MOUNT program number and version (RFC 1813 §5). */
    public static final int PROGRAM = 100005;

    public static final int VERSION = 3;
    public static final int MNT = 1;
    /** MNTPATHLEN. */
    public static final int MAX_PATH = 1024;

    public static MountMntArgs decode(XdrIn in) {
        return new MountMntArgs(in.string(MAX_PATH)); // dirpath string<1024>
    }

    public void encode(XdrOut o) {
        o.string(dirPath); // dirpath
    }
}
