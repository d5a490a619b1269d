package io.interlock.scenarios.model;

/**
 * A file or directory object, apart from its names: an SMB open or an NLM lock keeps referring to
 * it after an NFS REMOVE or RENAME, as a POSIX file descriptor does (Samba on Linux beside a POSIX
 * NFS server; spec README: where the catalogs are silent).
 *
 * @param exclusiveVerifier the createverf3 of an NFS EXCLUSIVE create that made it, else null
 *     (R-NFS-9)
 */
public record Inode(long id, boolean directory, Bytes content, Long exclusiveVerifier) {
    public long size() {
        return content.size();
    }

    public Inode withContent(Bytes c) {
        return new Inode(id, directory, c, exclusiveVerifier);
    }
}
