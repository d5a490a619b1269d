package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileId;
import io.interlock.server.nfs.v3.message.CreateRes;
import io.interlock.server.nfs.v3.xdr.PostOpAttr;
import io.interlock.server.nfs.v3.xdr.PostOpFh3;

/** The resok of CREATE, MKDIR and SYMLINK (RFC 1813 §3.3.8–10): handle, attributes, dir_wcc. */
final class Nfs3Created {
    private Nfs3Created() {}

    static CreateRes of(Nfs3Dir dir, FileId id) {
        Nfs3Target obj = dir.target().with(id);
        return new CreateRes(
                Nfs3Status.NFS3_OK,
                new PostOpFh3.Present(obj.handle()),
                PostOpAttr.of(Nfs3Context.attrsOrNull(obj), obj.shareId()),
                dir.wcc());
    }
}
