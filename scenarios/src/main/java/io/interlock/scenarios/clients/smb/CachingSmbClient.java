package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * An SMB client that caches the way the Windows redirector does, so that what a server's break
 * handling costs becomes observable: lost writes and stale reads. A decorator over a client that
 * does not cache ({@link LeasingSmbClient} without auto-ack).
 *
 * <ul>
 *   <li>While its lease holds W, a write stays in memory (dirty) and is not sent.
 *   <li>While its lease holds R, a read is answered from memory once the content is known (a read
 *       over the wire fills the cache; dirty writes are laid over it).
 *   <li>A break arriving takes away, at once, what it breaks (no new caching beyond the new
 *       state; without R the read cache is dropped). Handling it ({@link #handleNextBreak}, run when
 *       the engine's schedule says: at once, late, never) sends the dirty writes in the order they
 *       were made if the break takes W away, then acknowledges with the new state if asked.
 *   <li>Close flushes the handle's dirty writes first.
 * </ul>
 *
 * <p>[MS-SMB2] 3.2.5.19.2: on a lease break the client flushes dirty data and then acknowledges;
 * the server must not let a conflicting operation change the data before that ack (WAIT policy), or
 * the late flush overwrites the newer data (NOTIFY policy: the lost write). Thread-safe.
 */
public final class CachingSmbClient extends ForwardingSmbClient {

    /** What the client does by itself, for the history. Called on the thread that does it. */
    public interface Observer {
        /** A cached write (made under {@code tag}) is being sent. */
        default void flushStarted(String tag, long offset, int length) {}

        default void flushDone(String tag, int written) {}

        default void flushFailed(String tag, Exception e) {}

        /** The acknowledgment of {@code e} is about to be sent with {@code state}. */
        default void ackSent(LeaseBreakEvent e, int state) {}

        default void ackDone(LeaseBreakEvent e, LeaseBreakAckResult r) {}

        default void ackFailed(LeaseBreakEvent e, Exception ex) {}
    }

    private record Dirty(SmbOpen open, long offset, byte[] data, String tag) {}

    /** Per lease key. Guarded by the client's monitor. */
    private static final class LeaseCache {
        int state;
        final List<Dirty> dirty = new ArrayList<>();
        byte[] content; // null = not known
    }

    private final Observer observer;
    private final Map<UUID, LeaseCache> leases = new HashMap<>(); // guarded by this
    private final BreakQueue breaks = new BreakQueue(true);

    /** @param wire a client that does not cache and leaves breaks to explicit acks */
    public CachingSmbClient(SmbClient wire, Observer observer) {
        super(requireLeavesBreaks(wire));
        this.observer = observer == null ? new Observer() {} : observer;
        delegate.addBreakListener(this::onBreak);
    }

    private static SmbClient requireLeavesBreaks(SmbClient wire) {
        if (wire.reactsToBreaks()) {
            throw new IllegalArgumentException("the wire client must leave breaks to its caller");
        }
        return wire;
    }

    @Override
    public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
            throws IOException {
        SmbOpen o = delegate.open(path, leaseKey, requestedState, version, directory);
        if (o.leaseKey() != null) {
            synchronized (this) {
                leases.computeIfAbsent(o.leaseKey(), k -> new LeaseCache()).state = o.leaseState();
            }
        }
        return o;
    }

    /** The lease state the client believes it holds for {@code open}. */
    public synchronized int leaseState(SmbOpen open) {
        LeaseCache c = cacheOf(open);
        return c == null ? LeaseBits.NONE : c.state;
    }

    @Override
    public Written write(SmbOpen open, long offset, byte[] data, String tag) throws IOException {
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c != null && (c.state & LeaseBits.WRITE) != 0) {
                c.dirty.add(new Dirty(open, offset, data.clone(), tag));
                if (c.content != null) {
                    c.content = overlay(c.content, offset, data);
                }
                return Written.CACHED;
            }
        }
        delegate.write(open, offset, data, tag);
        return Written.SENT;
    }

    @Override
    public Read read(SmbOpen open) throws IOException {
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c != null && (c.state & LeaseBits.READ) != 0 && c.content != null) {
                return new Read(c.content.clone(), true);
            }
        }
        byte[] got = delegate.read(open).data();
        synchronized (this) {
            LeaseCache c = cacheOf(open);
            if (c == null) {
                return new Read(got, false);
            }
            for (Dirty d : c.dirty) {
                got = overlay(got, d.offset, d.data);
            }
            if ((c.state & LeaseBits.READ) != 0) {
                c.content = got.clone();
            }
            return new Read(got, false);
        }
    }

    @Override
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
        delegate.close(open);
    }

    @Override
    public boolean reactsToBreaks() {
        return true;
    }

    @Override
    public List<LeaseBreakEvent> unhandledBreaks() {
        return breaks.unhandled();
    }

    /** Takes a break notification on the receive thread: narrows the cache at once, handles nothing. */
    private void onBreak(LeaseBreakEvent e) {
        synchronized (this) {
            LeaseCache c = leases.get(e.leaseKey());
            if (c != null) {
                // no new caching beyond the new state from now on; dirty data waits for the flush
                c.state &= e.newState();
                if ((e.newState() & LeaseBits.READ) == 0) {
                    c.content = null;
                }
            }
        }
        breaks.arrived(e);
    }

    @Override
    public HandledBreak handleNextBreak() throws IOException {
        LeaseBreakEvent e = breaks.takeUnhandled();
        List<Dirty> toFlush = new ArrayList<>();
        synchronized (this) {
            LeaseCache c = leases.get(e.leaseKey());
            if (c != null && (e.newState() & LeaseBits.WRITE) == 0) {
                toFlush.addAll(c.dirty);
                c.dirty.clear();
            }
        }
        int flushed = 0;
        for (Dirty d : toFlush) {
            flush(d);
            flushed++;
        }
        LeaseBreakAckResult ack = null;
        if (e.ackRequired()) {
            observer.ackSent(e, e.newState());
            try {
                ack = delegate.ack(e.leaseKey(), e.newState());
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
        HandledBreak h = new HandledBreak(e, flushed, ack);
        breaks.handled(h);
        return h;
    }

    @Override
    public CompletableFuture<TakenBreak> nextBreak() {
        return breaks.next();
    }

    private void flush(Dirty d) throws IOException {
        observer.flushStarted(d.tag, d.offset, d.data.length);
        try {
            delegate.write(d.open, d.offset, d.data, d.tag);
            observer.flushDone(d.tag, d.data.length);
        } catch (IOException | RuntimeException ex) {
            observer.flushFailed(d.tag, ex);
            throw ex;
        }
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
}
