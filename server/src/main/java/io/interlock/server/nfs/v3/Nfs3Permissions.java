package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.rpc.XdrEncodable;

/**
 * The export's permission model (see {@link Nfs3PermissionMode}): computes the ACCESS3 bits
 * (RFC 1813 §3.3.4) a caller holds on an object and refuses operations with NFS3ERR_ACCES (or
 * NFS3ERR_PERM for owner-only attribute changes, spec §2.4) when the mode bits forbid them.
 *
 * <p>Which bits an operation needs: READ, READDIR need READ; WRITE and a size change need MODIFY;
 * LOOKUP needs LOOKUP on the directory; CREATE, MKDIR, SYMLINK, MKNOD, LINK, REMOVE, RMDIR and
 * RENAME need MODIFY and LOOKUP on the directory (or directories) they change (POSIX w+x).
 */
public final class Nfs3Permissions {
    // ACCESS3 bits (RFC 1813 §3.3.4)
    public static final int ACCESS3_READ = 0x01;
    public static final int ACCESS3_LOOKUP = 0x02;
    public static final int ACCESS3_MODIFY = 0x04;
    public static final int ACCESS3_EXTEND = 0x08;
    public static final int ACCESS3_DELETE = 0x10;
    public static final int ACCESS3_EXECUTE = 0x20;

    /** What changing entries of a directory needs (POSIX write + search). */
    public static final int DIR_CHANGE = ACCESS3_MODIFY | ACCESS3_LOOKUP;

    private final Nfs3PermissionMode mode;

    public Nfs3Permissions(Nfs3PermissionMode mode) {
        this.mode = mode;
    }

    public Nfs3PermissionMode mode() {
        return mode;
    }

    /**
     * The bits that make sense for an object of this type, whoever asks. DELETE is a directory
     * bit only: RFC 1813 §3.3.4 defines it as "delete an existing directory entry", and knfsd
     * ({@code nfs3_regaccess}/{@code nfs3_anyaccess}) and ganesha never grant it on a file or a
     * symlink (a file's removal is decided by its directory's MODIFY, which REMOVE checks). LOOKUP
     * is a directory bit too; EXECUTE a file bit.
     */
    static int possible(FileAttributes a) {
        return switch (a.type()) {
            case DIRECTORY -> ACCESS3_READ | ACCESS3_LOOKUP | ACCESS3_MODIFY | ACCESS3_EXTEND | ACCESS3_DELETE;
            case REGULAR -> ACCESS3_READ | ACCESS3_MODIFY | ACCESS3_EXTEND | ACCESS3_EXECUTE;
            case SYMLINK -> ACCESS3_READ;
        };
    }

    /** The ACCESS3 bits {@code who} holds on an object with attributes {@code a}. */
    public int granted(Nfs3Identity who, FileAttributes a) {
        int possible = possible(a);
        if (mode == Nfs3PermissionMode.ALLOW_ALL || a.type() == io.interlock.server.core.vfs.FileType.SYMLINK) {
            return possible;
        }
        if (who.isRoot()) {
            boolean noExec = a.type() == io.interlock.server.core.vfs.FileType.REGULAR && (a.mode() & 0111) == 0;
            return noExec ? possible & ~ACCESS3_EXECUTE : possible;
        }
        int bits;
        if (who.uid() == a.uid()) {
            bits = (a.mode() >> 6) & 7;
        } else if (who.inGroup(a.gid())) {
            bits = (a.mode() >> 3) & 7;
        } else {
            bits = a.mode() & 7;
        }
        int g = 0;
        if ((bits & 4) != 0) {
            g |= ACCESS3_READ;
        }
        if ((bits & 2) != 0) {
            g |= ACCESS3_MODIFY | ACCESS3_EXTEND | ACCESS3_DELETE;
        }
        if ((bits & 1) != 0) {
            g |= ACCESS3_LOOKUP | ACCESS3_EXECUTE;
        }
        return g & possible;
    }

    /** Refuses with NFS3ERR_ACCES unless {@code who} holds every bit of {@code needed}. */
    public void require(Nfs3Identity who, FileAttributes a, int needed, XdrEncodable resfail) throws Nfs3Exception {
        if (mode == Nfs3PermissionMode.ALLOW_ALL) {
            return;
        }
        int missing = needed & ~granted(who, a);
        if (missing != 0) {
            throw new Nfs3Exception(
                    Nfs3Status.NFS3ERR_ACCES,
                    "uid " + who.uid() + " lacks access 0x" + Integer.toHexString(missing) + " on " + a.id(),
                    resfail);
        }
    }

    /**
     * Refuses with NFS3ERR_PERM unless {@code who} owns the object or is root: changing mode or
     * explicit times (RFC 1813 §3.3.2 leaves the policy to the server; POSIX chmod/utimes).
     */
    public void requireOwner(Nfs3Identity who, FileAttributes a, XdrEncodable resfail) throws Nfs3Exception {
        if (mode == Nfs3PermissionMode.ALLOW_ALL || who.isRoot() || who.uid() == a.uid()) {
            return;
        }
        throw new Nfs3Exception(Nfs3Status.NFS3ERR_PERM, "uid " + who.uid() + " does not own " + a.id(), resfail);
    }

    /** Refuses with NFS3ERR_PERM unless {@code who} is root (chown_restricted, PATHCONF). */
    public void requireRoot(Nfs3Identity who, String what, XdrEncodable resfail) throws Nfs3Exception {
        if (mode == Nfs3PermissionMode.ALLOW_ALL || who.isRoot()) {
            return;
        }
        throw new Nfs3Exception(Nfs3Status.NFS3ERR_PERM, "uid " + who.uid() + " may not " + what, resfail);
    }
}
