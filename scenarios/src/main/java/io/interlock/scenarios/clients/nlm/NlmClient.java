package io.interlock.scenarios.clients.nlm;

import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.clients.rpc.AuthSys;
import io.interlock.scenarios.clients.rpc.RpcConnection;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.scenarios.clients.rpc.XidSequence;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small NLM v4 client (RFC 1813 §6; XNFS ch. 10) over one TCP connection, with its own XDR and
 * RPC framing: TEST, LOCK (blocking or not, reclaim), CANCEL, UNLOCK, FREE_ALL, LOCK_MSG/TEST_MSG,
 * and NSM SM_STAT on the same port. One call at a time; thread-safe. Blocking grants arrive on the
 * {@link NlmCallbackListener} given at connect time.
 *
 * <p>It connects straight to the NLM port it is given (no portmapper), reports its bytes and
 * blocking reads to a {@link ClientActivity} (see {@link RpcConnection}), and with {@link
 * #connect(InetSocketAddress, String, NlmCallbackListener, Duration, ClientActivity, int)} its xids
 * and cookies follow from a seed.
 */
public final class NlmClient implements AutoCloseable {
    public static final int NLM_PROGRAM = 100021;
    public static final int NLM_VERSION = 4;
    public static final int NSM_PROGRAM = 100024;

    private final RpcConnection connection;
    private final String callerName;
    private final NlmCallbackListener listener;
    private final AtomicInteger nextCookie = new AtomicInteger(1);
    /** Cookies are unique across the clients that share a listener: a distinct prefix each. */
    private final int cookiePrefix;

    private NlmClient(RpcConnection connection, String callerName, NlmCallbackListener listener, int cookiePrefix) {
        this.connection = connection;
        this.callerName = callerName;
        this.listener = listener;
        this.cookiePrefix = cookiePrefix;
    }

    /**
     * Connects to an NLM service.
     *
     * @param server the server's NLM TCP address
     * @param callerName our caller_name (the "host" that owns our locks)
     * @param listener where GRANTED and _RES calls arrive; may be null when never blocking
     * @param timeout connect and reply timeout
     */
    public static NlmClient connect(
            InetSocketAddress server, String callerName, NlmCallbackListener listener, Duration timeout)
            throws IOException {
        SecureRandom r = new SecureRandom();
        return connect(server, callerName, listener, timeout, ClientActivity.NONE, r.nextInt(), r.nextInt());
    }

    /**
     * Connects to an NLM service with deterministic xids and cookies.
     *
     * @param server the server's NLM TCP address
     * @param callerName our caller_name (the "host" that owns our locks)
     * @param listener where GRANTED and _RES calls arrive; may be null when never blocking
     * @param timeout connect and reply timeout
     * @param activity where this client reports its bytes and blocking reads
     * @param seed the first xid; the cookie prefix follows from it (clients sharing a listener need
     *     distinct seeds)
     */
    public static NlmClient connect(
            InetSocketAddress server,
            String callerName,
            NlmCallbackListener listener,
            Duration timeout,
            ClientActivity activity,
            int seed)
            throws IOException {
        return connect(server, callerName, listener, timeout, activity, seed, Integer.rotateLeft(seed * 0x9E3779B9, 7));
    }

    private static NlmClient connect(
            InetSocketAddress server,
            String callerName,
            NlmCallbackListener listener,
            Duration timeout,
            ClientActivity activity,
            int xidSeed,
            int cookiePrefix)
            throws IOException {
        RpcConnection c =
                RpcConnection.open(server, timeout, new XidSequence(xidSeed), AuthSys.root(callerName), activity);
        return new NlmClient(c, callerName, listener, cookiePrefix);
    }

    public String callerName() {
        return callerName;
    }

    private XdrIn call(int prog, int proc, byte[] args) throws IOException {
        return connection.call(prog, prog == NSM_PROGRAM ? 1 : NLM_VERSION, proc, args);
    }

    private byte[] cookie() {
        return ByteBuffer.allocate(8)
                .putInt(cookiePrefix)
                .putInt(nextCookie.getAndIncrement())
                .array();
    }

    private static NlmStat res(XdrIn r) {
        r.opaque(1024); // cookie
        return NlmStat.of(r.int32());
    }

    /** NULL. */
    public void ping() throws IOException {
        call(NLM_PROGRAM, 0, new byte[0]);
    }

    /** TEST (proc 1). */
    public NlmTestResult test(NlmLockSpec lock, boolean exclusive) throws IOException {
        XdrOut a = new XdrOut().opaque(cookie()).bool(exclusive);
        lock.encode(a, callerName);
        return NlmTestResult.decode(call(NLM_PROGRAM, 1, a.bytes()));
    }

    /** LOCK (proc 2), not a reclaim. */
    public NlmStat lock(NlmLockSpec lock, boolean exclusive, boolean block) throws IOException {
        return lock(lock, exclusive, block, false);
    }

    /**
     * LOCK (proc 2). With block=true, interest in the GRANTED callback is registered before the
     * call; {@link #granted} returns it.
     */
    public NlmStat lock(NlmLockSpec lock, boolean exclusive, boolean block, boolean reclaim) throws IOException {
        if (block) {
            requireListener();
            listener.expectGrant(callerName, lock, exclusive);
        }
        NlmStat s = res(call(NLM_PROGRAM, 2, lockArgs(lock, exclusive, block, reclaim, cookie())));
        if (block && s != NlmStat.BLOCKED) {
            listener.forget(callerName, lock, exclusive);
        }
        return s;
    }

    private byte[] lockArgs(NlmLockSpec lock, boolean exclusive, boolean block, boolean reclaim, byte[] cookie) {
        XdrOut a = new XdrOut().opaque(cookie).bool(block).bool(exclusive);
        lock.encode(a, callerName);
        return a.bool(reclaim).int32(1).bytes(); // state: our NSM state number
    }

    /** The GRANTED callback of a blocked LOCK (completes when the listener answered it GRANTED). */
    public CompletableFuture<NlmCallback> granted(NlmLockSpec lock, boolean exclusive) {
        requireListener();
        return listener.expectGrant(callerName, lock, exclusive);
    }

    /** CANCEL (proc 3); we stop waiting for the GRANTED first. */
    public NlmStat cancel(NlmLockSpec lock, boolean exclusive) throws IOException {
        if (listener != null) {
            listener.forget(callerName, lock, exclusive);
        }
        XdrOut a = new XdrOut().opaque(cookie()).bool(true).bool(exclusive);
        lock.encode(a, callerName);
        return res(call(NLM_PROGRAM, 3, a.bytes()));
    }

    /** UNLOCK (proc 4). */
    public NlmStat unlock(NlmLockSpec lock) throws IOException {
        XdrOut a = new XdrOut().opaque(cookie());
        lock.encode(a, callerName);
        return res(call(NLM_PROGRAM, 4, a.bytes()));
    }

    /** FREE_ALL (proc 23) for {@code name}. */
    public void freeAll(String name, int state) throws IOException {
        call(NLM_PROGRAM, 23, new XdrOut().string(name).int32(state).bytes());
    }

    /** LOCK_MSG (proc 7): the answer arrives as LOCK_RES on the listener. */
    public CompletableFuture<NlmCallback> lockMsg(NlmLockSpec lock, boolean exclusive, boolean block)
            throws IOException {
        requireListener();
        byte[] cookie = cookie();
        CompletableFuture<NlmCallback> f = listener.result(cookie);
        if (block) {
            listener.expectGrant(callerName, lock, exclusive);
        }
        call(NLM_PROGRAM, 7, lockArgs(lock, exclusive, block, false, cookie));
        return f;
    }

    /** TEST_MSG (proc 6): the answer arrives as TEST_RES on the listener. */
    public CompletableFuture<NlmCallback> testMsg(NlmLockSpec lock, boolean exclusive) throws IOException {
        requireListener();
        byte[] cookie = cookie();
        CompletableFuture<NlmCallback> f = listener.result(cookie);
        XdrOut a = new XdrOut().opaque(cookie).bool(exclusive);
        lock.encode(a, callerName);
        call(NLM_PROGRAM, 6, a.bytes());
        return f;
    }

    /** NSM SM_STAT (program 100024 proc 1): the server's state number. */
    public int nsmState() throws IOException {
        XdrIn r = call(NSM_PROGRAM, 1, new XdrOut().string(callerName).bytes());
        int res = r.int32();
        if (res != 0) {
            throw new NlmProtocolException("SM_STAT answered stat_fail");
        }
        return r.int32();
    }

    private void requireListener() {
        if (listener == null) {
            throw new IllegalStateException("this client has no callback listener");
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
