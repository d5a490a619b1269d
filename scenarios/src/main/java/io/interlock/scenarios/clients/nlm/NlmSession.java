package io.interlock.scenarios.clients.nlm;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One NLM client of a program, by path: its lock owner (caller_name = the client's name, svid), the
 * NFS file handles it locks (looked up through an NFS client), and the GRANTED callbacks of its
 * blocked locks. Thread-safe.
 */
public final class NlmSession implements AutoCloseable {

    /** Finds the NFS file handle of a path (LOOKUP through an NFS client). */
    @FunctionalInterface
    public interface HandleLookup {
        byte[] fileHandle(String path) throws IOException;
    }

    private final String name;
    private final NlmClient client;
    private final HandleLookup lookup;
    private final java.util.function.BooleanSupplier callbacksReachable;
    private final Map<String, byte[]> handles = new HashMap<>(); // guarded by this
    private final Map<String, CompletableFuture<NlmCallback>> grants = new HashMap<>(); // guarded by this

    /**
     * @param callbacksReachable whether the server can call this client's GRANTED callbacks back
     *     (the engine's listener is registered where the server looks for it)
     */
    public NlmSession(
            String name, NlmClient client, HandleLookup lookup, java.util.function.BooleanSupplier callbacksReachable) {
        this.name = name;
        this.client = client;
        this.lookup = lookup;
        this.callbacksReachable = callbacksReachable;
    }

    /** The lock owner's process id when a step names none: derived from the client's name. */
    public int defaultSvid() {
        return 1000 + Math.floorMod(name.hashCode(), 30000);
    }

    public NlmLockSpec spec(String path, Integer svid, long offset, long length) throws IOException {
        return NlmLockSpec.of(fileHandle(path), svid != null ? svid : defaultSvid(), name, offset, length);
    }

    private synchronized byte[] fileHandle(String path) throws IOException {
        byte[] fh = handles.get(path);
        if (fh == null) {
            fh = lookup.fileHandle(path);
            handles.put(path, fh);
        }
        return fh;
    }

    private static String grantKey(String path, NlmLockSpec l, boolean exclusive) {
        return path + "/" + l.svid() + "/" + l.offset() + "+" + l.length() + "/" + exclusive;
    }

    /**
     * LOCK; for a blocking one the GRANTED callback is registered before the request is sent (it may
     * beat the BLOCKED reply) and kept for {@link #granted} when the answer is BLOCKED.
     */
    public NlmStat lock(String path, NlmLockSpec l, boolean exclusive, boolean block, boolean reclaim)
            throws IOException {
        if (block && !callbacksReachable.getAsBoolean()) {
            throw new IOException("the target runs no portmapper where the engine's NLM callback listener can"
                    + " register, so a blocked NLM lock could never be granted");
        }
        CompletableFuture<NlmCallback> g = block ? client.granted(l, exclusive) : null;
        NlmStat st = client.lock(l, exclusive, block, reclaim);
        if (st == NlmStat.BLOCKED && g != null) {
            synchronized (this) {
                grants.put(grantKey(path, l, exclusive), g);
            }
        }
        return st;
    }

    public NlmTestResult test(NlmLockSpec l, boolean exclusive) throws IOException {
        return client.test(l, exclusive);
    }

    public NlmStat unlock(NlmLockSpec l) throws IOException {
        return client.unlock(l);
    }

    public NlmStat cancel(String path, NlmLockSpec l, boolean exclusive) throws IOException {
        synchronized (this) {
            grants.remove(grantKey(path, l, exclusive));
        }
        return client.cancel(l, exclusive);
    }

    /** The GRANTED callback of this client's earlier blocked LOCK of that range, or null if none. */
    public synchronized CompletableFuture<NlmCallback> granted(String path, NlmLockSpec l, boolean exclusive) {
        return grants.remove(grantKey(path, l, exclusive));
    }

    /** The caller_name this client's locks are owned by. */
    public String callerName() {
        return client.callerName();
    }

    @Override
    public void close() {
        close(true);
    }

    /**
     * Closes the client; with {@code freeAll} it first drops whatever its caller_name still holds
     * (FREE_ALL): the lock table outlives a program's share.
     */
    public void close(boolean freeAll) {
        if (freeAll) {
            try {
                client.freeAll(client.callerName(), 1);
            } catch (IOException | RuntimeException e) {
                // best effort: the server may be gone
            }
        }
        try {
            client.close();
        } catch (IOException e) {
            // closing
        }
    }
}
