package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.DirEntry;
import io.interlock.server.core.vfs.DirPage;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import java.util.ArrayList;
import java.util.List;

/**
 * What READDIR and READDIRPLUS share (RFC 1813 §3.3.16–17; spec §2.6, R-NFS-10): the directory,
 * its attributes, and one page of entries.
 *
 * <p><b>Cookies.</b> A listing starts with "." (cookie {@value #COOKIE_DOT}) and ".." (cookie
 * {@value #COOKIE_DOTDOT}), as knfsd and ganesha list them (R-NFS-10 "plus . and .."); the store's
 * cookies follow, shifted up by {@value #VFS_COOKIE_OFFSET}. The store never issues cookie 0, so
 * its cookies become 3, 4, ... on the wire and can never collide with the two reserved ones. Store
 * cookies are stable while the directory is unchanged and are never invalidated by unrelated
 * inserts or deletes, so the wire cookies are too; the cookie verifier is a constant 0 ("not
 * used"), because nfs-client-java cannot handle BAD_COOKIE (q9; its {@code list()} drops the dot
 * entries itself). ".." of an export's root is the root itself, as the store resolves it.
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

    /** The wire cookie after ".". */
    static final long COOKIE_DOT = 1;

    /** The wire cookie after "..". */
    static final long COOKIE_DOTDOT = 2;

    /** Wire cookie = store cookie + this (store cookies start at 1). */
    static final long VFS_COOKIE_OFFSET = 2;

    /**
     * One listed entry, a dot entry or one of the store's.
     *
     * @param name entry name
     * @param id the object it names
     * @param cookie the wire cookie to resume after it
     * @param attributes attributes of {@code id}
     */
    record Item(String name, FileId id, long cookie, FileAttributes attributes) {}

    /**
     * One page of items.
     *
     * @param items in cookie order
     * @param eof true when nothing follows the last item
     */
    record Page(List<Item> items, boolean eof) {}

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

    /**
     * Up to about {@code want} items after the wire {@code cookie}: the dot entries still due,
     * then the store's. Store errors (BAD_COOKIE for a cookie never issued) carry dir attrs.
     */
    Page page(long cookie, int want) throws Nfs3Exception {
        List<Item> items = new ArrayList<>(2);
        if (cookie == 0) {
            items.add(new Item(".", dir.id(), COOKIE_DOT, attrs));
        }
        if (cookie == 0 || cookie == COOKIE_DOT) {
            items.add(dotDot());
        }
        // 0, 1 and 2 all resume the store's listing at its start; anything else is a store cookie
        boolean reserved = cookie >= 0 && cookie <= COOKIE_DOTDOT;
        long vfsCookie = reserved ? 0 : cookie - VFS_COOKIE_OFFSET;
        int ask = Math.max(1, Math.min(MAX_ENTRIES, want - items.size()));
        DirPage p;
        try {
            p = dir.fs().readDirectory(dir.id(), vfsCookie, ask);
        } catch (FsException e) {
            throw new Nfs3Exception(Nfs3ErrorMapper.map(e.error()), e.getMessage(), post());
        }
        for (DirEntry e : p.entries()) {
            items.add(new Item(e.name(), e.id(), e.cookie() + VFS_COOKIE_OFFSET, e.attributes()));
        }
        return new Page(items, p.eof() || p.entries().isEmpty());
    }

    /** "..": the parent, or the directory itself when the store cannot name one (a removed dir). */
    private Item dotDot() {
        try {
            FileId parent = dir.fs().lookup(dir.id(), "..");
            return new Item("..", parent, COOKIE_DOTDOT, dir.fs().getAttributes(parent));
        } catch (FsException e) {
            return new Item("..", dir.id(), COOKIE_DOTDOT, attrs);
        }
    }

    /** TOOSMALL: not even the first entry fits the client's budget (R-NFS-10). */
    Nfs3Exception tooSmall(String detail) {
        return new Nfs3Exception(Nfs3Status.NFS3ERR_TOOSMALL, detail, post());
    }
}
