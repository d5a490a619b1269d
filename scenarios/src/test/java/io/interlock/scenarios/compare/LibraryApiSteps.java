package io.interlock.scenarios.compare;

import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.io.NfsFileInputStream;
import com.emc.ecs.nfsclient.nfs.io.NfsFileOutputStream;
import io.interlock.scenarios.clients.nfs.NfsClientDriver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * nfs-client-java's own file API ({@link Nfs3File}, its streams), which is what applications use:
 * it pages READDIR itself, follows its own create/exists logic, and reports statuses as
 * exceptions (mapped back to nfsstat3 names through {@link NfsClientDriver#statusOf}).
 */
final class LibraryApiSteps {
    private final Nfs3Raw raw;

    LibraryApiSteps(Nfs3Raw raw) {
        this.raw = raw;
    }

    private Nfs3File file(String path) throws IOException {
        return new Nfs3File(raw.nfs, path);
    }

    interface IoCall {
        String call() throws IOException;
    }

    /** The call's text, or the nfsstat3 (or exception class) it threw. */
    private static String guarded(IoCall c) {
        try {
            return c.call();
        } catch (IOException e) {
            String st = NfsClientDriver.statusOf(e);
            return "threw " + (st != null ? st : e.getClass().getSimpleName());
        }
    }

    void addTo(NfsOpScript s) {
        s.add("njc.list.large", "Nfs3File.list() of the 2000-entry directory (library pages READDIR)", () -> {
            List<String> names = new ArrayList<>(file("/p-big").list());
            long dots =
                    names.stream().filter(n -> n.equals(".") || n.equals("..")).count();
            return "names=" + names.size() + " distinct="
                    + names.stream().distinct().count() + " dots=" + dots;
        });
        s.add("njc.list-files.types", "listFiles() of the libnfs test entries: name, isFile, isDirectory", () -> {
            List<String> out = new ArrayList<>();
            for (Nfs3File f : file("/l-dir").listFiles()) {
                out.add(f.getName() + ":" + f.isFile() + ":" + f.isDirectory());
            }
            out.sort(null);
            return out.toString();
        });
        s.add(
                "njc.mkdirs",
                "mkdirs() of /j-a/b/c, then isDirectory",
                () -> guarded(() -> {
                    file("/j-a/b/c").mkdirs();
                    return "isDirectory=" + file("/j-a/b/c").isDirectory() + " parentIsDir="
                            + file("/j-a/b").isDirectory();
                }));
        s.add(
                "njc.create-new-file.twice",
                "createNewFile() twice",
                () -> guarded(() -> file("/j-new").createNewFile() + " then "
                        + file("/j-new").createNewFile()));
        s.add(
                "njc.stream.roundtrip",
                "NfsFileOutputStream 300 KiB, NfsFileInputStream back (digest), length()",
                () -> guarded(() -> {
                    byte[] data = LibnfsSteps.random(300 * 1024, 4);
                    try (OutputStream o = new NfsFileOutputStream(file("/j-stream"))) {
                        o.write(data);
                    }
                    ByteArrayOutputStream back = new ByteArrayOutputStream();
                    try (InputStream in = new NfsFileInputStream(file("/j-stream"))) {
                        in.transferTo(back);
                    }
                    return Nfs3Raw.digest(back.toByteArray()) + " same="
                            + java.util.Arrays.equals(data, back.toByteArray()) + " length="
                            + file("/j-stream").lengthEx();
                }));
        s.add(
                "njc.rename-to",
                "renameTo() a file, exists() of both names",
                () -> guarded(() -> {
                    file("/j-new").renameTo(file("/j-renamed"));
                    return "old=" + file("/j-new").exists() + " new="
                            + file("/j-renamed").exists();
                }));
        s.add(
                "njc.delete.nonempty-dir",
                "delete() of a non-empty directory",
                () -> guarded(() -> {
                    file("/j-a").delete();
                    return "deleted, exists=" + file("/j-a").exists();
                }));
        s.add(
                "njc.delete.missing",
                "delete() of a missing file",
                () -> guarded(() -> {
                    file("/j-missing").delete();
                    return "no error";
                }));
        s.add(
                "njc.can.file",
                "canRead/canModify/canExtend/canDelete/canExecute on a 0644 file",
                () -> guarded(() -> {
                    Nfs3File f = file("/j-stream");
                    return "read=" + f.canRead() + " modify=" + f.canModify() + " extend=" + f.canExtend() + " delete="
                            + f.canDelete() + " execute=" + f.canExecute();
                }));
        s.add(
                "njc.can.dir",
                "canRead/canLookup/canModify/canDelete on a directory",
                () -> guarded(() -> {
                    Nfs3File f = file("/j-a/b");
                    return "read=" + f.canRead() + " lookup=" + f.canLookup() + " modify=" + f.canModify() + " delete="
                            + f.canDelete();
                }));
        s.add(
                "njc.set-mode",
                "setMode(0600) then getMode()",
                () -> guarded(() -> {
                    file("/j-stream").setMode(0600);
                    return "mode=" + Long.toOctalString(file("/j-stream").getMode() & 07777);
                }));
        s.add(
                "njc.set-last-modified",
                "setLastModified(2001-09-09T01:46:40Z) then lastModified()",
                () -> guarded(() -> {
                    file("/j-stream").setLastModified(1_000_000_000_000L);
                    return "lastModified=" + file("/j-stream").lastModified();
                }));
        s.add(
                "njc.follow-links",
                "followLinks() of /l-link (-> l-small.txt): resolved name and length",
                () -> guarded(() -> {
                    Nfs3File f = file("/l-link").followLinks();
                    return f.getPath() + " length=" + f.lengthEx();
                }));
    }
}
