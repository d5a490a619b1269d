package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMB client that caches the way the Windows redirector does, so that what a server's break
 * handling costs becomes observable: lost writes and stale reads.
 *
 * <ul>
 *   <li>While its lease holds W, a write stays in memory (dirty) and is not sent.
 *   <li>While its lease holds R, a read is answered from memory once the content is known (a read
 *       over the wire fills the cache; dirty writes are laid over it).
 *   <li>On a lease break it waits {@code flushDelay} (a busy or slow client), then, if the break
 *       takes W away, sends its dirty writes in the order they were made, then, if the break asks
 *       for it, acknowledges with the new state. A break that takes R away drops the read cache at
 *       once. Breaks are handled one at a time, in the order they arrived.
 *   <li>Close flushes the handle's dirty writes first.
 * </ul>
 *
 * <p>[MS-SMB2] 3.2.5.19.2: on a lease break the client flushes dirty data and then acknowledges;
 * the server must not let a conflicting operation change the data before that ack (WAIT policy), or
 * the late flush overwrites the newer data (NOTIFY policy: the lost write).
 *
 * <p>{@link #onBreak} runs on the receive thread and only schedules; the flush and the ack run on
 * the client's own break thread. Thread-safe.
 */
public final class CachingSmbClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CachingSmbClient.class);

    /** What the client does, for the history. Called on the break thread or the caller's thread. */
    public interface Observer {
        /** A cached write (made under step {@code tag}) is being sent. */
        default void flushStarted(String tag, long offset, int length) {}

        default void flushDone(String tag, int written) {}

        default void flushFailed(String tag, Exception e) {}

        /** The acknowledgment of {@code e} is about to be sent with {@code state}. */
        default void ackSent(LeaseBreakEvent e, int state) {}

        default void ackDone(LeaseBreakEvent e, LeaseBreakAckResult r) {}

        default void ackFailed(LeaseBreakEvent e, Exception ex) {}
    }

    /** Runs a task after a delay (a real scheduler, or a manual one in tests). */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Duration delay, Runnable task);
    }

    /** How a write was done. */
    public enum WriteMode {
        /** Kept in memory under a W lease. */
        CACHED,
        /** Sent to the server. */
        SENT
    }

    /** How a read was answered. */
    public record ReadResult(byte[] data, boolean fromCache) {}

    /**
     * One break, fully handled.
     *
     * @param event the notification
     * @param flushed how many cached writes were sent
     * @param ack the server's answer to the ack, or null when none was required or it failed
     * @param error what failed while flushing or acknowledging, or null
     */
    public record HandledBreak(LeaseBreakEvent event, int flushed, LeaseBreakAckResult ack, Exception error) {}

    private record Dirty(SmbOpen open, long offset, byte[] data, String tag) {}

    /** Per lease key. Guarded by the client's monitor. */
    private static final class LeaseCache {
        int state;
        final List<Dirty> dirty = new ArrayList<>();
        byte[] content; // null = not known
    }

    private final SmbWire wire;
    private final Duration flushDelay;
    private final Scheduler scheduler;
    private final ScheduledExecutorService ownExecutor;
    private final Observer observer;
    private final Map<UUID, LeaseCache> leases = new HashMap<>(); // guarded by this
    private final BlockingQueue<HandledBreak> handled = new LinkedBlockingQueue<>();
    private int inFlight; // guarded by this: breaks received and not yet handled

    /** A client whose breaks are handled on its own single thread. */
    public CachingSmbClient(SmbWire wire, Duration flushDelay, Observer observer) {
        this(wire, flushDelay, observer, null);
    }

    /** With an injected scheduler (tests); {@code scheduler} null = own single thread. */
    public CachingSmbClient(SmbWire wire, Duration flushDelay, Observer observer, Scheduler scheduler) {
        this.wire = wire;
        this.flushDelay = flushDelay == null ? Duration.ZERO : flushDelay;
        this.observer = observer == null ? new Observer() {} : observer;
        if (scheduler == null) {
            // one thread: breaks are flushed and acked in arrival order, never concurrently
            this.ownExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "smb-cache-break");
                t.setDaemon(true);
                return t;
            });
            this.scheduler = (d, task) -> ownExecutor.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            this.ownExecutor = null;
            this.scheduler = scheduler;
        }
    }

    public Duration flushDelay() {
        return flushDelay;
    }

    /** Registers an open: from now on its lease state decides what is cached. */
    public synchronized void opened(SmbOpen open) {
        if (open.leaseKey() != null) {
            leases.computeIfAbsent(open.leaseKey(), k -> new LeaseCache()).state = open.leaseState();
        }
    }

    /** The lease state the client believes it holds for {@code open}. */
    public synchronized int leaseState(SmbOpen open) {
        LeaseCache c = open.leaseKey() == null ? null : leases.get(open.leaseKey());
        return c == null ? LeaseBits.NONE : c.state;
    }

    /** Writes {@code data}: kept in memory under W, otherwise sent. {@code tag} names it in flushes. */
    public WriteMode write(SmbOpen open, long offset, byte[] data, String tag) throws IOException {
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c != null && (c.state & LeaseBits.WRITE) != 0) {
                c.dirty.add(new Dirty(open, offset, data.clone(), tag));
                if (c.content != null) {
                    c.content = overlay(c.content, offset, data);
                }
                return WriteMode.CACHED;
            }
        }
        wire.write(open, offset, data);
        return WriteMode.SENT;
    }

    /** Reads the whole file: from memory under R when known, else from the server (plus dirty data). */
    public ReadResult read(SmbOpen open) throws IOException {
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c != null && (c.state & LeaseBits.READ) != 0 && c.content != null) {
                return new ReadResult(c.content.clone(), true);
            }
        }
        byte[] got = wire.read(open, 0);
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c == null) {
                return new ReadResult(got, false);
            }
            for (Dirty d : c.dirty) {
                got = overlay(got, d.offset, d.data);
            }
            if ((c.state & LeaseBits.READ) != 0) {
                c.content = got.clone();
            }
            return new ReadResult(got, false);
        }
    }

    /** Flushes the handle's dirty writes, then closes it. */
    public void close(SmbOpen open) throws IOException {
        List<Dirty> mine = new ArrayList<>();
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c != null) {
                for (var it = c.dirty.iterator(); it.hasNext(); ) {
                    Dirty d = it.next();
                    if (d.open.fileId().equals(open.fileId())) {
                        mine.add(d);
                        it.remove();
                    }
                }
            }
        }
        for (Dirty d : mine) {
            flush(d);
        }
        wire.close(open);
    }

    /** Takes a break notification; called on the receive thread, so it only schedules. */
    public void onBreak(LeaseBreakEvent e) {
        synchronized (this) {
            inFlight++;
            LeaseCache c = leases.get(e.leaseKey());
            if (c != null) {
                // no new caching beyond the new state from now on; dirty data waits for the flush
                c.state &= e.newState();
                if ((e.newState() & LeaseBits.READ) == 0) {
                    c.content = null;
                }
            }
        }
        scheduler.schedule(flushDelay, () -> handle(e));
    }

    private void handle(LeaseBreakEvent e) {
        List<Dirty> toFlush = new ArrayList<>();
        synchronized (this) {
            LeaseCache c = leases.get(e.leaseKey());
            if (c != null && (e.newState() & LeaseBits.WRITE) == 0) {
                toFlush.addAll(c.dirty);
                c.dirty.clear();
            }
        }
        int flushed = 0;
        LeaseBreakAckResult ack = null;
        Exception error = null;
        try {
            for (Dirty d : toFlush) {
                flush(d);
                flushed++;
            }
            if (e.ackRequired()) {
                observer.ackSent(e, e.newState());
                try {
                    ack = wire.ack(e.leaseKey(), e.newState());
                    observer.ackDone(e, ack);
                } catch (IOException | RuntimeException ex) {
                    observer.ackFailed(e, ex);
                    throw ex;
                }
                if (ack.success() && ack.leaseState() >= 0) {
                    synchronized (this) {
                        LeaseCache c = leases.get(e.leaseKey());
                        if (c != null) {
                            c.state = ack.leaseState();
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException ex) {
            error = ex;
            log.debug("handling {} failed: {}", e, ex.toString());
        } finally {
            handled.add(new HandledBreak(e, flushed, ack, error));
            synchronized (this) {
                inFlight--;
                notifyAll();
            }
        }
    }

    private void flush(Dirty d) throws IOException {
        observer.flushStarted(d.tag, d.offset, d.data.length);
        try {
            int n = wire.write(d.open, d.offset, d.data);
            observer.flushDone(d.tag, n);
        } catch (IOException | RuntimeException ex) {
            observer.flushFailed(d.tag, ex);
            throw ex;
        }
    }

    /** Waits until the next break has been flushed and acknowledged. */
    public HandledBreak awaitHandled(Duration max) throws InterruptedException, TimeoutException {
        HandledBreak h = handled.poll(max.toNanos(), TimeUnit.NANOSECONDS);
        if (h == null) {
            throw new TimeoutException("no lease break handled within " + max);
        }
        return h;
    }

    /** Waits until every break received so far is handled; false if that takes longer than {@code max}. */
    public synchronized boolean drain(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Dirty writes not yet sent, for diagnostics. */
    public synchronized int dirtyCount() {
        return leases.values().stream().mapToInt(c -> c.dirty.size()).sum();
    }

    private LeaseCache cacheOf(SmbOpen open) {
        return open.leaseKey() == null ? null : leases.get(open.leaseKey());
    }

    private static byte[] overlay(byte[] base, long offset, byte[] data) {
        int end = Math.toIntExact(offset + data.length);
        byte[] out = end > base.length ? Arrays.copyOf(base, end) : base.clone();
        System.arraycopy(data, 0, out, (int) offset, data.length);
        return out;
    }

    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }
}
