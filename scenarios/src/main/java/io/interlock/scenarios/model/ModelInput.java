package io.interlock.scenarios.model;

import java.util.Objects;

/**
 * The one input of a window: something the server received, or something that happened to it.
 * Requests carry the engine's request id {@code req}, which the window's {@link ModelOutput.Reply}
 * and {@link ModelOutput.Interim} name. Clients are names ("A"); for SMB a client name stands for a
 * ClientGuid, so a lease is (client, key) and an open is (client, handle). Paths are relative to the
 * share root, which is also the NFS export root ("f", "d/g"): both protocols see one namespace.
 */
public sealed interface ModelInput {

    /** An input that expects a reply. */
    sealed interface Request extends ModelInput {
        long req();

        String client();
    }

    // ------------------------------------------------------------------------------------------
    // SMB2

    /** CreateDisposition ([MS-SMB2] 2.2.13). */
    enum Disposition {
        SUPERSEDE,
        OPEN,
        CREATE,
        OPEN_IF,
        OVERWRITE,
        OVERWRITE_IF;

        /** SUPERSEDE, OVERWRITE and OVERWRITE_IF replace the data of an existing file (R-SMB-32). */
        public boolean overwrites() {
            return this == SUPERSEDE || this == OVERWRITE || this == OVERWRITE_IF;
        }

        /** Whether a missing file is created. */
        public boolean creates() {
            return this != OPEN && this != OVERWRITE;
        }
    }

    /**
     * An SMB2_CREATE_REQUEST_LEASE(_V2) context ([MS-SMB2] 2.2.13.2.8/.10).
     *
     * @param key the LeaseKey (opaque; any string here)
     * @param requested requested {@link CacheBits}
     * @param version 1 (32-byte context) or 2 (52 bytes, 3.x only)
     * @param parentKey v2 ParentLeaseKey, or null when PARENT_LEASE_KEY_SET is clear
     * @param epoch the v2 request Epoch (used only when the lease is new, §2.7)
     */
    record LeaseRequest(String key, int requested, int version, String parentKey, int epoch) {
        public LeaseRequest {
            Objects.requireNonNull(key, "key");
            if (version != 1 && version != 2) {
                throw new IllegalArgumentException("lease version is 1 or 2");
            }
        }

        public static LeaseRequest v1(String key, int requested) {
            return new LeaseRequest(key, requested, 1, null, 0);
        }

        public static LeaseRequest v2(String key, int requested) {
            return new LeaseRequest(key, requested, 2, null, 0);
        }
    }

    /**
     * SMB2 CREATE. {@code oplock} is the RequestedOplockLevel; a lease is requested with {@code
     * oplock} = LEASE and a non-null {@code lease}.
     *
     * @param directory FILE_DIRECTORY_FILE
     * @param access DesiredAccess (generic rights allowed)
     * @param share ShareAccess
     */
    record SmbCreate(
            long req,
            String client,
            String handle,
            String path,
            boolean directory,
            Disposition disposition,
            int access,
            int share,
            LeaseRequest lease,
            OplockLevel oplock)
            implements Request {
        public SmbCreate {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(handle, "handle");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(oplock, "oplock");
        }

        /** OPEN_IF of a file for read and write, sharing everything, with a lease. */
        public static SmbCreate withLease(long req, String client, String handle, String path, LeaseRequest lease) {
            return new SmbCreate(
                    req,
                    client,
                    handle,
                    path,
                    false,
                    Disposition.OPEN_IF,
                    Smb2Access.READ_WRITE,
                    Smb2Access.FILE_SHARE_ALL,
                    lease,
                    OplockLevel.LEASE);
        }

        /** OPEN_IF of a file for read and write, sharing everything, with an oplock request. */
        public static SmbCreate withOplock(long req, String client, String handle, String path, OplockLevel oplock) {
            return new SmbCreate(
                    req,
                    client,
                    handle,
                    path,
                    false,
                    Disposition.OPEN_IF,
                    Smb2Access.READ_WRITE,
                    Smb2Access.FILE_SHARE_ALL,
                    null,
                    oplock);
        }

        public SmbCreate withDisposition(Disposition d) {
            return new SmbCreate(req, client, handle, path, directory, d, access, share, lease, oplock);
        }

        public SmbCreate withAccess(int a, int s) {
            return new SmbCreate(req, client, handle, path, directory, disposition, a, s, lease, oplock);
        }

        public SmbCreate asDirectory() {
            return new SmbCreate(req, client, handle, path, true, disposition, access, share, lease, oplock);
        }
    }

    /** SMB2 CLOSE. */
    record SmbClose(long req, String client, String handle) implements Request {}

    /** SMB2 READ of {@code length} bytes at {@code offset}. */
    record SmbRead(long req, String client, String handle, long offset, long length) implements Request {}

    /** SMB2 WRITE of {@code data} at {@code offset}. */
    record SmbWrite(long req, String client, String handle, long offset, Bytes data) implements Request {}

    /** SMB2 SET_INFO FileEndOfFileInformation. */
    record SmbSetEndOfFile(long req, String client, String handle, long size) implements Request {}

    /** SMB2 LOCK of one range ([MS-SMB2] 2.2.26; SMB2_LOCKFLAG_SHARED/EXCLUSIVE, FAIL_IMMEDIATELY). */
    record SmbLock(
            long req,
            String client,
            String handle,
            long offset,
            long length,
            boolean exclusive,
            boolean failImmediately)
            implements Request {}

    /** SMB2 LOCK with SMB2_LOCKFLAG_UNLOCK for one range. */
    record SmbUnlock(long req, String client, String handle, long offset, long length) implements Request {}

    /** A lease break acknowledgment ([MS-SMB2] 2.2.24.2) from a connection of {@code client}. */
    record SmbLeaseAck(long req, String client, String key, int state) implements Request {}

    /** An oplock break acknowledgment ([MS-SMB2] 2.2.24.1) for an open. */
    record SmbOplockAck(long req, String client, String handle, OplockLevel level) implements Request {}

    // ------------------------------------------------------------------------------------------
    // NFSv3

    /** NFSPROC3_READ (RFC 1813 §3.3.6) of the object at {@code path}. */
    record NfsRead(long req, String client, String path, long offset, long count) implements Request {}

    /** NFSPROC3_WRITE (RFC 1813 §3.3.7). */
    record NfsWrite(long req, String client, String path, long offset, Bytes data) implements Request {}

    /** createhow3 modes (RFC 1813 §3.3.8). */
    enum NfsCreateMode {
        UNCHECKED,
        GUARDED,
        EXCLUSIVE
    }

    /**
     * NFSPROC3_CREATE (RFC 1813 §3.3.8).
     *
     * @param size sattr3 size for UNCHECKED/GUARDED, or null when not set
     * @param verifier the createverf3 of an EXCLUSIVE create (ignored otherwise)
     */
    record NfsCreate(long req, String client, String path, NfsCreateMode mode, Long size, long verifier)
            implements Request {
        public static NfsCreate unchecked(long req, String client, String path, Long size) {
            return new NfsCreate(req, client, path, NfsCreateMode.UNCHECKED, size, 0);
        }

        public static NfsCreate guarded(long req, String client, String path) {
            return new NfsCreate(req, client, path, NfsCreateMode.GUARDED, null, 0);
        }
    }

    /** NFSPROC3_SETATTR with only a size (RFC 1813 §3.3.2). */
    record NfsSetSize(long req, String client, String path, long size) implements Request {}

    /** NFSPROC3_REMOVE (RFC 1813 §3.3.12). */
    record NfsRemove(long req, String client, String path) implements Request {}

    /** NFSPROC3_RENAME (RFC 1813 §3.3.14). */
    record NfsRename(long req, String client, String from, String to) implements Request {}

    /** NFSPROC3_MKDIR (RFC 1813 §3.3.9). */
    record NfsMkdir(long req, String client, String path) implements Request {}

    /** NFSPROC3_RMDIR (RFC 1813 §3.3.13). */
    record NfsRmdir(long req, String client, String path) implements Request {}

    /** NFSPROC3_LINK (RFC 1813 §3.3.15): a new name {@code newPath} for {@code existing}. */
    record NfsLink(long req, String client, String existing, String newPath) implements Request {}

    /** NFSPROC3_LOOKUP (RFC 1813 §3.3.3); never breaks (R-SMB-85). */
    record NfsLookup(long req, String client, String path) implements Request {}

    /** NFSPROC3_GETATTR (RFC 1813 §3.3.1); never breaks (R-SMB-85). */
    record NfsGetattr(long req, String client, String path) implements Request {}

    /**
     * An NFS or NLM ({@code nlm}) request through the handle of an object that is gone (removed, or
     * replaced by a rename): it changes nothing and answers STALE (R-NFS-3) or STALE_FH (R-NLM-12).
     */
    record StaleHandle(long req, String client, boolean nlm) implements Request {}

    // ------------------------------------------------------------------------------------------
    // NLM v4

    /** An NLM lock owner: caller_name and svid (catalog §3.2 nlm4_lock). */
    record NlmOwner(String caller, int svid) implements LockOwner {
        @Override
        public String toString() {
            return caller + "/" + svid;
        }
    }

    /** NLM4_LOCK (catalog §3.3). {@code length} 0 = to the end of any file (l_len = 0). */
    record NlmLock(
            long req,
            String client,
            NlmOwner owner,
            String path,
            long offset,
            long length,
            boolean exclusive,
            boolean block,
            boolean reclaim)
            implements Request {}

    /** NLM4_TEST. */
    record NlmTest(long req, String client, NlmOwner owner, String path, long offset, long length, boolean exclusive)
            implements Request {}

    /** NLM4_UNLOCK. */
    record NlmUnlock(long req, String client, NlmOwner owner, String path, long offset, long length)
            implements Request {}

    /** NLM4_CANCEL of a blocked LOCK with the same owner, file, range and type. */
    record NlmCancel(long req, String client, NlmOwner owner, String path, long offset, long length, boolean exclusive)
            implements Request {}

    /** NLM4_FREE_ALL for {@code callerName} (R-NLM-10). */
    record NlmFreeAll(long req, String client, String callerName) implements Request {}

    // ------------------------------------------------------------------------------------------
    // Shares (the target's administration surface and srvsvc)

    /** Adds an enabled share; the call has returned when its reply is seen. */
    record ShareAdd(long req, String client, String name) implements Request {}

    record ShareRemove(long req, String client, String name) implements Request {}

    record ShareDisable(long req, String client, String name) implements Request {}

    record ShareEnable(long req, String client, String name) implements Request {}

    /** NetShareEnumAll (srvsvc opnum 15) through a newly opened IPC$ pipe (R-CACHE-1..5). */
    record ShareEnum(long req, String client) implements Request {}

    // ------------------------------------------------------------------------------------------
    // Time and connections

    /** The scheduler advances the virtual clock to {@code toNanos} (absolute). */
    record TimePasses(long toNanos) implements ModelInput {}

    /** Every connection of {@code client} is dropped. */
    record Disconnect(String client) implements ModelInput {}

    /** A request the model does not know; its window and all later ones are unchecked. */
    record Unknown(long req, String client, String description) implements Request {}
}
