package io.interlock.server.rpc;

import io.interlock.server.core.time.ServerClock;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;

/**
 * The duplicate-request cache (RFC 1813 §4.5; spec R-RPC-7, q1): a retransmitted call of a
 * non-idempotent procedure (REMOVE, CREATE, ...) must get the reply of the first execution instead
 * of running again (a REMOVE re-run would answer NOENT for a file it just removed). Entries are
 * keyed by the client's IP address (not its port: a client may retransmit on a new connection),
 * xid, program, version, procedure and a CRC-32 of credential and arguments (so an xid reused for
 * another call is not mistaken for a retransmission). A duplicate that arrives while the first is
 * still running is not executed; it is answered with the same reply once that is ready.
 *
 * <p>Bounded: at most {@code maxEntries} entries and none older than {@code maxAge} by the
 * injected {@link ServerClock}; the oldest go first. Thread-safe (guarded by this).
 */
public final class RpcReplyCache {
    /** Default bounds: enough for a few seconds of a busy client's retransmission window. */
    public static final int DEFAULT_MAX_ENTRIES = 1024;

    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(120);

    /**
     * A call's identity.
     *
     * @param client the caller's address without port (or the whole address if it has none)
     * @param xid transaction id
     * @param program program
     * @param version version
     * @param procedure procedure
     * @param checksum CRC-32 of the credential body and the arguments
     */
    public record Key(Object client, int xid, int program, int version, int procedure, long checksum) {}

    private record Entry(long createdNanos, CompletableFuture<RpcReply> reply) {}

    /** What {@link #begin} found. */
    public sealed interface Lookup {}

    /** A new call: run it, then {@link Execute#complete} the reply (or {@link Execute#abandon}). */
    public record Execute(RpcReplyCache cache, Key key, CompletableFuture<RpcReply> reply) implements Lookup {
        public void complete(RpcReply r) {
            reply.complete(r);
        }

        /** The call was not run (server busy): forget it so a retransmission runs. */
        public void abandon(RpcReply r) {
            cache.remove(key, reply);
            reply.complete(r);
        }
    }

    /** A duplicate: {@code reply} completes (maybe already has) with the first execution's reply. */
    public record Duplicate(CompletableFuture<RpcReply> reply) implements Lookup {}

    private final ServerClock clock;
    private final int maxEntries;
    private final long maxAgeNanos;

    /** Guarded by this. Insertion order = age order. */
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    private long hits;

    public RpcReplyCache(ServerClock clock) {
        this(clock, DEFAULT_MAX_ENTRIES, DEFAULT_MAX_AGE);
    }

    public RpcReplyCache(ServerClock clock, int maxEntries, Duration maxAge) {
        if (maxEntries < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("bad reply cache bounds");
        }
        this.clock = clock;
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The key of a call: client address, header fields, CRC-32 of credential and arguments. */
    public static Key keyOf(RpcInbound.Call call, SocketAddress remote) {
        CRC32 crc = new CRC32();
        crc.update(call.credFlavor());
        crc.update(call.credBody());
        XdrReader args = call.args();
        crc.update(args.array(), args.position(), args.remaining());
        Object client = remote instanceof InetSocketAddress isa && isa.getAddress() != null ? isa.getAddress() : remote;
        return new Key(client, call.xid(), call.program(), call.version(), call.procedure(), crc.getValue());
    }

    /** Registers a call, or finds the earlier execution of the same call. */
    public synchronized Lookup begin(Key key) {
        long now = clock.nanoTime();
        expire(now);
        Entry e = entries.get(key);
        if (e != null) {
            hits++;
            return new Duplicate(e.reply());
        }
        CompletableFuture<RpcReply> f = new CompletableFuture<>();
        entries.put(key, new Entry(now, f));
        while (entries.size() > maxEntries) {
            Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
        return new Execute(this, key, f);
    }

    /** Caller holds this. Drops entries older than the age bound (oldest first). */
    private void expire(long now) {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (now - e.createdNanos() < maxAgeNanos) {
                return;
            }
            it.remove();
        }
    }

    private synchronized void remove(Key key, CompletableFuture<RpcReply> f) {
        Entry e = entries.get(key);
        if (e != null && e.reply() == f) {
            entries.remove(key);
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Duplicates found so far (replayed or joined). */
    public synchronized long hits() {
        return hits;
    }
}
