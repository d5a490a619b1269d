package io.interlock.scenarios.compare;

import static io.interlock.scenarios.compare.Nfs3Raw.attrs;
import static io.interlock.scenarios.compare.Nfs3Raw.status;

import com.emc.ecs.nfsclient.nfs.NfsCreateMode;
import com.emc.ecs.nfsclient.nfs.NfsGetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsResponseBase;
import com.emc.ecs.nfsclient.nfs.NfsSetAttributes;
import com.emc.ecs.nfsclient.nfs.NfsTime;
import com.emc.ecs.nfsclient.nfs.NfsType;
import com.emc.ecs.nfsclient.rpc.Xdr;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Single NFSv3 procedures through nfs-client-java with their exact nfsstat3: the error cases of
 * issue 4 (missing file, exclusive create twice, REMOVE of a directory, RMDIR of a non-empty
 * directory, RENAME over a directory, names too long), 0-byte files, sparse writes, truncation by
 * SETATTR, symlinks, hard links and link counts. Paged READDIR lives in {@link ReaddirSteps}.
 */
final class ProtocolSteps {
    private static final byte[] VERF_A = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final byte[] VERF_B = {8, 7, 6, 5, 4, 3, 2, 1};

    private final Nfs3Raw raw;

    ProtocolSteps(Nfs3Raw raw) {
        this.raw = raw;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Status, plus the post-op object attributes when the call succeeded. */
    private static String withAttrs(NfsResponseBase r) {
        return r.stateIsOk() ? status(r) + " " + attrs(r.getAttributes()) : status(r);
    }

    private String getattr(String path) throws Exception {
        NfsResponseBase r = raw.nfs.getAttr(raw.nfs.makeGetAttrRequest(raw.fh(path)));
        return withAttrs(r);
    }

    private String lookup(String dir, String name) throws Exception {
        return withAttrs(raw.lookup(raw.fh(dir), name));
    }

    /**
     * The same instant as a "bare" nfstime3, which the library insists on for a SETATTR guard; the
     * attribute decoder makes "client time" values. Round-trips through the library's own XDR so
     * the nanoseconds survive.
     */
    static NfsTime bare(NfsTime t) {
        Xdr x = new Xdr(16);
        t.marshalling(x);
        Xdr in = new Xdr(Arrays.copyOf(x.getBuffer(), x.getOffset()));
        in.setOffset(t.isBareTime() ? 0 : 4); // skip time_how
        NfsTime b = new NfsTime(0L, false);
        b.unmarshalling(in);
        return b;
    }

    void addTo(NfsOpScript s) {
        new ReaddirSteps(raw).addTo(s);
        s.add("getattr.root", "GETATTR of the export root (type only: root perms/owner are site config)", () -> {
            NfsGetAttributes a = raw.getattr("/");
            return Nfs3Raw.typeName(a.getType().getValue());
        });
        s.add("lookup.missing", "LOOKUP of a missing name", () -> lookup("/", "p-missing"));
        s.add("lookup.dot", "LOOKUP \".\" in the root", () -> lookup("/", "."));
        s.add("lookup.in-file", "LOOKUP with a regular file as the directory", () -> {
            raw.put("/p-file", ascii("x"));
            return status(raw.lookup(raw.fh("/p-file"), "x"));
        });
        s.add("lookup.name-256", "LOOKUP of a 256-byte name", () -> status(raw.lookup(raw.root, "n".repeat(256))));

        s.add(
                "create.unchecked",
                "CREATE UNCHECKED mode 0644",
                () -> withAttrs(raw.create("/p-c1", NfsCreateMode.UNCHECKED, Nfs3Raw.mode(0644), null)));
        s.add(
                "create.no-mode",
                "CREATE UNCHECKED with no mode in sattr3",
                () -> withAttrs(raw.create("/p-c0", NfsCreateMode.UNCHECKED, new NfsSetAttributes(), null)));
        s.add("create.unchecked.existing-size0", "CREATE UNCHECKED size=0 over a 5-byte file", () -> {
            raw.put("/p-c2", ascii("12345"));
            return withAttrs(raw.create("/p-c2", NfsCreateMode.UNCHECKED, Nfs3Raw.size(0), null));
        });
        s.add(
                "create.guarded.twice",
                "CREATE GUARDED twice",
                () -> status(raw.create("/p-g", NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)) + " then "
                        + status(raw.create("/p-g", NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)));
        s.add(
                "create.exclusive.twice-same-verf",
                "CREATE EXCLUSIVE twice with one verifier (a retransmission)",
                () -> status(raw.create("/p-x1", NfsCreateMode.EXCLUSIVE, null, VERF_A)) + " then "
                        + status(raw.create("/p-x1", NfsCreateMode.EXCLUSIVE, null, VERF_A)));
        s.add(
                "create.exclusive.twice-other-verf",
                "CREATE EXCLUSIVE twice with different verifiers",
                () -> status(raw.create("/p-x2", NfsCreateMode.EXCLUSIVE, null, VERF_A)) + " then "
                        + status(raw.create("/p-x2", NfsCreateMode.EXCLUSIVE, null, VERF_B)));
        s.add("create.exclusive.then-setattr", "GETATTR size after EXCLUSIVE, then SETATTR mode 0600", () -> {
            String before = "size=" + raw.getattr("/p-x1").getSize();
            return before + " then " + status(raw.setattr("/p-x1", Nfs3Raw.mode(0600), null)) + " "
                    + attrs(raw.getattr("/p-x1"));
        });
        s.add("create.over-directory", "CREATE GUARDED / UNCHECKED over an existing directory", () -> {
            raw.mkdirOrFail("/p-cd");
            return status(raw.create("/p-cd", NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)) + " / "
                    + status(raw.create("/p-cd", NfsCreateMode.UNCHECKED, Nfs3Raw.mode(0644), null));
        });
        s.add(
                "create.in-file",
                "CREATE with a regular file as the directory",
                () -> status(raw.nfs.sendCreate(raw.nfs.makeCreateRequest(
                        NfsCreateMode.UNCHECKED, raw.fh("/p-file"), "x", Nfs3Raw.mode(0644), null))));
        s.add(
                "create.name-255",
                "CREATE a 255-byte name",
                () -> withAttrs(raw.create("/" + "a".repeat(255), NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)));
        s.add(
                "create.name-256",
                "CREATE a 256-byte name",
                () -> status(raw.create("/" + "b".repeat(256), NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)));
        s.add("mkdir.name-256", "MKDIR a 256-byte name", () -> status(raw.mkdir("/" + "c".repeat(256), 0755)));
        s.add(
                "create.name-dot",
                "CREATE GUARDED \".\" / \"..\"",
                () -> status(raw.create("/.", NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)) + " / "
                        + status(raw.create("/..", NfsCreateMode.GUARDED, Nfs3Raw.mode(0644), null)));

        s.add("mkdir.new", "MKDIR mode 0755 (nlink of a new directory)", () -> withAttrs(raw.mkdir("/p-d", 0755)));
        s.add(
                "mkdir.existing",
                "MKDIR over an existing directory / file",
                () -> status(raw.mkdir("/p-d", 0755)) + " / " + status(raw.mkdir("/p-file", 0755)));
        s.add("mkdir.parent-nlink", "nlink of a directory after MKDIR of two subdirectories", () -> {
            raw.mkdirOrFail("/p-d/s1");
            raw.mkdirOrFail("/p-d/s2");
            raw.put("/p-d/f", ascii("f"));
            return attrs(raw.getattr("/p-d"));
        });

        s.add("remove.missing", "REMOVE a missing name", () -> status(raw.remove("/p-missing")));
        s.add("remove.directory", "REMOVE of an (empty) directory", () -> {
            raw.mkdirOrFail("/p-rd");
            return status(raw.remove("/p-rd")) + " exists-after="
                    + raw.lookup(raw.root, "p-rd").stateIsOk();
        });
        s.add("rmdir.nonempty", "RMDIR of a non-empty directory", () -> status(raw.rmdir("/p-d")));
        s.add("rmdir.file", "RMDIR of a regular file", () -> status(raw.rmdir("/p-file")));
        s.add("rmdir.missing", "RMDIR of a missing name", () -> status(raw.rmdir("/p-missing")));
        s.add(
                "rmdir.dot",
                "RMDIR \".\" and \"..\" in a directory",
                () -> status(raw.rmdir("/p-d/.")) + " / " + status(raw.rmdir("/p-d/..")));
        s.add(
                "rmdir.empty",
                "RMDIR of an empty directory, then parent nlink",
                () -> status(raw.rmdir("/p-d/s2")) + " " + attrs(raw.getattr("/p-d")));

        s.add("rename.file-over-file", "RENAME a file over another file", () -> {
            raw.put("/p-r1", ascii("one"));
            raw.put("/p-r2", ascii("two-two"));
            return status(raw.rename("/p-r1", "/p-r2")) + " " + Nfs3Raw.digest(raw.readAll("/p-r2")) + " src-exists="
                    + raw.lookup(raw.root, "p-r1").stateIsOk();
        });
        s.add("rename.file-over-dir", "RENAME a file over an empty directory", () -> {
            raw.put("/p-r3", ascii("three"));
            raw.mkdirOrFail("/p-r4");
            return status(raw.rename("/p-r3", "/p-r4")) + " " + getattr("/p-r4");
        });
        s.add("rename.dir-over-file", "RENAME a directory over a file", () -> status(raw.rename("/p-r4", "/p-r3")));
        s.add("rename.dir-over-nonempty-dir", "RENAME a directory over a non-empty directory", () -> {
            raw.mkdirOrFail("/p-r5");
            raw.put("/p-r5/x", ascii("x"));
            return status(raw.rename("/p-r4", "/p-r5"));
        });
        s.add("rename.dir-over-empty-dir", "RENAME a directory over an empty directory", () -> {
            raw.mkdirOrFail("/p-r6");
            return status(raw.rename("/p-r5", "/p-r6")) + " " + lookup("/p-r6", "x");
        });
        s.add("rename.dir-into-itself", "RENAME a directory into its own subdirectory", () -> {
            raw.mkdirOrFail("/p-r6/sub");
            return status(raw.rename("/p-r6", "/p-r6/sub/inner"));
        });
        s.add("rename.missing", "RENAME of a missing name", () -> status(raw.rename("/p-missing", "/p-r7")));
        s.add(
                "rename.same-name",
                "RENAME a file onto itself",
                () -> status(raw.rename("/p-r2", "/p-r2")) + " " + getattr("/p-r2"));
        s.add(
                "rename.to-long-name",
                "RENAME to a 256-byte name",
                () -> status(raw.rename("/p-r2", "/" + "r".repeat(256))));
        s.add("rename.hardlinks-same-inode", "RENAME between two hard links of one file (POSIX: no-op)", () -> {
            raw.put("/p-h1", ascii("h"));
            String l = status(raw.link("/p-h1", "/p-h2"));
            return l + " then " + status(raw.rename("/p-h1", "/p-h2")) + " h1=" + lookup("/", "p-h1") + " h2="
                    + lookup("/", "p-h2");
        });

        s.add("write.zero-byte-file", "0-byte file: GETATTR, READ at 0, READ at 100", () -> {
            raw.put("/p-zero", new byte[0]);
            byte[] h = raw.fh("/p-zero");
            var r0 = raw.read(h, 0, 4096, new byte[4096]);
            var r1 = raw.read(h, 100, 4096, new byte[4096]);
            return attrs(raw.getattr("/p-zero")) + " read0=" + status(r0) + "/" + r0.getBytesRead() + "/eof="
                    + r0.isEof() + " read100=" + status(r1) + "/" + r1.getBytesRead() + "/eof=" + r1.isEof();
        });
        s.add("write.sparse", "WRITE 5 bytes at 1 MiB into a new file; size, hole bytes, tail", () -> {
            raw.put("/p-sparse", new byte[0]);
            String w = raw.write("/p-sparse", 1 << 20, ascii("abcde"));
            byte[] all = raw.readAll("/p-sparse");
            boolean holeZero = Arrays.equals(Arrays.copyOf(all, 1 << 20), new byte[1 << 20]);
            String tail =
                    new String(all, Math.max(0, all.length - 5), Math.min(5, all.length), StandardCharsets.US_ASCII);
            return w + " " + attrs(raw.getattr("/p-sparse")) + " holeZero=" + holeZero + " tail=" + tail;
        });
        s.add("write.directory", "WRITE to a directory handle", () -> {
            var payload = new java.util.ArrayList<java.nio.ByteBuffer>();
            payload.add(java.nio.ByteBuffer.wrap(ascii("x")));
            return status(raw.nfs.sendWrite(raw.nfs.makeWriteRequest(raw.fh("/p-d"), 0, payload, Nfs3Raw.FILE_SYNC)));
        });
        s.add(
                "read.directory",
                "READ of a directory handle",
                () -> status(raw.read(raw.fh("/p-d"), 0, 10, new byte[10])));
        s.add("read.beyond-eof", "READ at offset 1000 of a 1-byte file", () -> {
            var r = raw.read(raw.fh("/p-file"), 1000, 10, new byte[10]);
            return status(r) + " count=" + r.getBytesRead() + " eof=" + r.isEof();
        });

        s.add("setattr.truncate-shrink", "SETATTR size 10000 -> 100", () -> {
            byte[] data = LibnfsSteps.random(10000, 3);
            raw.put("/p-t", data);
            String st = status(raw.setattr("/p-t", Nfs3Raw.size(100), null));
            byte[] now = raw.readAll("/p-t");
            return st + " " + attrs(raw.getattr("/p-t")) + " prefixKept="
                    + Arrays.equals(now, Arrays.copyOf(data, 100));
        });
        s.add("setattr.truncate-grow", "SETATTR size 100 -> 5000 (zero fill)", () -> {
            byte[] before = raw.readAll("/p-t");
            String st = status(raw.setattr("/p-t", Nfs3Raw.size(5000), null));
            byte[] now = raw.readAll("/p-t");
            boolean ok = now.length == 5000
                    && Arrays.equals(Arrays.copyOf(now, 100), before)
                    && Arrays.equals(Arrays.copyOfRange(now, 100, 5000), new byte[4900]);
            return st + " " + attrs(raw.getattr("/p-t")) + " zeroFilled=" + ok;
        });
        s.add(
                "setattr.truncate-zero",
                "SETATTR size 0",
                () -> status(raw.setattr("/p-t", Nfs3Raw.size(0), null)) + " " + attrs(raw.getattr("/p-t")));
        s.add(
                "setattr.size-on-directory",
                "SETATTR size on a directory",
                () -> status(raw.setattr("/p-d", Nfs3Raw.size(0), null)));
        s.add(
                "setattr.guard-mismatch",
                "SETATTR with a ctime guard that does not match",
                () -> status(raw.setattr("/p-t", Nfs3Raw.mode(0600), new NfsTime(1000L, false))));
        s.add(
                "setattr.guard-match",
                "SETATTR with the current ctime as guard",
                () -> status(raw.setattr(
                        "/p-t", Nfs3Raw.mode(0644), bare(raw.getattr("/p-t").getCtime()))));
        s.add(
                "setattr.mode-uid-gid",
                "SETATTR mode 0640 uid 1000 gid 1000",
                () -> status(raw.setattr("/p-t", new NfsSetAttributes(0640L, 1000L, 1000L, null, null, null), null))
                        + " " + attrs(raw.getattr("/p-t")));
        s.add("setattr.mtime-client", "SETATTR mtime to client time 2001-09-09T01:46:40Z", () -> {
            NfsSetAttributes a = new NfsSetAttributes();
            a.setMtime(new NfsTime(1_000_000_000_000L));
            return status(raw.setattr("/p-t", a, null)) + " mtime="
                    + raw.getattr("/p-t").getMtime().getTimeInMillis();
        });

        s.add(
                "symlink.create",
                "SYMLINK to \"target/x\" (dangling); attrs",
                () -> withAttrs(raw.symlink("/p-s", "target/x")));
        s.add("symlink.readlink", "READLINK", () -> {
            var r = raw.nfs.getReadlink(raw.nfs.makeReadlinkRequest(raw.fh("/p-s")));
            return status(r) + " data=" + (r.stateIsOk() ? r.getData() : "");
        });
        s.add("symlink.existing", "SYMLINK over an existing name", () -> status(raw.symlink("/p-s", "other")));
        s.add(
                "symlink.readlink-on-file",
                "READLINK of a regular file",
                () -> status(raw.nfs.getReadlink(raw.nfs.makeReadlinkRequest(raw.fh("/p-file")))));
        s.add("symlink.read", "READ of a symlink handle", () -> status(raw.read(raw.fh("/p-s"), 0, 10, new byte[10])));
        s.add("symlink.long-target", "SYMLINK with a 1000-byte target, READLINK length", () -> {
            String target = "t/".repeat(499) + "tt";
            String st = status(raw.symlink("/p-s2", target));
            var r = raw.nfs.getReadlink(raw.nfs.makeReadlinkRequest(raw.fh("/p-s2")));
            return st + " readlink=" + status(r) + " len="
                    + (r.stateIsOk() ? r.getData().length() : -1);
        });
        s.add("symlink.target-verbatim", "SYMLINK to \"./a//b/\", READLINK returns it unchanged", () -> {
            String st = status(raw.symlink("/p-s3", "./a//b/"));
            var r = raw.nfs.getReadlink(raw.nfs.makeReadlinkRequest(raw.fh("/p-s3")));
            return st + " readlink=" + status(r) + " data=" + (r.stateIsOk() ? r.getData() : "");
        });
        s.add("symlink.remove", "REMOVE a symlink", () -> status(raw.remove("/p-s2")));

        s.add("link.create", "LINK a file; nlink of both names, same fileid", () -> {
            raw.put("/p-l1", ascii("linked"));
            String st = status(raw.link("/p-l1", "/p-l2"));
            NfsGetAttributes a = raw.getattr("/p-l1");
            NfsGetAttributes b = raw.getattr("/p-l2");
            return st + " l1: " + attrs(a) + " l2: " + attrs(b) + " sameFileid=" + (a.getFileid() == b.getFileid());
        });
        s.add("link.existing-name", "LINK onto an existing name", () -> status(raw.link("/p-l1", "/p-file")));
        s.add("link.directory", "LINK of a directory", () -> status(raw.link("/p-d", "/p-dl")));
        s.add(
                "link.into-subdir",
                "LINK into a subdirectory; nlink 3",
                () -> status(raw.link("/p-l1", "/p-d/l3")) + " " + attrs(raw.getattr("/p-l1")));
        s.add(
                "link.remove-one",
                "REMOVE one link; nlink and content of the other",
                () -> status(raw.remove("/p-l1")) + " " + attrs(raw.getattr("/p-l2")) + " "
                        + new String(raw.readAll("/p-l2"), StandardCharsets.US_ASCII));
        s.add(
                "link.symlink",
                "LINK of a symlink",
                () -> status(raw.link("/p-s", "/p-sl")) + " " + attrs(raw.getattr("/p-s")));

        s.add(
                "mknod.fifo",
                "MKNOD a FIFO",
                () -> withAttrs(raw.nfs.sendMknod(
                        raw.nfs.makeMknodRequest(raw.root, "p-fifo", NfsType.NFS_FIFO, Nfs3Raw.mode(0644), null))));
        s.add("access.file", "ACCESS all bits on a 0644 file as root", () -> {
            var r = raw.nfs.getAccess(raw.nfs.makeAccessRequest(raw.fh("/p-file"), 0x3f));
            return status(r) + " access=0x" + Long.toHexString(r.getAccess());
        });
        s.add("access.dir", "ACCESS all bits on a directory as root", () -> {
            var r = raw.nfs.getAccess(raw.nfs.makeAccessRequest(raw.fh("/p-d"), 0x3f));
            return status(r) + " access=0x" + Long.toHexString(r.getAccess());
        });
        s.add("fsinfo.properties", "FSINFO properties (LINK, SYMLINK, HOMOGENEOUS, CANSETTIME)", () -> {
            var r = raw.nfs.getFsInfo(raw.nfs.makeFsInfoRequest(raw.root));
            return status(r) + " properties=0x" + Long.toHexString(r.getFsInfo().properties);
        });
        s.add("pathconf", "PATHCONF name_max, no_trunc, chown_restricted, case flags", () -> {
            var r = raw.nfs.getPathconf(raw.nfs.makePathconfRequest(raw.root));
            var p = r.getPosixAttributes();
            return status(r) + " name_max=" + p.getNameMaximum() + " no_trunc=" + p.isNoTruncation()
                    + " chown_restricted=" + p.isChownRestricted() + " case_insensitive=" + p.isCaseInsensitive()
                    + " case_preserving=" + p.isCasePreserving();
        });
        s.add(
                "commit",
                "COMMIT of a file",
                () -> status(raw.nfs.sendCommit(raw.nfs.makeCommitRequest(raw.fh("/p-file"), 0, 0))));
    }
}
