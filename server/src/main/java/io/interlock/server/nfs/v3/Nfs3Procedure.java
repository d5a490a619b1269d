package io.interlock.server.nfs.v3;

/**
 * The 22 NFSv3 procedures (RFC 1813 §3.3) with the number of optional attribute blocks (each a
 * FALSE bool when absent) in their resfail arm, so the procedure table can answer any error.
 */
public enum Nfs3Procedure {
    NULL(0, 0),
    GETATTR(1, 0),
    SETATTR(2, 2),
    LOOKUP(3, 1),
    ACCESS(4, 1),
    READLINK(5, 1),
    READ(6, 1),
    WRITE(7, 2),
    CREATE(8, 2),
    MKDIR(9, 2),
    SYMLINK(10, 2),
    MKNOD(11, 2),
    REMOVE(12, 2),
    RMDIR(13, 2),
    RENAME(14, 4),
    LINK(15, 3),
    READDIR(16, 1),
    READDIRPLUS(17, 1),
    FSSTAT(18, 1),
    FSINFO(19, 1),
    PATHCONF(20, 1),
    COMMIT(21, 2);

    private final int number;
    private final int absentBlocks;

    Nfs3Procedure(int number, int absentBlocks) {
        this.number = number;
        this.absentBlocks = absentBlocks;
    }

    public int number() {
        return number;
    }

    /** FALSE words written after a failure status when the handler supplied no resfail body. */
    public int absentBlocks() {
        return absentBlocks;
    }

    private static final Nfs3Procedure[] BY_NUMBER = values();

    public static Nfs3Procedure of(int number) {
        return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[number] : null;
    }
}
