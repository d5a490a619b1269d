package io.interlock.scenarios.bench;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench data}: the time to put and to get one large file, over SMB and over NFS, with the
 * bench's own clients (smbj; the lean {@link RpcNfsClient}, one wtmax/rtmax call at a time, UNSTABLE
 * writes then one COMMIT) and with the tools users run: {@code smbclient put/get} and libnfs's
 * {@code nfs-cp}, where they are on the PATH. Every get is compared with what was put (untimed).
 * The files stay on the target until the session closes, so the memory line shows what a share
 * costs per byte it holds.
 */
public final class DataBench implements BenchWorkload {
    private static final int SMB_CHUNK = 1 << 20;
    private static final long TOOL_TIMEOUT_S = 600;

    private final long size;
    private final Path work;
    private final List<String> tools;
    private final boolean warmup;

    /**
     * @param sizeBytes bytes per file (at least 1)
     * @param work a directory for the tools' local files (created if missing)
     * @param tools which of "smbj", "nfs", "smbclient", "nfs-cp" to run (empty: all)
     * @param warmup whether round 1 first runs every transfer once untimed (a fresh JVM server
     *     otherwise pays its JIT compilation inside the first timed transfers)
     */
    public DataBench(long sizeBytes, Path work, List<String> tools, boolean warmup) {
        this.warmup = warmup;
        if (sizeBytes < 1 || sizeBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("size must be between 1 byte and 2 GiB");
        }
        this.size = sizeBytes;
        this.work = work;
        this.tools = tools.isEmpty() ? List.of("smbj", "nfs", "smbclient", "nfs-cp") : List.copyOf(tools);
        for (String t : this.tools) {
            if (!List.of("smbj", "nfs", "smbclient", "nfs-cp").contains(t)) {
                throw new IllegalArgumentException("unknown data client " + t + " (smbj, nfs, smbclient, nfs-cp)");
            }
        }
    }

    @Override
    public String name() {
        return "data";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bytes", size);
        p.put("clients", String.join(",", tools));
        p.put("warmup", warmup);
        return p;
    }

    @Override
    public void declare(BenchRecorder rec) {
        for (String t : tools) {
            String who =
                    switch (t) {
                        case "smbj" -> "smbj (SMB, 1 MiB calls, one at a time)";
                        case "nfs" -> "the bench's NFSv3 client (wtmax/rtmax calls, one at a time)";
                        case "smbclient" -> "smbclient -c put/get (process start to exit)";
                        default -> "nfs-cp (libnfs; process start to exit)";
                    };
            rec.transfer(t + ".put", "put of the file by " + who, size);
            rec.transfer(t + ".get", "get of the file by " + who, size);
        }
    }

    @Override
    public TargetSession open(BenchTarget target, BenchRecorder rec) throws Exception {
        return new DataSession(target, rec);
    }

    private final class DataSession implements TargetSession {
        private final BenchTarget target;
        private final BenchRecorder rec;
        private final String label;
        private final byte[] data;
        private final Path local;
        private final Path got;
        private final List<String> names = new ArrayList<>();
        private long held;
        /** False during the untimed warm-up pass. */
        private boolean timed = true;

        DataSession(BenchTarget target, BenchRecorder rec) throws IOException {
            this.target = target;
            this.rec = rec;
            this.label = target.label();
            this.data = new byte[(int) size];
            new SplittableRandom(size).nextBytes(data);
            Files.createDirectories(work);
            this.local = work.resolve("data-" + label.replaceAll("[^A-Za-z0-9]", "_") + ".bin");
            this.got = work.resolve("got-" + label.replaceAll("[^A-Za-z0-9]", "_") + ".bin");
            Files.write(local, data);
            for (String t : tools) {
                String why = missing(t);
                if (why != null) {
                    rec.skip(t + ".put", label, why);
                    rec.skip(t + ".get", label, why);
                    rec.note(label + ": " + t + " not run: " + why);
                }
            }
        }

        private String missing(String tool) {
            boolean smb = tool.equals("smbj") || tool.equals("smbclient");
            if (smb && target.smb().isEmpty()) {
                return "no SMB on this target";
            }
            if (!smb && target.nfsMissing().isPresent()) {
                return target.nfsMissing().get();
            }
            if ((tool.equals("smbclient") || tool.equals("nfs-cp")) && !onPath(tool)) {
                return tool + " is not on the PATH";
            }
            return null;
        }

        @Override
        public void round(int round) throws Exception {
            if (round == 0 && warmup) {
                timed = false;
                try {
                    pass(round);
                } finally {
                    timed = true;
                }
            }
            pass(round);
        }

        private void record(String measure, long nanos) {
            if (timed) {
                rec.transferNanos(measure, label, nanos);
            }
        }

        private void pass(int round) {
            for (String t : tools) {
                if (missing(t) != null) {
                    continue;
                }
                try {
                    switch (t) {
                        case "smbj" -> smbj(round);
                        case "nfs" -> nfs(round);
                        case "smbclient" -> smbclient(round);
                        default -> nfsCp(round);
                    }
                } catch (Exception e) {
                    rec.error(t + ".put", label, BenchRun.message(e));
                    rec.note(label + ": " + t + " round " + (round + 1) + " failed: " + BenchRun.message(e));
                }
            }
        }

        private void keep(String name) {
            if (!names.contains(name)) {
                names.add(name);
                held += size;
            }
        }

        private void smbj(int round) throws IOException {
            SmbEndpoint e = target.smb().orElseThrow();
            String name = "interlock-bench-data-smbj.bin";
            try (SMBClient client = new SMBClient(SmbConfig.builder()
                            .withTimeout(120, TimeUnit.SECONDS)
                            .withSoTimeout(300, TimeUnit.SECONDS)
                            .withDfsEnabled(false)
                            .build());
                    Connection c = client.connect(e.host(), e.port())) {
                DiskShare share = (DiskShare) c.authenticate(
                                new AuthenticationContext(e.user(), e.password().toCharArray(), ""))
                        .connectShare(e.share());
                long t0 = System.nanoTime();
                try (File f = share.openFile(
                        name,
                        EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OVERWRITE_IF,
                        null)) {
                    for (long off = 0; off < size; off += SMB_CHUNK) {
                        int n = (int) Math.min(SMB_CHUNK, size - off);
                        f.write(data, off, (int) off, n);
                    }
                    f.flush();
                }
                record("smbj.put", System.nanoTime() - t0);
                keep(name);
                byte[] back = new byte[(int) size];
                t0 = System.nanoTime();
                try (File f = share.openFile(
                        name,
                        EnumSet.of(AccessMask.GENERIC_READ),
                        null,
                        SMB2ShareAccess.ALL,
                        SMB2CreateDisposition.FILE_OPEN,
                        null)) {
                    long off = 0;
                    while (off < size) {
                        int n = f.read(back, off, (int) off, (int) Math.min(SMB_CHUNK, size - off));
                        if (n <= 0) {
                            break;
                        }
                        off += n;
                    }
                }
                record("smbj.get", System.nanoTime() - t0);
                check("smbj", back);
            }
        }

        private void nfs(int round) throws IOException {
            String name = "interlock-bench-data-nfs.bin";
            try (RpcNfsClient c = target.nfsClient()) {
                long t0 = System.nanoTime();
                byte[] fh = c.create(c.root(), name);
                c.setSize(fh, 0);
                int w = Math.min(c.wtmax(), 1 << 20);
                for (long off = 0; off < size; off += w) {
                    int n = (int) Math.min(w, size - off);
                    c.write(fh, off, data, (int) off, n, RpcNfsClient.UNSTABLE);
                }
                c.commit(fh);
                record("nfs.put", System.nanoTime() - t0);
                keep(name);
                byte[] back = new byte[(int) size];
                int r = Math.min(c.rtmax(), 1 << 20);
                t0 = System.nanoTime();
                byte[] fh2 = c.lookup(c.root(), name);
                long off = 0;
                while (off < size) {
                    int n = c.read(fh2, off, (int) Math.min(r, size - off), back, (int) off);
                    if (n <= 0) {
                        break;
                    }
                    off += n;
                }
                record("nfs.get", System.nanoTime() - t0);
                check("nfs", back);
            }
        }

        private void smbclient(int round) throws IOException, InterruptedException {
            SmbEndpoint e = target.smb().orElseThrow();
            String name = "interlock-bench-data-smbclient.bin";
            List<String> base = List.of(
                    "smbclient",
                    "//" + e.host() + "/" + e.share(),
                    "-p",
                    Integer.toString(e.port()),
                    "-U",
                    e.user() + "%" + e.password());
            timedTool("smbclient.put", append(base, "-c", "put " + local + " " + name));
            keep(name);
            Files.deleteIfExists(got);
            timedTool("smbclient.get", append(base, "-c", "get " + name + " " + got));
            check("smbclient", Files.readAllBytes(got));
        }

        private void nfsCp(int round) throws IOException, InterruptedException {
            NfsEndpoint e = target.nfs().orElseThrow();
            // nfs-cp creates exclusively: remove last round's file first (untimed)
            String name = "interlock-bench-data-nfscp.bin";
            try (RpcNfsClient c = target.nfsClient()) {
                c.remove(c.root(), name);
            }
            String url = "nfs://" + e.host() + e.exportPath() + (e.exportPath().endsWith("/") ? "" : "/") + name
                    + "?version=3&nfsport=" + e.nfsPort() + "&mountport=" + e.mountPort();
            timedTool("nfs-cp.put", List.of("nfs-cp", local.toString(), url));
            keep(name);
            Files.deleteIfExists(got);
            timedTool("nfs-cp.get", List.of("nfs-cp", url, got.toString()));
            check("nfs-cp", Files.readAllBytes(got));
        }

        private void timedTool(String measure, List<String> cmd) throws IOException, InterruptedException {
            Path log = work.resolve("tool.log");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(TOOL_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish within " + TOOL_TIMEOUT_S + " s");
            }
            long t = System.nanoTime() - t0;
            if (p.exitValue() != 0) {
                String out = Files.readString(log).strip();
                throw new IOException(
                        cmd.get(0) + " exited " + p.exitValue() + ": " + out.substring(0, Math.min(300, out.length())));
            }
            record(measure, t);
        }

        private void check(String tool, byte[] back) throws IOException {
            int at = Arrays.mismatch(data, back);
            if (at >= 0) {
                throw new IOException(tool + ": the file read back differs from what was put, first at byte " + at
                        + " (read " + back.length + " bytes)");
            }
        }

        @Override
        public long heldBytes() {
            return held;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(local);
                Files.deleteIfExists(got);
            } catch (IOException e) {
                rec.note(label + ": could not remove local files in " + work + ": " + e.getMessage());
            }
        }
    }

    private static List<String> append(List<String> base, String... more) {
        List<String> l = new ArrayList<>(base);
        l.addAll(List.of(more));
        return l;
    }

    /** Whether an executable named {@code tool} is on the PATH. */
    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
