package io.interlock.scenarios.clients.nlm;

import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.clients.rpc.AuthSys;
import io.interlock.scenarios.clients.rpc.OncRpc;
import io.interlock.scenarios.clients.rpc.PortmapClient;
import io.interlock.scenarios.clients.rpc.RpcConnection;
import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import io.interlock.scenarios.clients.rpc.XidSequence;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side's NLM service: an RPC server on an ephemeral TCP port of 127.0.0.1 that answers
 * the server's GRANTED callbacks and the _RES calls of asynchronous requests, and records them.
 *
 * <p><b>How the server finds it.</b> Like lockd, the server asks the portmapper on the client's host
 * for the NLM program. In tests client and server share 127.0.0.1 and the server's own portmapper
 * (the embedded server runs it on an ephemeral port, never 111), where 100021 is the server's own
 * mapping; so the listener registers itself ({@link #registerWith}, portmap SET at the address it is
 * given) under a separate program number, {@link #CALLBACK_PROGRAM} (0x20000021, user-defined
 * range), and the server is configured with the same number ({@code NlmConfig.callbackProgram}).
 * The listener answers that program and 100021 alike. One listener serves any number of {@link
 * NlmClient}s of the process (one mapping per host is all a portmapper can hold).
 *
 * <p>A GRANTED (or GRANTED_MSG, whose answer goes back as a GRANTED_RES call to the server's NLM)
 * is answered GRANTED only when a client is waiting for exactly that lock (it called {@link
 * NlmClient#lock} with block=true and has not cancelled); otherwise DENIED, as Linux does, which
 * makes the server release the lock. {@link #refuseGrants} forces DENIED. The server's NLM for
 * GRANTED_RES is the address given to {@link #serverNlm}, else the one GETPORT finds at the
 * portmapper the listener registered with.
 *
 * <p>Reports to its {@link ClientActivity}: for each call read on an accepted connection, {@code
 * wrote} for its reply, then (after a GRANTED_RES it triggered has been sent) {@code consumed} for
 * the call's bytes, so the call's effects are all visible once its bytes count as consumed.
 */
public final class NlmCallbackListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NlmCallbackListener.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final String MACHINE = "nlm-callback";

    /** The callback program number used on a shared host (see the class comment). */
    public static final int CALLBACK_PROGRAM = 0x20000021;

    public static final int NLM_PROGRAM = 100021;

    private record Expect(String caller, NlmLockSpec lock, boolean exclusive) {}

    /** A reply to send, and what to do once it is sent (null: nothing). */
    private record Answer(byte[] reply, Runnable after) {}

    private final ServerSocket socket;
    private final int program;
    private final ClientActivity activity;
    private final XidSequence xids;
    private final List<NlmCallback> received = new CopyOnWriteArrayList<>();
    private final List<NlmStat> grantedResSent = new CopyOnWriteArrayList<>();
    private final Map<Expect, CompletableFuture<NlmCallback>> waiting = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, CompletableFuture<NlmCallback>> results = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean refuseGrants;
    private volatile PortmapClient registeredAt;
    private volatile InetSocketAddress serverNlm;

    private NlmCallbackListener(ServerSocket socket, int program, ClientActivity activity, int xidSeed) {
        this.socket = socket;
        this.program = program;
        this.activity = activity;
        this.xids = new XidSequence(xidSeed);
    }

    /** Binds 127.0.0.1:0 and starts answering {@code program} (and 100021); reports nothing. */
    public static NlmCallbackListener start(int program) throws IOException {
        return start(program, ClientActivity.NONE, (int) System.nanoTime());
    }

    /**
     * Binds 127.0.0.1:0 and starts answering {@code program} (and 100021).
     *
     * @param activity where the listener reports the bytes of its connections
     * @param xidSeed the first xid of the calls the listener makes (portmap, GRANTED_RES)
     */
    public static NlmCallbackListener start(int program, ClientActivity activity, int xidSeed) throws IOException {
        return start(program, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), activity, xidSeed);
    }

    /**
     * Binds {@code address} (where a server that calls back as lockd does will connect, e.g. the
     * host side of a target's network namespace) and starts answering {@code program} (and 100021).
     */
    public static NlmCallbackListener start(
            int program, InetSocketAddress address, ClientActivity activity, int xidSeed) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(address, 50);
        NlmCallbackListener l = new NlmCallbackListener(s, program, activity, xidSeed);
        Thread t = new Thread(l::acceptLoop, "nlm-callback-listener-" + s.getLocalPort());
        t.setDaemon(true);
        t.start();
        return l;
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int program() {
        return program;
    }

    /** Where GRANTED_RES goes (the server's NLM), instead of asking the portmapper for it. */
    public void serverNlm(InetSocketAddress nlm) {
        this.serverNlm = nlm;
    }

    /**
     * portmap SET (program, 4, TCP, port) at {@code portmapper}; fails if the mapping is not made.
     * Judged by GETPORT, not by SET's answer: against the embedded portmapper SET has been seen to
     * answer FALSE while the mapping was in fact made (see the engine3 report).
     */
    public void registerWith(InetSocketAddress portmapper) throws IOException {
        PortmapClient pm = new PortmapClient(portmapper, CALL_TIMEOUT, xids, MACHINE, activity);
        pm.set(program, 4, port());
        if (pm.getPort(program, 4) != port()) {
            // a mapping left by an earlier listener of this process that could not UNSET: replace it
            pm.unset(program, 4);
            pm.set(program, 4, port());
        }
        int mapped = pm.getPort(program, 4);
        if (mapped != port()) {
            throw new IOException("portmapper " + portmapper + " maps program " + program + " to port " + mapped
                    + ", not to this listener's " + port());
        }
        registeredAt = pm;
    }

    /** True once {@link #registerWith} succeeded (the server can find this listener). */
    public boolean registered() {
        return registeredAt != null;
    }

    /** Makes every GRANTED be answered DENIED (the server must then release the lock). */
    public void refuseGrants(boolean refuse) {
        this.refuseGrants = refuse;
    }

    /** Every call received so far, in arrival order. */
    public List<NlmCallback> received() {
        return new ArrayList<>(received);
    }

    /** GRANTED calls received so far. */
    public List<NlmCallback> grants() {
        return received.stream()
                .filter(c -> c.procedure() == NlmCallback.GRANTED)
                .toList();
    }

    /** Registers interest before the blocking LOCK is sent (the GRANTED may beat the BLOCKED reply). */
    CompletableFuture<NlmCallback> expectGrant(String caller, NlmLockSpec lock, boolean exclusive) {
        return waiting.computeIfAbsent(new Expect(caller, lock, exclusive), k -> new CompletableFuture<>());
    }

    /** The client no longer waits (CANCEL, or the LOCK was answered without blocking). */
    void forget(String caller, NlmLockSpec lock, boolean exclusive) {
        CompletableFuture<NlmCallback> f = waiting.remove(new Expect(caller, lock, exclusive));
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Completes with the _RES call carrying {@code cookie}. */
    CompletableFuture<NlmCallback> result(byte[] cookie) {
        return results.computeIfAbsent(ByteBuffer.wrap(cookie.clone()), k -> new CompletableFuture<>());
    }

    private void acceptLoop() {
        while (!closed.get()) {
            try {
                Socket c = socket.accept();
                connections.add(c);
                Thread t = new Thread(() -> serve(c), "nlm-callback-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed.get()) {
                    log.warn("callback listener accept failed: {}", e.toString());
                }
                return;
            }
        }
    }

    private void serve(Socket c) {
        InetSocketAddress local = (InetSocketAddress) c.getLocalSocketAddress();
        InetSocketAddress remote = (InetSocketAddress) c.getRemoteSocketAddress();
        try (c) {
            DataInputStream in = new DataInputStream(c.getInputStream());
            OutputStream out = c.getOutputStream();
            while (!closed.get()) {
                OncRpc.Record call = OncRpc.readRecord(in, OncRpc.MAX_RECORD);
                Answer a = answer(call.message());
                try {
                    if (a != null && a.reply() != null) {
                        activity.wrote(local, remote, OncRpc.writeRecord(out, a.reply()));
                    }
                    if (a != null && a.after() != null) {
                        a.after().run();
                    }
                } finally {
                    activity.consumed(local, remote, call.wireBytes());
                }
            }
        } catch (IOException e) {
            // peer closed: normal end of a callback connection
        } catch (RuntimeException e) {
            log.warn("callback connection failed", e);
        } finally {
            connections.remove(c);
        }
    }

    private Answer answer(byte[] call) {
        XdrIn in = new XdrIn(call);
        int xid = in.int32();
        if (in.int32() != OncRpc.CALL) {
            return null;
        }
        in.int32(); // rpcvers
        int prog = in.int32();
        int vers = in.int32();
        int proc = in.int32();
        in.int32();
        in.opaque(400); // credential
        in.int32();
        in.opaque(400); // verifier
        if (prog != program && prog != NLM_PROGRAM) {
            return new Answer(OncRpc.acceptError(xid, OncRpc.PROG_UNAVAIL), null);
        }
        if (vers != 4) {
            // PROG_MISMATCH, low 4, high 4
            return new Answer(
                    new XdrOut()
                            .int32(xid)
                            .int32(OncRpc.REPLY)
                            .int32(0)
                            .int32(0)
                            .int32(0)
                            .int32(OncRpc.PROG_MISMATCH)
                            .int32(4)
                            .int32(4)
                            .bytes(),
                    null);
        }
        try {
            return switch (proc) {
                case 0 -> new Answer(OncRpc.successReply(xid).bytes(), null);
                case NlmCallback.GRANTED, NlmCallback.GRANTED_MSG -> granted(xid, proc, in);
                case NlmCallback.TEST_RES -> {
                    byte[] cookie = in.opaque(1024);
                    NlmStat s = NlmStat.of(in.int32());
                    NlmTestResult.Holder h = s == NlmStat.DENIED
                            ? new NlmTestResult.Holder(in.bool(), in.int32(), in.opaque(1024), in.hyper(), in.hyper())
                            : null;
                    record(new NlmCallback(proc, null, null, false, cookie, s, h, null, Instant.now()));
                    yield new Answer(OncRpc.successReply(xid).bytes(), null);
                }
                case NlmCallback.LOCK_RES, NlmCallback.CANCEL_RES, NlmCallback.UNLOCK_RES, NlmCallback.GRANTED_RES -> {
                    byte[] cookie = in.opaque(1024);
                    NlmStat s = NlmStat.of(in.int32());
                    record(new NlmCallback(proc, null, null, false, cookie, s, null, null, Instant.now()));
                    yield new Answer(OncRpc.successReply(xid).bytes(), null);
                }
                default -> new Answer(OncRpc.acceptError(xid, OncRpc.PROC_UNAVAIL), null);
            };
        } catch (io.interlock.scenarios.clients.rpc.RpcProtocolException e) {
            log.warn("callback {} undecodable: {}", proc, e.getMessage());
            return new Answer(OncRpc.acceptError(xid, OncRpc.GARBAGE_ARGS), null);
        }
    }

    private Answer granted(int xid, int proc, XdrIn in) {
        byte[] cookie = in.opaque(1024);
        boolean exclusive = in.bool();
        String[] caller = new String[1];
        NlmLockSpec lock = NlmLockSpec.decode(in, caller);
        Expect key = new Expect(caller[0], lock, exclusive);
        CompletableFuture<NlmCallback> f = refuseGrants ? null : waiting.remove(key);
        NlmStat answer = f != null ? NlmStat.GRANTED : NlmStat.DENIED;
        NlmCallback cb = new NlmCallback(proc, caller[0], lock, exclusive, cookie, null, null, answer, Instant.now());
        received.add(cb);
        log.debug("callback {} for {} {}: answering {}", proc, caller[0], lock, answer);
        if (f != null) {
            f.complete(cb);
        }
        if (proc == NlmCallback.GRANTED_MSG) {
            // the verdict goes back as a separate GRANTED_RES call to the server's NLM service,
            // sent once the void reply to GRANTED_MSG is out (the server is not kept waiting)
            return new Answer(OncRpc.successReply(xid).bytes(), () -> sendGrantedRes(cookie, answer));
        }
        // nlm4_res: cookie, stat
        return new Answer(
                OncRpc.successReply(xid).opaque(cookie).int32(answer.code()).bytes(), null);
    }

    /**
     * GRANTED_RES (proc 15) {cookie, stat} to the server's NLM: at the address given to {@link
     * #serverNlm}, else found like lockd finds it, GETPORT (100021, 4, TCP) at the portmapper this
     * listener registered with. With neither it is skipped.
     */
    private void sendGrantedRes(byte[] cookie, NlmStat answer) {
        try {
            InetSocketAddress nlm = serverNlm;
            PortmapClient pm = registeredAt;
            if (nlm == null && pm != null) {
                nlm = new InetSocketAddress(pm.address().getAddress(), pm.getPort(NLM_PROGRAM, 4));
            }
            if (nlm == null) {
                log.debug("GRANTED_RES not sent: the server's NLM is unknown");
                return;
            }
            try (RpcConnection c = RpcConnection.open(nlm, CALL_TIMEOUT, xids, AuthSys.root(MACHINE), activity)) {
                c.call(
                        NLM_PROGRAM,
                        4,
                        NlmCallback.GRANTED_RES,
                        new XdrOut().opaque(cookie).int32(answer.code()).bytes());
            }
            grantedResSent.add(answer);
        } catch (IOException | RuntimeException e) {
            log.warn("GRANTED_RES to the server failed: {}", e.toString());
        }
    }

    /** The verdicts sent back as GRANTED_RES for GRANTED_MSG callbacks, in order. */
    public List<NlmStat> grantedResSent() {
        return new ArrayList<>(grantedResSent);
    }

    private void record(NlmCallback cb) {
        received.add(cb);
        results.computeIfAbsent(ByteBuffer.wrap(cb.cookie()), k -> new CompletableFuture<>())
                .complete(cb);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        PortmapClient pm = registeredAt;
        if (pm != null) {
            try {
                pm.unset(program, 4);
            } catch (IOException | RuntimeException e) {
                log.debug("portmap UNSET at {} failed: {}", pm.address(), e.toString());
            }
        }
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket c : connections) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        waiting.values().forEach(f -> f.cancel(false));
    }
}
