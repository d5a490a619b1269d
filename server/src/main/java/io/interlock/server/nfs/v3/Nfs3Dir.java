package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FileType;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.rpc.XdrEncodable;

/**
 * A directory a namespace procedure changes, with its attributes captured before the change so
 * every reply, success or failure, can carry an accurate dir_wcc (R-NFS-4).
 *
 * @param target the directory
 * @param pre its attributes before the change
 */
record Nfs3Dir(Nfs3Target target, FileAttributes pre) {
    /** Resolves a directory handle: NOTDIR (with wcc) when it is not a directory. */
    static Nfs3Dir open(Nfs3Context ctx, byte[] fh) throws Nfs3Exception, FsException {
        Nfs3Target t = ctx.resolve(fh);
        FileAttributes pre = t.fs().getAttributes(t.id());
        Nfs3Dir d = new Nfs3Dir(t, pre);
        if (pre.type() != FileType.DIRECTORY) {
            throw d.fail(Nfs3Status.NFS3ERR_NOTDIR, t.id() + " is not a directory");
        }
        return d;
    }

    /** The wcc_data of this directory, post attributes taken now. */
    XdrEncodable wcc() {
        FileAttributes post = Nfs3Context.attrsOrNull(target);
        return w -> Nfs3Xdr.wcc(w, pre, post, target.shareId());
    }

    Nfs3Exception fail(Nfs3Status status, String detail) {
        return new Nfs3Exception(status, detail, wcc());
    }

    Nfs3Exception fail(FsException e) {
        return fail(Nfs3ErrorMapper.map(e.error()), e.getMessage());
    }

    /** The entry's id, or null when the name does not exist. */
    FileId lookupOrNull(String name) throws FsException {
        try {
            return target.fs().lookup(target.id(), name);
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
