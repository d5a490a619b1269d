package io.interlock.scenarios.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What Debian's libnfs-utils 4.0 can do (nfs-cp, nfs-cat, nfs-ls with -R and -s; -D discovery
 * needs broadcast and is left out), addressed with {@code ?version=3&nfsport=&mountport=} URLs.
 * Output is normalised: the export path and ports become placeholders, listings are sorted with
 * whitespace collapsed, the free-space summary loses its numbers.
 */
final class LibnfsSteps {
    private static final int ONE_MIB_PLUS = 1024 * 1024 + 123;

    private final NfsTarget t;
    private final Nfs3Raw raw;
    private final Path tmp;

    LibnfsSteps(NfsTarget t, Nfs3Raw raw, Path tmp) {
        this.t = t;
        this.raw = raw;
        this.tmp = tmp;
    }

    static boolean available() {
        return List.of("nfs-cp", "nfs-cat", "nfs-ls").stream()
                .allMatch(x -> Files.isExecutable(Path.of("/usr/bin", x)));
    }

    private Path local(String name, byte[] data) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    record Run(int exit, byte[] out, String err) {}

    private Run run(String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".bin");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, new byte[0], "timed out");
        }
        return new Run(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
    }

    private String norm(String s) {
        return s.replace(t.url(""), "<url>")
                .replace(t.exportPath(), "<export>")
                .replace("nfsport=" + t.nfsPort(), "nfsport=<n>")
                .replace("mountport=" + t.mountPort(), "mountport=<m>")
                .replaceAll("\\d+ of +\\d+ bytes free\\.", "<n> of <m> bytes free.")
                .replaceAll("[ \\t]+", " ")
                .strip();
    }

    /** exit status, normalised stdout (text) and stderr. */
    private String text(Run r) {
        String out = norm(new String(r.out(), StandardCharsets.UTF_8));
        return "exit=" + r.exit() + (out.isEmpty() ? "" : " out=" + out)
                + (r.err().isBlank() ? "" : " err=" + norm(r.err()));
    }

    /** exit status and a digest of stdout (binary content), plus stderr. */
    private String content(Run r) {
        return "exit=" + r.exit() + " " + Nfs3Raw.digest(r.out()) + (r.err().isBlank() ? "" : " err=" + norm(r.err()));
    }

    /** A listing: exit, then the lines that pass {@code keep}, whitespace collapsed, sorted. */
    private String listing(Run r, Predicate<String> keep) {
        List<String> lines = new String(r.out(), StandardCharsets.UTF_8)
                .lines()
                .map(this::norm)
                .filter(l -> !l.isEmpty())
                .filter(keep)
                .sorted()
                .collect(Collectors.toCollection(ArrayList::new));
        return "exit=" + r.exit() + " [" + String.join(" ; ", lines) + "]"
                + (r.err().isBlank() ? "" : " err=" + norm(r.err()));
    }

    private static boolean ours(String line) {
        return line.contains(" l-") || line.contains("/l-") || line.contains("bytes free");
    }

    void addTo(NfsOpScript s) {
        String cp = "/usr/bin/nfs-cp";
        String cat = "/usr/bin/nfs-cat";
        String ls = "/usr/bin/nfs-ls";
        byte[] big = random(ONE_MIB_PLUS, 1);
        s.add(
                "libnfs.cp-put.small",
                "nfs-cp local 6-byte file to the export",
                () -> text(run(
                        cp,
                        local("small", "hello\n".getBytes(StandardCharsets.US_ASCII))
                                .toString(),
                        t.url("/l-small.txt"))));
        s.add(
                "libnfs.cp-put.empty",
                "nfs-cp local 0-byte file",
                () -> text(run(cp, local("empty", new byte[0]).toString(), t.url("/l-empty.txt"))));
        s.add(
                "libnfs.cp-put.1mib",
                "nfs-cp local 1 MiB+123 file",
                () -> text(run(cp, local("big", big).toString(), t.url("/l-1m.bin"))));
        s.add(
                "libnfs.attrs.after-cp",
                "GETATTR of the copied files (mode from libnfs' open)",
                () -> Nfs3Raw.attrs(raw.getattr("/l-small.txt"))
                        + " / " + Nfs3Raw.attrs(raw.getattr("/l-empty.txt")) + " / "
                        + Nfs3Raw.attrs(raw.getattr("/l-1m.bin")));
        s.add("libnfs.cat.small", "nfs-cat the 6-byte file", () -> text(run(cat, t.url("/l-small.txt"))));
        s.add("libnfs.cat.empty", "nfs-cat the 0-byte file", () -> content(run(cat, t.url("/l-empty.txt"))));
        s.add("libnfs.cat.1mib", "nfs-cat the 1 MiB file (digest)", () -> content(run(cat, t.url("/l-1m.bin"))));
        s.add("libnfs.cp-get.1mib", "nfs-cp the 1 MiB file back to a local file (digest)", () -> {
            Path back = tmp.resolve("back");
            Run r = run(cp, t.url("/l-1m.bin"), back.toString());
            return "exit=" + r.exit() + " " + Nfs3Raw.digest(Files.readAllBytes(back)) + " same="
                    + (Files.mismatch(back, tmp.resolve("big")) == -1);
        });
        s.add(
                "libnfs.cp-nfs-to-nfs",
                "nfs-cp nfs->nfs then nfs-cat the copy",
                () -> text(run(cp, t.url("/l-small.txt"), t.url("/l-copy.txt"))) + " then "
                        + text(run(cat, t.url("/l-copy.txt"))));
        s.add("libnfs.cp-put.existing", "nfs-cp 100 bytes, then 3 bytes onto the same name", () -> {
            run(cp, local("hundred", random(100, 2)).toString(), t.url("/l-over.txt"));
            Run r = run(
                    cp,
                    local("three", "abc".getBytes(StandardCharsets.US_ASCII)).toString(),
                    t.url("/l-over.txt"));
            return text(r) + " then " + content(run(cat, t.url("/l-over.txt")));
        });
        s.add("libnfs.cat.missing", "nfs-cat a missing file", () -> text(run(cat, t.url("/l-missing.txt"))));
        s.add(
                "libnfs.cp-get.missing",
                "nfs-cp a missing file to local",
                () -> text(
                        run(cp, t.url("/l-missing.txt"), tmp.resolve("nothing").toString())));
        s.add(
                "libnfs.cp-put.missing-dir",
                "nfs-cp into a missing directory",
                () -> text(run(cp, tmp.resolve("small").toString(), t.url("/l-nodir/x.txt"))));
        s.add("libnfs.cat.directory", "nfs-cat a directory", () -> {
            raw.mkdirOrFail("/l-dir");
            raw.put("/l-dir/inner.txt", "inner\n".getBytes(StandardCharsets.US_ASCII));
            return text(run(cat, t.url("/l-dir")));
        });
        s.add("libnfs.cat.symlink", "nfs-cat through a symlink to l-small.txt", () -> {
            String st = Nfs3Raw.status(raw.symlink("/l-link", "l-small.txt"));
            return st + " then " + text(run(cat, t.url("/l-link")));
        });
        s.add("libnfs.cat.sparse", "nfs-cat a file written only at 64 KiB (hole before)", () -> {
            raw.put("/l-sparse.bin", new byte[0]);
            String w = raw.write("/l-sparse.bin", 65536, "tail".getBytes(StandardCharsets.US_ASCII));
            return w + " then " + content(run(cat, t.url("/l-sparse.bin")));
        });
        s.add(
                "libnfs.ls.root",
                "nfs-ls the export (our l-* entries)",
                () -> listing(run(ls, t.url("")), LibnfsSteps::ours));
        s.add(
                "libnfs.ls.summary",
                "nfs-ls -s (summary line)",
                () -> listing(run(ls, "-s", t.url("")), LibnfsSteps::ours));
        s.add("libnfs.ls.recursive", "nfs-ls -R", () -> listing(run(ls, "-R", t.url("")), LibnfsSteps::ours));
        s.add(
                "libnfs.ls.subdir",
                "nfs-ls of a subdirectory (MOUNT of a path below the export)",
                () -> listing(run(ls, t.url("/l-dir")), l -> true));
        s.add("libnfs.ls.missing", "nfs-ls of a missing path", () -> text(run(ls, t.url("/l-missing"))));
        s.add("libnfs.ls.file", "nfs-ls of a regular file", () -> text(run(ls, t.url("/l-small.txt"))));
    }
}
