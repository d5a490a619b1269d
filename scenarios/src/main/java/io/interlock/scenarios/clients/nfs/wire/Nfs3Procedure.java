package io.interlock.scenarios.clients.nfs.wire;

/** The NFSv3 procedures the engine's client calls (RFC 1813 §3.3), with their numbers. */
public enum Nfs3Procedure {
    NULL(0),
    GETATTR(1),
    SETATTR(2),
    LOOKUP(3),
    READ(6),
    WRITE(7),
    CREATE(8),
    MKDIR(9),
    REMOVE(12),
    RMDIR(13),
    RENAME(14),
    LINK(15),
    READDIR(16),
    FSINFO(19);

    /** NFS program number and version (RFC 1813 §3). */
    public static final int PROGRAM = 100003;

    public static final int VERSION = 3;

    private final int number;

    Nfs3Procedure(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
