package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;

/**
 * What READDIR and READDIRPLUS share (RFC 1813 §3.3.16–17; spec §2.6, R-NFS-10): the directory,
 * its attributes, and one page of the store's entries. Cookies are the store's cookies, stable
 * while the directory is unchanged and never invalidated by unrelated inserts or deletes; the
 * cookie verifier is a constant 0 ("not used"), because nfs-client-java cannot handle BAD_COOKIE
 * (q9). "." and ".." are not listed (the store has no cookies for them).
 *
 * @param dir the directory
 * @param attrs its attributes, as returned in dir_attributes
 */
record Nfs3Listing(Nfs3Target dir, FileAttributes attrs) {
    /** Bytes of a resok besides the entries: status, dir_attributes, cookieverf, list end, eof. */
    static final int REPLY_OVERHEAD = 4 + (4 + 84) + 8 + 4 + 4;

    /** The most entries asked of the store for one reply. */
    static final int MAX_ENTRIES = 4096;

    static final byte[] COOKIEVERF = new byte[8];

    /** Opens a directory for listing: NOTDIR for other objects, ACCES without read permission. */
    static Nfs3Listing open(Nfs3Context ctx, Nfs3Call call, byte[] fh) throws Nfs3Exception, FsException {
        Nfs3Target dir = ctx.resolve(fh);
        FileAttributes a = dir.fs().getAttributes(dir.id());
        Nfs3Listing l = new Nfs3Listing(dir, a);
        if (a.type() != FileType.DIRECTORY) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NOTDIR, dir.id() + " is not a directory", l.post());
        }
        ctx.permissions().require(call.who(), a, Nfs3Permissions.ACCESS3_READ, l.post());
        return l;
    }

    PostOpAttr post() {
        return PostOpAttr.of(attrs, dir.shareId());
    }

    /** Up to {@code want} entries after {@code cookie}; store errors (BAD_COOKIE) carry dir attrs. */
    DirPage page(long cookie, int want) throws Nfs3Exception {
        try {
            return dir.fs().readDirectory(dir.id(), cookie, Math.max(1, Math.min(MAX_ENTRIES, want)));
        } catch (FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), post());
        }
    }

    /** TOOSMALL: not even the first entry fits the client's budget (R-NFS-10). */
    Nfs3Exception tooSmall(String detail) {
        return new Nfs3Exception(Nfs3Status.NFS3ERR_TOOSMALL, detail, post());
    }
}
