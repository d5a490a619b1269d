package io.interlock.server.nfs.nlm;

import io.interlock.server.core.lock.ByteRange;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.nfs.v3.Nfs3Exception;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;

/**
 * Turns an NLM fh (the NFSv3 handle, RFC 1813 §6.1.4) into a {@link FileId}, and (offset, len) into
 * a {@link ByteRange}. Any handle that is not ours, names a share that is gone, or names an object
 * that no longer exists is NLM4_STALE_FH (R-NLM-12; DittoFS answers FAILED here).
 */
final class NlmFiles {
    private final ShareRegistry shares;

    NlmFiles(ShareRegistry shares) {
        this.shares = shares;
    }

    FileId resolve(byte[] fh) throws Nlm4Exception {
        Nfs3FileHandle h;
        try {
            h = Nfs3FileHandle.decode(fh);
        } catch (Nfs3Exception e) {
            throw new Nlm4Exception(Nlm4Stats.NLM4_STALE_FH, e.getMessage());
        }
        for (Share s : shares.list()) {
            if (s.enabled() && Nfs3FileHandle.shareIdOf(s.name()) == h.shareId()) {
                try {
                    s.fs().getAttributes(h.fileId());
                    return h.fileId();
                } catch (FsException e) {
                    throw new Nlm4Exception(Nlm4Stats.NLM4_STALE_FH, "file " + h.fileId() + ": " + e.getMessage());
                }
            }
        }
        throw new Nlm4Exception(Nlm4Stats.NLM4_STALE_FH, "no share with id " + h.shareId());
    }

    /** The range of an nlm4_lock; offset + len above 2^64 is NLM4_FBIG, never wrapped (R-NLM-8). */
    static ByteRange range(Nlm4Lock l) throws Nlm4Exception {
        if (!ByteRange.isValid(l.offset(), l.length())) {
            throw new Nlm4Exception(Nlm4Stats.NLM4_FBIG, "range " + l + " exceeds 2^64");
        }
        return ByteRange.of(l.offset(), l.length());
    }
}
