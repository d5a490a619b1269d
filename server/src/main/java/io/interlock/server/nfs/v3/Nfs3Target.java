package io.interlock.server.nfs.v3;

import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.runtime.Share;

/**
 * An object a decoded handle names: its share and id.
 *
 * @param share the live share
 * @param shareId the share id carried in handles (also the fsid)
 * @param id the object
 */
public record Nfs3Target(Share share, int shareId, FileId id) {
    public VirtualFileSystem fs() {
        return share.fs();
    }

    /** The same share, another object. */
    public Nfs3Target with(FileId other) {
        return new Nfs3Target(share, shareId, other);
    }

    public byte[] handle() {
        return new Nfs3FileHandle(shareId, id).encode();
    }
}
