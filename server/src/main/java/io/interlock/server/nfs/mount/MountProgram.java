package io.interlock.server.nfs.mount;

import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.FsError;
import io.interlock.server.core.vfs.FsException;
import io.interlock.server.core.vfs.VirtualFileSystem;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MOUNT program 100005 version 3 (RFC 1813 §5): NULL, MNT, DUMP, UMNT, UMNTALL, EXPORT. Exports
 * are "/" + share name of the enabled shares; an unknown path → MNT3ERR_NOENT (spec R-MNT-1), a
 * path naming (or passing through) a non-directory → MNT3ERR_NOTDIR (RFC 1813 §5.1.5 "not a
 * directory", as knfsd's ENOTDIR).
 */
public final class MountProgram implements RpcProgram {
    private static final Logger log = LoggerFactory.getLogger(MountProgram.class);

    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;

    public static final int MOUNTPROC3_NULL = 0;
    public static final int MOUNTPROC3_MNT = 1;
    public static final int MOUNTPROC3_DUMP = 2;
    public static final int MOUNTPROC3_UMNT = 3;
    public static final int MOUNTPROC3_UMNTALL = 4;
    public static final int MOUNTPROC3_EXPORT = 5;

    // mountstat3
    public static final int MNT3_OK = 0;
    public static final int MNT3ERR_NOENT = 2;
    public static final int MNT3ERR_NOTDIR = 20;

    /** MNTPATHLEN (RFC 1813 §5.1.1). */
    public static final int MNTPATHLEN = 1024;

    private final ShareRegistry shares;

    /** The mount list (DUMP): host + directory. */
    private record MountEntry(String host, String directory) {}

    private final Set<MountEntry> mounts = ConcurrentHashMap.newKeySet();

    public MountProgram(ShareRegistry shares) {
        this.shares = shares;
    }

    @Override
    public RpcProgramId id() {
        return RpcProgramId.of(PROGRAM, VERSION);
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        return switch (procedure) {
            case MOUNTPROC3_NULL -> req -> done(XdrEncodable.VOID);
            case MOUNTPROC3_MNT -> this::mnt;
            case MOUNTPROC3_DUMP -> req -> done(dump());
            case MOUNTPROC3_UMNT ->
                req -> {
                    String path = req.args().readString(MNTPATHLEN);
                    mounts.remove(new MountEntry(host(req), path));
                    return done(XdrEncodable.VOID);
                };
            case MOUNTPROC3_UMNTALL ->
                req -> {
                    String host = host(req);
                    mounts.removeIf(m -> m.host().equals(host));
                    return done(XdrEncodable.VOID);
                };
            case MOUNTPROC3_EXPORT -> req -> done(exports());
            default -> null;
        };
    }

    /** MNT: dirpath → mountres3 {status; on OK fhandle3 opaque<64>, auth_flavors int<>}. */
    private CompletableFuture<XdrEncodable> mnt(RpcRequest req) {
        String path = req.args().readString(MNTPATHLEN);
        Resolved r = resolve(path);
        if (!(r instanceof MountPoint mp)) {
            int status = ((Refused) r).status();
            log.debug("MNT {} from {}: mountstat3 {}", path, req.remote(), status);
            return done(w -> w.writeInt(status));
        }
        Share s = mp.share();
        byte[] fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf(s.name()), mp.dir()).encode();
        mounts.add(new MountEntry(host(req), path));
        log.debug("MNT {} from {}", path, req.remote());
        return done(w -> {
            w.writeInt(MNT3_OK);
            w.writeOpaque(fh);
            w.writeInt(1).writeInt(Rpc.AUTH_SYS);
        });
    }

    /** What a MNT path resolves to. */
    private sealed interface Resolved permits MountPoint, Refused {}

    /** A mountable directory: an export or a directory below it. */
    private record MountPoint(Share share, FileId dir) implements Resolved {}

    /** No mount point: the mountstat3 to answer. */
    private record Refused(int status) implements Resolved {}

    /**
     * Resolves "/share" or "/share/sub/dir" (as knfsd and ganesha allow mounting a subdirectory of
     * an export; libnfs mounts the parent directory of the file it is given). An unknown export, a
     * missing component and the components "." and ".." → NOENT; a component that exists but is
     * no directory → NOTDIR.
     */
    private Resolved resolve(String path) {
        String[] parts = path.split("/+");
        int first = parts.length > 0 && parts[0].isEmpty() ? 1 : 0;
        if (parts.length <= first) {
            return new Refused(MNT3ERR_NOENT);
        }
        Optional<Share> share = shares.get(parts[first]).filter(Share::enabled);
        if (share.isEmpty()) {
            return new Refused(MNT3ERR_NOENT);
        }
        VirtualFileSystem fs = share.get().fs();
        FileId dir = fs.root();
        try {
            for (int i = first + 1; i < parts.length; i++) {
                if (parts[i].equals(".") || parts[i].equals("..")) {
                    return new Refused(MNT3ERR_NOENT);
                }
                dir = fs.lookup(dir, parts[i]);
                if (!fs.getAttributes(dir).isDirectory()) {
                    return new Refused(MNT3ERR_NOTDIR);
                }
            }
        } catch (FsException e) {
            return new Refused(e.error() == FsError.NOT_DIRECTORY ? MNT3ERR_NOTDIR : MNT3ERR_NOENT);
        }
        return new MountPoint(share.get(), dir);
    }

    private XdrEncodable dump() {
        List<MountEntry> all = new ArrayList<>(mounts);
        return w -> {
            for (MountEntry m : all) {
                w.writeBoolean(true).writeString(m.host()).writeString(m.directory());
            }
            w.writeBoolean(false);
        };
    }

    private XdrEncodable exports() {
        List<String> dirs = shares.list().stream()
                .filter(Share::enabled)
                .map(Share::exportPath)
                .sorted()
                .toList();
        return w -> {
            for (String d : dirs) {
                w.writeBoolean(true).writeString(d);
                w.writeBoolean(false); // ex_groups: empty list (everyone)
            }
            w.writeBoolean(false);
        };
    }

    private static String host(RpcRequest req) {
        if (req.credential() instanceof RpcCredential.Sys sys) {
            return sys.machineName();
        }
        return String.valueOf(req.remote());
    }

    private static CompletableFuture<XdrEncodable> done(XdrEncodable e) {
        return CompletableFuture.completedFuture(e);
    }
}
