package io.interlock.server.nfs.v3;

import io.interlock.server.core.io.PayloadAllocator;
import io.interlock.server.core.time.ServerClock;
import io.interlock.server.core.vfs.FileAttributes;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every NFSv3 handler needs: shares, the break gate, the clock, this instance's write
 * verifier, and the EXCLUSIVE CREATE verifiers (kept here because the storage SPI has no slot for
 * them; the in-memory store forgets its files on restart anyway).
 */
public final class Nfs3Context {
    /** FSINFO rtmax/wtmax and rtpref/wtpref: 1 MiB (spec q7/q8: preferred sizes 64 KiB..1 MiB). */
    public static final int MAX_IO = 1024 * 1024;

    private final ShareRegistry shares;
    private final Nfs3BreakGate gate;
    private final ServerClock clock;
    private final byte[] writeVerifier;
    private final Nfs3Permissions permissions;
    private final PayloadAllocator payloads;

    private record ExclusiveKey(int shareId, FileId id) {}

    private final Map<ExclusiveKey, byte[]> exclusiveVerifiers = new ConcurrentHashMap<>();

    /** A context whose exports allow everything ({@link Nfs3PermissionMode#ALLOW_ALL}). */
    public Nfs3Context(ShareRegistry shares, Nfs3BreakGate gate, ServerClock clock, byte[] writeVerifier) {
        this(shares, gate, clock, writeVerifier, Nfs3PermissionMode.ALLOW_ALL);
    }

    public Nfs3Context(
            ShareRegistry shares,
            Nfs3BreakGate gate,
            ServerClock clock,
            byte[] writeVerifier,
            Nfs3PermissionMode permissionMode) {
        this(shares, gate, clock, writeVerifier, permissionMode, PayloadAllocator.HEAP);
    }

    /** @param payloads where READ data goes: the transport's buffers, sent without a copy */
    public Nfs3Context(
            ShareRegistry shares,
            Nfs3BreakGate gate,
            ServerClock clock,
            byte[] writeVerifier,
            Nfs3PermissionMode permissionMode,
            PayloadAllocator payloads) {
        this.payloads = payloads;
        this.shares = shares;
        this.gate = gate;
        this.clock = clock;
        this.writeVerifier = writeVerifier.clone();
        this.permissions = new Nfs3Permissions(permissionMode);
    }

    public Nfs3Permissions permissions() {
        return permissions;
    }

    /** Where READ data is read into (pooled direct buffers on the server; heap in tests). */
    public PayloadAllocator payloads() {
        return payloads;
    }

    /**
     * The attributes of a new object: the caller's AUTH_SYS uid and gid unless the client's sattr3
     * sets them (as knfsd does for an unsquashed caller).
     */
    public static SetAttributes ownedBy(Nfs3Identity who, SetAttributes asked) {
        return new SetAttributes(
                asked.mode(),
                asked.uid() != null ? asked.uid() : Integer.valueOf(who.uid()),
                asked.gid() != null ? asked.gid() : Integer.valueOf(who.gid()),
                asked.size(),
                asked.atime(),
                asked.mtime(),
                asked.birthTime(),
                asked.dosAttributes());
    }

    public Nfs3BreakGate gate() {
        return gate;
    }

    public ServerClock clock() {
        return clock;
    }

    /** Whether no share's store waits for I/O ({@link ShareRegistry#nonBlocking}). */
    public boolean sharesNonBlocking() {
        return shares.nonBlocking();
    }

    /** writeverf3: one value per server instance (RFC 1813 §3.3.7, spec R-NFS-7). */
    public byte[] writeVerifier() {
        return writeVerifier.clone();
    }

    /** Resolves a wire handle: BADHANDLE if undecodable, STALE if its share is gone or disabled. */
    public Nfs3Target resolve(byte[] fh) throws Nfs3Exception {
        Nfs3FileHandle h = Nfs3FileHandle.decode(fh);
        for (Share s : shares.list()) {
            if (s.enabled() && Nfs3FileHandle.shareIdOf(s.name()) == h.shareId()) {
                return new Nfs3Target(s, h.shareId(), h.fileId());
            }
        }
        throw new Nfs3Exception(Nfs3Status.NFS3ERR_STALE, "no share with id " + h.shareId());
    }

    /** Attributes, or null when they cannot be had (for optional post_op_attr / wcc blocks). */
    public static FileAttributes attrsOrNull(Nfs3Target t) {
        try {
            return t.fs().getAttributes(t.id());
        } catch (FsException e) {
            return null;
        }
    }

    /**
     * Checks a name for a procedure that creates or removes an entry (RFC 1813 §3.3.8 ff.; spec
     * R-NFS-12): empty or containing '/' or NUL → INVAL, over 255 bytes → NAMETOOLONG, "." or
     * ".." → {@code dotStatus}.
     */
    public static String checkName(byte[] raw, Nfs3Status dotStatus) throws Nfs3Exception {
        if (raw.length == 0) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, "empty name");
        }
        if (raw.length > io.interlock.server.core.vfs.VirtualFileSystem.MAX_NAME_BYTES) {
            throw new Nfs3Exception(Nfs3Status.NFS3ERR_NAMETOOLONG, raw.length + "-byte name");
        }
        for (byte b : raw) {
            if (b == '/' || b == 0) {
                throw new Nfs3Exception(Nfs3Status.NFS3ERR_INVAL, "name contains '/' or NUL");
            }
        }
        String name = new String(raw, StandardCharsets.UTF_8);
        if (name.equals(".") || name.equals("..")) {
            throw new Nfs3Exception(dotStatus, "name '" + name + "'");
        }
        return name;
    }

    public void rememberExclusive(Nfs3Target file, byte[] verifier) {
        exclusiveVerifiers.put(new ExclusiveKey(file.shareId(), file.id()), verifier.clone());
    }

    public boolean exclusiveMatches(Nfs3Target file, byte[] verifier) {
        byte[] v = exclusiveVerifiers.get(new ExclusiveKey(file.shareId(), file.id()));
        return v != null && Arrays.equals(v, verifier);
    }
}
