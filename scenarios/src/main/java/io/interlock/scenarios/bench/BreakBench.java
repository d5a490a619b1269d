package io.interlock.scenarios.bench;

import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.OplockBreakAckResult;
import io.interlock.scenarios.clients.smb.OplockBreakEvent;
import io.interlock.scenarios.clients.smb.Smb2CreateWithLease;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.SmbEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench break}: cross-protocol break latency in real time. An SMB client (the engine's
 * leasing client) opens a file holding an RWH lease; the bench's NFS client then sends WRITE (4 KiB,
 * FILE_SYNC), READ (4 KiB), REMOVE or RENAME of that file. Per operation it records
 *
 * <ul>
 *   <li>{@code OP.break}: NFS call sent → LEASE_BREAK (OPLOCK_BREAK) decoded by the SMB client;
 *   <li>{@code OP.ack-reply}: break ack sent → NFS reply received (under the {@code wait}
 *       policy the server holds the NFS reply for the ack; 0 when the reply came first);
 *   <li>{@code OP.total}: NFS call sent → NFS reply received.
 * </ul>
 *
 * Every iteration takes a fresh lease key, so each NFS call meets a full RWH lease. A server that
 * does not offer SMB2 leasing (Samba with kernel oplocks grants only traditional oplocks), or every
 * server when asked to, is measured with a BATCH oplock instead: the same measures, with
 * OPLOCK_BREAK for LEASE_BREAK, every operation on a file of its own, and a note saying so. The
 * NFS reply is read on a second thread so that the ack and the reply can overlap as they would in a
 * real client pair. A target that sends no break within {@code breakWait} has the operation skipped
 * with that reason (Samba without kernel oplocks does not see ganesha's operations at all).
 */
public final class BreakBench implements BenchWorkload {
    static final List<String> OPS = List.of("write", "read", "remove", "rename");
    private static final String FILE = "interlock-bench-break.dat";
    private static final int BLOCK = 4096;
    /** Consecutive iterations without a break after which an operation is given up on a target. */
    private static final int GIVE_UP = 3;

    private final int ops;
    private final int warmup;
    private final Duration breakWait;
    private final boolean oplock;

    /** As {@link #BreakBench(int, int, Duration, boolean)} with leases wherever the server offers them. */
    public BreakBench(int ops, int warmup, Duration breakWait) {
        this(ops, warmup, breakWait, false);
    }

    /**
     * @param ops timed iterations per operation per round
     * @param warmup untimed iterations per operation before the first round
     * @param breakWait how long to wait for a break before counting it missing
     * @param oplock measure with a BATCH oplock on every server, not only where there is no leasing
     */
    public BreakBench(int ops, int warmup, Duration breakWait, boolean oplock) {
        if (ops < 1 || warmup < 0) {
            throw new IllegalArgumentException("ops must be at least 1 and warmup at least 0");
        }
        this.ops = ops;
        this.warmup = warmup;
        this.breakWait = breakWait;
        this.oplock = oplock;
    }

    @Override
    public String name() {
        return "break";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ops", ops);
        p.put("warmup", warmup);
        if (oplock) {
            p.put("oplock", "BATCH");
        } else {
            p.put("lease", "RWH");
            p.put("oplock", "BATCH where the server offers no SMB2 leasing");
        }
        p.put("breakWaitMs", breakWait.toMillis());
        return p;
    }

    @Override
    public void declare(BenchRecorder rec) {
        for (String op : OPS) {
            String nfs = op.toUpperCase(java.util.Locale.ROOT);
            rec.latency(
                    op + ".break",
                    oplock
                            ? "NFS " + nfs + " sent → OPLOCK_BREAK received (BATCH oplock)"
                            : "NFS " + nfs + " sent → LEASE_BREAK received (RWH lease; without leasing"
                                    + " OPLOCK_BREAK of a BATCH oplock)");
            rec.latency(op + ".ack-reply", "break ack sent → NFS " + nfs + " reply received");
            rec.latency(op + ".total", "NFS " + nfs + " sent → its reply received");
        }
    }

    @Override
    public TargetSession open(BenchTarget target, BenchRecorder rec) throws Exception {
        return new BreakSession(target, rec);
    }

    private final class BreakSession implements TargetSession {
        private final BenchTarget target;
        private final BenchRecorder rec;
        private final String label;
        private final ExecutorService replies;
        private final byte[] block = new byte[BLOCK];
        private final Map<String, String> skipped = new LinkedHashMap<>();
        private final Map<String, Integer> misses = new LinkedHashMap<>();
        private SmbLeaseClient smb;
        private RpcNfsClient nfs;
        private byte[] fh;
        private LeaseVersion version;
        /** Why the session measures with a BATCH oplock; null when it uses leases. */
        private String oplockWhy;

        private long keys;
        private long iteration;
        private boolean replyBeforeAckNoted;

        BreakSession(BenchTarget target, BenchRecorder rec) throws IOException {
            this.target = target;
            this.rec = rec;
            this.label = target.label();
            String why = target.smb().isEmpty()
                    ? "no SMB on this target"
                    : target.nfsMissing().orElse(null);
            if (why != null) {
                skipAll(why);
                throw new IOException(why);
            }
            replies = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "bench-break-nfs-reply");
                t.setDaemon(true);
                return t;
            });
            boolean ok = false;
            try {
                SmbEndpoint e = target.smb().get();
                smb = SmbLeaseClient.connect(
                        e.host(),
                        e.port(),
                        e.share(),
                        e.user(),
                        e.password(),
                        UUID.randomUUID(),
                        Duration.ofSeconds(30));
                version = smb.dialect().isSmb3x() ? LeaseVersion.V2 : LeaseVersion.V1;
                if (!smb.serverOffersLeasing()) {
                    oplockWhy = "no SMB2 leasing (dialect " + smb.dialect() + ")";
                } else if (oplock) {
                    oplockWhy = "oplocks asked for";
                }
                if (oplockWhy != null) {
                    rec.note(label + ": " + oplockWhy
                            + ": measured with a BATCH oplock, each operation on a file of its own");
                }
                nfs = target.nfsClient();
                SmbOpen o = smb.open(FILE);
                smb.write(o, 0, block);
                smb.close(o);
                fh = nfs.lookup(nfs.root(), FILE);
                ok = true;
            } finally {
                if (!ok) {
                    close();
                }
            }
        }

        private void skipAll(String why) {
            for (String op : OPS) {
                skip(op, why);
            }
        }

        private void skip(String op, String why) {
            if (skipped.putIfAbsent(op, why) == null) {
                for (String m : List.of(".break", ".ack-reply", ".total")) {
                    rec.skip(op + m, label, why);
                }
                rec.note(label + ": " + op + " not measured: " + why);
            }
        }

        @Override
        public void round(int round) throws Exception {
            // the operations take turns, in warm-up and timed alike: timed one after another, each
            // would start on code the compiler had just specialised for the one before (its first
            // iterations then paying for deoptimisation and recompilation in both JVMs, when the
            // server is ours), which a server serving a mix of operations does not see
            if (round == 0) {
                for (int i = 0; i < warmup; i++) {
                    for (String op : OPS) {
                        if (!skipped.containsKey(op)) {
                            once(op, false);
                        }
                    }
                }
            }
            for (int i = 0; i < ops; i++) {
                for (String op : OPS) {
                    if (!skipped.containsKey(op)) {
                        once(op, true);
                    }
                }
            }
        }

        private void once(String op, boolean timed) throws Exception {
            long n = iteration++;
            // with an oplock WRITE and READ take a fresh file too: Samba's kernel oplock is a Linux
            // lease, which the kernel grants only on a file no other process has open, and ganesha
            // keeps the file of its first WRITE or READ open
            boolean shared = oplockWhy == null && (op.equals("write") || op.equals("read"));
            String name = shared ? FILE : "interlock-bench-break-" + op + "-" + n;
            SmbOpen o = oplockWhy == null ? openLeased(op, name) : openOplocked(op, name);
            if (o == null) {
                return;
            }
            byte[] dirFh = nfs.root();
            byte[] fileFh = fh;
            if (!shared && (op.equals("write") || op.equals("read"))) {
                smb.write(o, 0, block);
                fileFh = nfs.lookup(dirFh, name);
            }
            smb.breaks().clear();
            smb.oplockBreaks().clear();
            long t0 = System.nanoTime();
            switch (op) {
                case "write" -> nfs.sendWrite(fileFh, 0, block, 0, BLOCK, RpcNfsClient.FILE_SYNC);
                case "read" -> nfs.sendRead(fileFh, 0, BLOCK);
                case "remove" -> nfs.sendRemove(dirFh, name);
                default -> nfs.sendRename(dirFh, name, name + ".renamed");
            }
            Future<Long> reply = replies.submit(() -> {
                nfs.receiveStatus();
                return System.nanoTime();
            });
            Broken ev = oplockWhy == null ? leaseBreak() : oplockBreak(op, o);
            long tReply = reply.get(60, TimeUnit.SECONDS);
            String kind = oplockWhy == null ? "LEASE_BREAK" : "OPLOCK_BREAK";
            if (ev == null) {
                int m = misses.merge(op, 1, Integer::sum);
                rec.error(op + ".break", label, "no " + kind + " within " + breakWait.toMillis() + " ms");
                if (m >= GIVE_UP) {
                    skip(
                            op,
                            "no " + kind + " within " + breakWait.toMillis() + " ms of the NFS " + op + " (" + m
                                    + " times)");
                }
            } else if (timed) {
                misses.put(op, 0);
                rec.nanos(op + ".break", label, ev.receivedNanos() - t0);
                if (ev.ackSentNanos() != 0) {
                    long tAck = ev.ackSentNanos();
                    if (tReply < tAck && !replyBeforeAckNoted) {
                        replyBeforeAckNoted = true;
                        rec.note(label + ": NFS replies came before the break ack (the server does not"
                                + " wait for acks); ack-reply counts those as 0");
                    }
                    rec.nanos(op + ".ack-reply", label, Math.max(0, tReply - tAck));
                }
                rec.nanos(op + ".total", label, tReply - t0);
            }
            cleanUp(op, name, o);
        }

        /** Opens {@code name} with a fresh RWH lease; null (the operation skipped) when less is granted. */
        private SmbOpen openLeased(String op, String name) throws IOException {
            UUID key = new UUID(0x1b2e4c0000000000L | label.hashCode() & 0xFFFFFFFFL, ++keys);
            SmbOpen o = smb.open(name, key, LeaseBits.READ | LeaseBits.HANDLE | LeaseBits.WRITE, version);
            if ((o.leaseState() & LeaseBits.WRITE) == 0 || (o.leaseState() & LeaseBits.HANDLE) == 0) {
                smb.close(o);
                skip(op, "no RWH lease granted (got " + LeaseBits.format(o.leaseState()) + ")");
                return null;
            }
            return o;
        }

        /**
         * Opens {@code name} asking a BATCH oplock; null (the operation skipped) when none is granted.
         * A lesser level is measured as it is, and noted.
         */
        private SmbOpen openOplocked(String op, String name) throws IOException {
            SmbOpen o = smb.openWithOplock(name, Smb2CreateWithLease.OPLOCK_LEVEL_BATCH);
            if (o.oplockLevel() == Smb2CreateWithLease.OPLOCK_LEVEL_NONE) {
                smb.close(o);
                skip(op, oplockWhy + " and no oplock granted (asked BATCH)");
                return null;
            }
            if (o.oplockLevel() != Smb2CreateWithLease.OPLOCK_LEVEL_BATCH) {
                rec.note(label + ": " + op + ": asked a BATCH oplock, granted level 0x"
                        + Integer.toHexString(o.oplockLevel()));
            }
            return o;
        }

        /** A break received, and when its ack went out (0 when it asked for none). */
        private record Broken(long receivedNanos, long ackSentNanos) {}

        /** The lease break, acknowledged when it asks for it; null when none came in time. */
        private Broken leaseBreak() throws Exception {
            LeaseBreakEvent ev = smb.breaks().poll(breakWait.toNanos(), TimeUnit.NANOSECONDS);
            if (ev == null) {
                return null;
            }
            long tAck = 0;
            if (ev.ackRequired()) {
                tAck = System.nanoTime();
                smb.ack(ev.leaseKey(), ev.newState());
            }
            return new Broken(ev.receivedNanos(), tAck);
        }

        /**
         * The break of {@code o}'s oplock, acknowledged with the level it names when it is one from
         * BATCH or EXCLUSIVE; null when none came in time. Breaks of earlier opens are passed over (a
         * Level II → NONE break can follow an ack and arrive after that iteration ended).
         */
        private Broken oplockBreak(String op, SmbOpen o) throws Exception {
            long deadline = System.nanoTime() + breakWait.toNanos();
            OplockBreakEvent ev;
            do {
                ev = smb.oplockBreaks().poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } while (ev != null && !ev.isFor(o));
            if (ev == null) {
                return null;
            }
            long tAck = 0;
            if (ev.ackRequired(o.oplockLevel())) {
                tAck = System.nanoTime();
                OplockBreakAckResult r = smb.ackOplock(ev.fileId(), ev.newLevel());
                if (!r.success()) {
                    rec.error(op + ".ack-reply", label, "oplock break ack answered " + r.statusHex());
                }
            }
            return new Broken(ev.receivedNanos(), tAck);
        }

        /** Untimed: closes the open and removes what REMOVE/RENAME left behind, and fresh files. */
        private void cleanUp(String op, String name, SmbOpen o) throws IOException {
            try {
                smb.close(o);
            } catch (IOException e) {
                // after REMOVE the handle may be gone already
            }
            if (op.equals("remove")) {
                nfs.remove(nfs.root(), name);
            } else if (op.equals("rename")) {
                nfs.remove(nfs.root(), name + ".renamed");
                nfs.remove(nfs.root(), name);
            } else if (!name.equals(FILE)) {
                nfs.remove(nfs.root(), name);
            }
        }

        @Override
        public void close() {
            if (replies != null) {
                replies.shutdownNow();
            }
            if (smb != null) {
                smb.close();
                smb = null;
            }
            if (nfs != null) {
                try {
                    nfs.remove(nfs.root(), FILE);
                    nfs.close();
                } catch (IOException e) {
                    rec.note(label + ": cleanup failed: " + e.getMessage());
                }
                nfs = null;
            }
        }
    }
}
