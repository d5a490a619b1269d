package io.interlock.scenarios.compare;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsLookupResponse;
import com.emc.ecs.nfsclient.nfs.NfsReadResponse;
import com.emc.ecs.nfsclient.nfs.NfsResponseBase;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsTime;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import io.interlock.scenarios.clients.nfs.Nfs3Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * nfs-client-java used below its file API: every call is "naked" (no status check, no retry), so
 * a step sees the exact nfsstat3 the server returned. Paths are resolved by LOOKUP from the
 * export's root handle. AUTH_SYS uid 0 / gid 0, as the peers export with no root squash.
 */
final class Nfs3Raw {
    /** stable_how FILE_SYNC (RFC 1813 §3.3.7). */
    static final int FILE_SYNC = 2;

    private static final int CHUNK = 64 * 1024;

    final Nfs3 nfs;
    final byte[] root;

    private Nfs3Raw(Nfs3 nfs) {
        this.nfs = nfs;
        this.root = nfs.getRootFileHandle();
    }

    /** MOUNTs {@code exportPath} through the portmapper on port 111 (hard-coded by the library). */
    static Nfs3Raw mount(String exportPath) throws IOException {
        return new Nfs3Raw(new Nfs3(NfsTarget.HOST, exportPath, new CredentialUnix(0, 0, Set.of()), 1));
    }

    /** A step failed before the operation under test: the text says which setup call and status. */
    static final class SetupFailed extends IOException {
        SetupFailed(String what) {
            super(what);
        }
    }

    static String status(NfsResponseBase r) {
        return Nfs3Status.nameOf(r.getState());
    }

    static String status(int state) {
        return Nfs3Status.nameOf(state);
    }

    /**
     * The comparable part of fattr3: type, mode, nlink, uid, gid and, except for directories, size.
     * Left out: fileid, fsid, times, used, rdev, and a directory's size (a property of the backing
     * file system: ext4 grows it in blocks, our memory store reports 4096).
     */
    static String attrs(NfsGetAttributes a) {
        if (a == null || !a.isLoaded()) {
            return "noattrs";
        }
        String type = typeName(a.getType().getValue());
        return type + " " + String.format("%04o", a.getMode() & 07777) + " nlink=" + a.getNlink() + " uid=" + a.getUid()
                + " gid=" + a.getGid() + (type.equals("DIR") ? "" : " size=" + a.getSize());
    }

    static String typeName(int ftype3) {
        return switch (ftype3) {
            case 1 -> "REG";
            case 2 -> "DIR";
            case 3 -> "BLK";
            case 4 -> "CHR";
            case 5 -> "LNK";
            case 6 -> "SOCK";
            case 7 -> "FIFO";
            default -> "ftype3(" + ftype3 + ")";
        };
    }

    NfsLookupResponse lookup(byte[] dir, String name) throws IOException {
        return nfs.getLookup(nfs.makeLookupRequest(dir, name));
    }

    /** The handle of {@code path} ("/a/b"; "" or "/" is the root), or SetupFailed. */
    byte[] fh(String path) throws IOException {
        byte[] h = root;
        for (String c : path.split("/")) {
            if (c.isEmpty()) {
                continue;
            }
            NfsLookupResponse r = lookup(h, c);
            if (!r.stateIsOk()) {
                throw new SetupFailed("setup LOOKUP " + path + ": " + status(r));
            }
            h = r.getFileHandle();
        }
        return h;
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    NfsGetAttributes getattr(String path) throws IOException {
        NfsResponseBase r = nfs.getAttr(nfs.makeGetAttrRequest(fh(path)));
        if (!r.stateIsOk()) {
            throw new SetupFailed("setup GETATTR " + path + ": " + status(r));
        }
        return r.getAttributes();
    }

    static NfsSetAttributes mode(long mode) {
        NfsSetAttributes s = new NfsSetAttributes();
        s.setMode(mode);
        return s;
    }

    static NfsSetAttributes size(long size) {
        NfsSetAttributes s = new NfsSetAttributes();
        s.setSize(size);
        return s;
    }

    /** CREATE; returns the response (status and obj_attributes). */
    NfsResponseBase create(String path, NfsCreateMode how, NfsSetAttributes attrs, byte[] verifier) throws IOException {
        return nfs.sendCreate(nfs.makeCreateRequest(how, fh(parent(path)), leaf(path), attrs, verifier));
    }

    /** A file created GUARDED with mode 0644 and {@code data} written FILE_SYNC; SetupFailed otherwise. */
    void put(String path, byte[] data) throws IOException {
        NfsResponseBase c = create(path, NfsCreateMode.GUARDED, mode(0644), null);
        if (!c.stateIsOk()) {
            throw new SetupFailed("setup CREATE " + path + ": " + status(c));
        }
        if (data.length > 0) {
            String w = write(path, 0, data);
            if (!w.startsWith("NFS3_OK")) {
                throw new SetupFailed("setup WRITE " + path + ": " + w);
            }
        }
    }

    NfsResponseBase mkdir(String path, long mode) throws IOException {
        return nfs.sendMkdir(nfs.makeMkdirRequest(fh(parent(path)), leaf(path), mode(mode)));
    }

    void mkdirOrFail(String path) throws IOException {
        NfsResponseBase r = mkdir(path, 0755);
        if (!r.stateIsOk()) {
            throw new SetupFailed("setup MKDIR " + path + ": " + status(r));
        }
    }

    /** WRITE FILE_SYNC in chunks; "NFS3_OK count=N" or the first failing status. */
    String write(String path, long offset, byte[] data) throws IOException {
        byte[] h = fh(path);
        int done = 0;
        do {
            int n = Math.min(CHUNK, data.length - done);
            List<ByteBuffer> payload = new ArrayList<>();
            payload.add(ByteBuffer.wrap(data, done, n).slice());
            var r = nfs.sendWrite(nfs.makeWriteRequest(h, offset + done, payload, FILE_SYNC));
            if (!r.stateIsOk()) {
                return status(r);
            }
            if (r.getCount() <= 0 && n > 0) {
                return "NFS3_OK short write at " + (offset + done);
            }
            done += r.getCount();
        } while (done < data.length);
        return "NFS3_OK count=" + done;
    }

    /** READ of one range: "STATUS count=N eof=B" plus the bytes in {@code out}. */
    NfsReadResponse read(byte[] h, long offset, int count, byte[] buf) throws IOException {
        return nfs.getRead(nfs.makeReadRequest(h, offset, count), buf, 0);
    }

    /** The whole file by READ until eof; SetupFailed on an error status. */
    byte[] readAll(String path) throws IOException {
        byte[] h = fh(path);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[CHUNK];
        long pos = 0;
        while (true) {
            NfsReadResponse r = read(h, pos, CHUNK, buf);
            if (!r.stateIsOk()) {
                throw new SetupFailed("READ " + path + " at " + pos + ": " + status(r));
            }
            out.write(buf, 0, r.getBytesRead());
            pos += r.getBytesRead();
            if (r.isEof() || r.getBytesRead() == 0) {
                return out.toByteArray();
            }
        }
    }

    NfsResponseBase setattr(String path, NfsSetAttributes attrs, NfsTime guard) throws IOException {
        return nfs.setAttr(nfs.makeSetAttrRequest(fh(path), attrs, guard));
    }

    NfsResponseBase remove(String path) throws IOException {
        return nfs.sendRemove(nfs.makeRemoveRequest(fh(parent(path)), leaf(path)));
    }

    NfsResponseBase rmdir(String path) throws IOException {
        return nfs.sendRmdir(nfs.makeRmdirRequest(fh(parent(path)), leaf(path)));
    }

    NfsResponseBase rename(String from, String to) throws IOException {
        return nfs.sendRename(nfs.makeRenameRequest(fh(parent(from)), leaf(from), fh(parent(to)), leaf(to)));
    }

    NfsResponseBase link(String existing, String newPath) throws IOException {
        return nfs.sendLink(nfs.makeLinkRequest(fh(existing), fh(parent(newPath)), leaf(newPath)));
    }

    NfsResponseBase symlink(String path, String target) throws IOException {
        return nfs.sendSymlink(nfs.makeSymlinkRequest(target, fh(parent(path)), leaf(path), mode(0777)));
    }

    /** "len=N sha256=first-12-hex" of some content. */
    static String digest(byte[] data) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(data);
            return "len=" + data.length + " sha256=" + HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
