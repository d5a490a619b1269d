package io.interlock.scenarios.bench;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A load generator: {@code clients} simulated clients, half SMB (smbj) and half NFSv3 ({@link
 * RpcNfsClient}), each with a private file and all sharing a few files, doing a mix of 4 KiB block
 * writes and reads for {@code duration}. Every read is verified:
 *
 * <ul>
 *   <li>a private block must read exactly as its client last wrote it (no lost write, no stale
 *       read: nobody else writes there, and neither client caches);
 *   <li>a shared block must read as zeros (never written) or as one whole block that some client
 *       wrote there (blocks carry their writer and sequence number, so the content proves it).
 * </ul>
 *
 * Latencies go into HdrHistograms per operation kind; the server's RSS is sampled over time. This
 * is a load test, not the race engine: each client draws its operations from its own seeded
 * generator and threads run freely.
 */
public final class LoadRun {
    static final int BLOCK = 4096;
    static final int PRIVATE_BLOCKS = 16;
    static final int SHARED_FILES = 4;
    static final int SHARED_BLOCKS = 8;
    private static final int MAGIC = 0x1A7E4C0D;

    private final LoadTarget target;
    private final int clients;
    private final Duration duration;
    private final long seed;

    /** Shared (file, block) → (client, seq) of every write issued there. */
    private final Map<Long, Set<Long>> sharedWrites = new ConcurrentHashMap<>();

    private final AtomicLong ops = new AtomicLong();
    private final AtomicLong lostWrites = new AtomicLong();
    private final AtomicLong badSharedReads = new AtomicLong();
    private final Map<String, AtomicLong> errors = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();

    public LoadRun(LoadTarget target, int clients, Duration duration, long seed) {
        if (clients < 1) {
            throw new IllegalArgumentException("at least one client");
        }
        this.target = target;
        this.clients = clients;
        this.duration = duration;
        this.seed = seed;
    }

    /** Runs the load and returns its report. */
    public LoadReport run() throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int id = i;
            Thread t = new Thread(
                    () -> {
                        try {
                            if (id % 2 == 0) {
                                smbClient(id, end);
                            } else {
                                nfsClient(id, end);
                            }
                        } catch (Exception e) {
                            error((id % 2 == 0 ? "smb" : "nfs") + ".session", e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "load-client-" + id);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        List<LoadReport.RssSample> rss = new ArrayList<>();
        long sampleEvery = Math.max(1_000_000_000L, duration.toNanos() / 120);
        long next = start;
        while (true) {
            long now = System.nanoTime();
            if (now >= next && target.serverRssKiB() != null) {
                long kib = target.serverRssKiB().getAsLong();
                if (kib >= 0) {
                    rss.add(new LoadReport.RssSample((now - start) / 1_000_000_000L, kib));
                }
                next += sampleEvery;
            }
            long wait = Math.max(1, Math.min(next, end) - System.nanoTime());
            if (done.await(wait, java.util.concurrent.TimeUnit.NANOSECONDS)) {
                break;
            }
            if (System.nanoTime() > end + 120_000_000_000L) {
                error("client.stuck", new IllegalStateException("clients still running 120 s after the end"));
                break;
            }
        }
        if (target.serverRssKiB() != null) {
            long kib = target.serverRssKiB().getAsLong();
            if (kib >= 0) {
                rss.add(new LoadReport.RssSample((System.nanoTime() - start) / 1_000_000_000L, kib));
            }
        }
        Map<String, LoadReport.Latency> lat = new TreeMap<>();
        latencies.forEach((k, h) -> {
            synchronized (h) {
                lat.put(
                        k,
                        new LoadReport.Latency(
                                h.getTotalCount(),
                                h.getValueAtPercentile(50),
                                h.getValueAtPercentile(90),
                                h.getValueAtPercentile(99),
                                h.getValueAtPercentile(99.9),
                                h.getMaxValue()));
            }
        });
        Map<String, Long> errs = new TreeMap<>();
        errors.forEach((k, v) -> errs.put(k, v.get()));
        return new LoadReport(
                clients,
                Duration.ofNanos(System.nanoTime() - start),
                ops.get(),
                lat,
                errs,
                lostWrites.get(),
                badSharedReads.get(),
                rss);
    }

    // ---- the two kinds of client ----

    /** What one client does with a file; SMB and NFS implement it. */
    private interface Io {
        void write(int file, long offset, byte[] data) throws Exception;

        byte[] read(int file, long offset, int count) throws Exception;
    }

    private void smbClient(int id, long end) throws Exception {
        SmbConfig cfg = SmbConfig.builder()
                .withTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
                .withSoTimeout(120, java.util.concurrent.TimeUnit.SECONDS)
                .build();
        try (SMBClient client = new SMBClient(cfg);
                Connection c = client.connect(
                        target.smb().getHostString(), target.smb().getPort());
                Session s = c.authenticate(new AuthenticationContext(
                        target.user(), target.password().toCharArray(), ""));
                DiskShare share = (DiskShare) s.connectShare(target.share())) {
            File[] files = new File[SHARED_FILES + 1];
            try {
                for (int f = 0; f <= SHARED_FILES; f++) {
                    files[f] = share.openFile(
                            name(id, f),
                            EnumSet.of(AccessMask.GENERIC_READ, AccessMask.GENERIC_WRITE),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OPEN_IF,
                            null);
                }
                loop(id, "smb", end, new Io() {
                    @Override
                    public void write(int file, long offset, byte[] data) {
                        files[file].write(data, offset);
                    }

                    @Override
                    public byte[] read(int file, long offset, int count) {
                        byte[] buf = new byte[count];
                        int n = files[file].read(buf, offset);
                        return n == count ? buf : java.util.Arrays.copyOf(buf, Math.max(0, n));
                    }
                });
            } finally {
                for (File f : files) {
                    if (f != null) {
                        f.close();
                    }
                }
            }
        }
    }

    private void nfsClient(int id, long end) throws Exception {
        try (BenchNfsClient nfs = new RpcNfsClient(target.nfs(), target.mount(), "/" + target.share())) {
            byte[][] fh = new byte[SHARED_FILES + 1][];
            for (int f = 0; f <= SHARED_FILES; f++) {
                fh[f] = nfs.open(name(id, f));
            }
            loop(id, "nfs", end, new Io() {
                @Override
                public void write(int file, long offset, byte[] data) throws Exception {
                    nfs.write(fh[file], offset, data);
                }

                @Override
                public byte[] read(int file, long offset, int count) throws Exception {
                    return nfs.read(fh[file], offset, count);
                }
            });
        }
    }

    /** File 0 is the client's private file, 1..SHARED_FILES the shared ones. */
    private static String name(int client, int file) {
        return file == 0 ? "load-private-" + client : "load-shared-" + file;
    }

    private void loop(int id, String proto, long end, Io io) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + id);
        long[] lastSeq = new long[PRIVATE_BLOCKS];
        java.util.Arrays.fill(lastSeq, -1);
        long seq = 0;
        while (System.nanoTime() < end) {
            int dice = rnd.nextInt(100);
            String kind;
            long t0 = System.nanoTime();
            try {
                if (dice < 40) {
                    kind = proto + ".write.private";
                    int block = rnd.nextInt(PRIVATE_BLOCKS);
                    long s = seq++;
                    io.write(0, (long) block * BLOCK, content(id, s));
                    lastSeq[block] = s;
                } else if (dice < 70) {
                    kind = proto + ".read.private";
                    int block = rnd.nextInt(PRIVATE_BLOCKS);
                    byte[] got = io.read(0, (long) block * BLOCK, BLOCK);
                    if (!privateOk(got, id, lastSeq[block])) {
                        lostWrites.incrementAndGet();
                    }
                } else if (dice < 85) {
                    kind = proto + ".write.shared";
                    int file = 1 + rnd.nextInt(SHARED_FILES);
                    int block = rnd.nextInt(SHARED_BLOCKS);
                    long s = seq++;
                    sharedWrites
                            .computeIfAbsent(key(file, block), k -> ConcurrentHashMap.newKeySet())
                            .add(key(id, s));
                    io.write(file, (long) block * BLOCK, content(id, s));
                } else {
                    kind = proto + ".read.shared";
                    int file = 1 + rnd.nextInt(SHARED_FILES);
                    int block = rnd.nextInt(SHARED_BLOCKS);
                    byte[] got = io.read(file, (long) block * BLOCK, BLOCK);
                    if (!sharedOk(got, file, block)) {
                        badSharedReads.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                error(proto + ".op", e);
                continue;
            }
            record(kind, (System.nanoTime() - t0) / 1000);
            ops.incrementAndGet();
        }
    }

    private static long key(int a, long b) {
        return ((long) a << 40) ^ b;
    }

    /** A block that names its writer and sequence number; the rest follows from them. */
    static byte[] content(int client, long seq) {
        byte[] b = new byte[BLOCK];
        ByteBuffer.wrap(b).putInt(MAGIC).putInt(client).putLong(seq);
        for (int j = 16; j < BLOCK; j++) {
            b[j] = (byte) (client * 31 + seq * 17 + j);
        }
        return b;
    }

    private static boolean privateOk(byte[] got, int client, long seq) {
        if (seq < 0) {
            return got.length == 0 || allZero(got);
        }
        return java.util.Arrays.equals(got, content(client, seq));
    }

    private boolean sharedOk(byte[] got, int file, int block) {
        if (got.length == 0 || allZero(got)) {
            return true; // not written yet (or the file is shorter)
        }
        if (got.length != BLOCK) {
            return false;
        }
        ByteBuffer h = ByteBuffer.wrap(got);
        if (h.getInt() != MAGIC) {
            return false;
        }
        int client = h.getInt();
        long seq = h.getLong();
        Set<Long> written = sharedWrites.get(key(file, block));
        return written != null
                && written.contains(key(client, seq))
                && java.util.Arrays.equals(got, content(client, seq));
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private void record(String kind, long micros) {
        Histogram h = latencies.computeIfAbsent(kind, k -> new Histogram(120_000_000L, 3));
        synchronized (h) {
            h.recordValue(Math.min(Math.max(0, micros), 120_000_000L));
        }
    }

    private void error(String kind, Exception e) {
        String k = kind + ": " + e.getClass().getSimpleName();
        errors.computeIfAbsent(k, x -> new AtomicLong()).incrementAndGet();
    }
}
