package io.interlock.scenarios.clients.nfs;

import java.util.HashMap;
import java.util.Map;

/** nfsstat3 (RFC 1813 §2.6) names, because nfs-client-java prints them as "NfsStatus:17". */
public enum Nfs3Status {
    NFS3_OK(0),
    NFS3ERR_PERM(1),
    NFS3ERR_NOENT(2),
    NFS3ERR_IO(5),
    NFS3ERR_NXIO(6),
    NFS3ERR_ACCES(13),
    NFS3ERR_EXIST(17),
    NFS3ERR_XDEV(18),
    NFS3ERR_NODEV(19),
    NFS3ERR_NOTDIR(20),
    NFS3ERR_ISDIR(21),
    NFS3ERR_INVAL(22),
    NFS3ERR_FBIG(27),
    NFS3ERR_NOSPC(28),
    NFS3ERR_ROFS(30),
    NFS3ERR_MLINK(31),
    NFS3ERR_NAMETOOLONG(63),
    NFS3ERR_NOTEMPTY(66),
    NFS3ERR_DQUOT(69),
    NFS3ERR_STALE(70),
    NFS3ERR_REMOTE(71),
    NFS3ERR_BADHANDLE(10001),
    NFS3ERR_NOT_SYNC(10002),
    NFS3ERR_BAD_COOKIE(10003),
    NFS3ERR_NOTSUPP(10004),
    NFS3ERR_TOOSMALL(10005),
    NFS3ERR_SERVERFAULT(10006),
    NFS3ERR_BADTYPE(10007),
    NFS3ERR_JUKEBOX(10008);

    private static final Map<Integer, Nfs3Status> BY_VALUE = new HashMap<>();

    static {
        for (Nfs3Status s : values()) {
            BY_VALUE.put(s.value, s);
        }
    }

    private final int value;

    Nfs3Status(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The name for a wire value, or "nfsstat3(N)" when unknown. */
    public static String nameOf(int value) {
        Nfs3Status s = BY_VALUE.get(value);
        return s != null ? s.name() : "nfsstat3(" + value + ")";
    }
}
