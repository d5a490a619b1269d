package io.interlock.scenarios.clients.nlm;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
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
 * for the NLM program. In tests client and server share 127.0.0.1 and the server's own portmapper,
 * where 100021 is the server's own mapping; so the listener registers itself ({@link
 * #registerWith}, portmap SET) under a separate program number, {@link #CALLBACK_PROGRAM}
 * (0x20000021, user-defined range), and the server is configured with the same number
 * ({@code NlmConfig.callbackProgram}). The listener answers that program and 100021 alike. One
 * listener serves any number of {@link NlmClient}s of the process (one mapping per host is all a
 * portmapper can hold).
 *
 * <p>A GRANTED (or GRANTED_MSG, whose answer goes back as a GRANTED_RES call to the server's NLM
 * found through the portmapper this listener registered with) is answered GRANTED only when a client is waiting for exactly that lock (it called
 * {@link NlmClient#lock} with block=true and has not cancelled); otherwise DENIED, as Linux does,
 * which makes the server release the lock. {@link #refuseGrants} forces DENIED.
 */
public final class NlmCallbackListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NlmCallbackListener.class);

    /** The callback program number used on a shared host (see the class comment). */
    public static final int CALLBACK_PROGRAM = 0x20000021;

    public static final int NLM_PROGRAM = 100021;

    private record Expect(String caller, NlmLockSpec lock, boolean exclusive) {}

    private final ServerSocket socket;
    private final int program;
    private final List<NlmCallback> received = new CopyOnWriteArrayList<>();
    private final List<NlmStat> grantedResSent = new CopyOnWriteArrayList<>();
    private final Map<Expect, CompletableFuture<NlmCallback>> waiting = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, CompletableFuture<NlmCallback>> results = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean refuseGrants;
    private InetSocketAddress registeredAt;

    private NlmCallbackListener(ServerSocket socket, int program) {
        this.socket = socket;
        this.program = program;
    }

    /** Binds 127.0.0.1:0 and starts answering {@code program} (and 100021). */
    public static NlmCallbackListener start(int program) throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        NlmCallbackListener l = new NlmCallbackListener(s, program);
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

    /** portmap SET (program, 4, TCP, port) at {@code portmapper}; fails if the mapping is refused. */
    public void registerWith(InetSocketAddress portmapper) throws IOException {
        // Judged by GETPORT, not by SET's answer: against the embedded portmapper SET has been seen
        // to answer FALSE while the mapping was in fact made (see the engine3 report)
        portmapCall(portmapper, 1, port());
        if (getPort(portmapper, program, 4) != port()) {
            // a mapping left by an earlier listener of this process that could not UNSET: replace it
            portmapCall(portmapper, 2, 0);
            portmapCall(portmapper, 1, port());
        }
        int mapped = getPort(portmapper, program, 4);
        if (mapped != port()) {
            throw new IOException("portmapper " + portmapper + " maps program " + program + " to port " + mapped
                    + ", not to this listener's " + port());
        }
        registeredAt = portmapper;
    }

    private boolean portmapCall(InetSocketAddress portmapper, int proc, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(portmapper, 3000);
            s.setSoTimeout(3000);
            int xid = (int) System.nanoTime();
            XdrOut o = OncRpc.call(xid, 100000, 2, proc, "nlm-callback");
            o.int32(program).int32(4).int32(6).int32(port);
            OncRpc.writeRecord(s.getOutputStream(), o.bytes());
            return OncRpc.results(OncRpc.readRecord(new DataInputStream(s.getInputStream())), xid)
                    .bool();
        }
    }

    /**
     * portmap GETPORT (RFC 1833 §3): the TCP port of ({@code program}, {@code version}) at {@code
     * portmapper}, or 0 when it is not registered.
     */
    public static int getPort(InetSocketAddress portmapper, int program, int version) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(portmapper, 3000);
            s.setSoTimeout(3000);
            int xid = (int) System.nanoTime();
            XdrOut o = OncRpc.call(xid, 100000, 2, 3, "nlm-client");
            o.int32(program).int32(version).int32(6).int32(0);
            OncRpc.writeRecord(s.getOutputStream(), o.bytes());
            return OncRpc.results(OncRpc.readRecord(new DataInputStream(s.getInputStream())), xid)
                    .int32();
        }
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
        try (c) {
            DataInputStream in = new DataInputStream(c.getInputStream());
            OutputStream out = c.getOutputStream();
            while (!closed.get()) {
                byte[] call = OncRpc.readRecord(in);
                byte[] reply = answer(call);
                if (reply != null) {
                    OncRpc.writeRecord(out, reply);
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

    private byte[] answer(byte[] call) {
        XdrIn in = new XdrIn(call, 0);
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
            return OncRpc.acceptError(xid, 1);
        }
        if (vers != 4) {
            return new XdrOut()
                    .int32(xid)
                    .int32(OncRpc.REPLY)
                    .int32(0)
                    .int32(0)
                    .int32(0)
                    .int32(2)
                    .int32(4)
                    .int32(4)
                    .bytes();
        }
        try {
            return switch (proc) {
                case 0 -> OncRpc.successReply(xid).bytes();
                case NlmCallback.GRANTED, NlmCallback.GRANTED_MSG -> granted(xid, proc, in);
                case NlmCallback.TEST_RES -> {
                    byte[] cookie = in.opaque(1024);
                    NlmStat s = NlmStat.of(in.int32());
                    NlmTestResult.Holder h = s == NlmStat.DENIED
                            ? new NlmTestResult.Holder(in.bool(), in.int32(), in.opaque(1024), in.hyper(), in.hyper())
                            : null;
                    record(new NlmCallback(proc, null, null, false, cookie, s, h, null, Instant.now()));
                    yield OncRpc.successReply(xid).bytes();
                }
                case NlmCallback.LOCK_RES, NlmCallback.CANCEL_RES, NlmCallback.UNLOCK_RES, NlmCallback.GRANTED_RES -> {
                    byte[] cookie = in.opaque(1024);
                    NlmStat s = NlmStat.of(in.int32());
                    record(new NlmCallback(proc, null, null, false, cookie, s, null, null, Instant.now()));
                    yield OncRpc.successReply(xid).bytes();
                }
                default -> OncRpc.acceptError(xid, 3);
            };
        } catch (NlmProtocolException e) {
            log.warn("callback {} undecodable: {}", proc, e.getMessage());
            return OncRpc.acceptError(xid, 4);
        }
    }

    private byte[] granted(int xid, int proc, XdrIn in) {
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
            // the verdict goes back as a separate GRANTED_RES call to the server's NLM service
            Thread t = new Thread(() -> sendGrantedRes(cookie, answer), "nlm-granted-res");
            t.setDaemon(true);
            t.start();
            return OncRpc.successReply(xid).bytes();
        }
        // nlm4_res: cookie, stat
        return OncRpc.successReply(xid).opaque(cookie).int32(answer.code()).bytes();
    }

    /**
     * GRANTED_RES (proc 15) {cookie, stat} to the server's NLM, found like lockd finds it: GETPORT
     * (100021, 4, TCP) at the portmapper this listener registered with. Without one it is skipped.
     */
    private void sendGrantedRes(byte[] cookie, NlmStat answer) {
        InetSocketAddress pm = registeredAt;
        if (pm == null) {
            log.debug("GRANTED_RES not sent: no portmapper known");
            return;
        }
        try {
            int port;
            try (Socket s = new Socket()) {
                s.connect(pm, 3000);
                s.setSoTimeout(3000);
                int xid = (int) System.nanoTime();
                XdrOut o = OncRpc.call(xid, 100000, 2, 3, "nlm-callback");
                o.int32(NLM_PROGRAM).int32(4).int32(6).int32(0);
                OncRpc.writeRecord(s.getOutputStream(), o.bytes());
                port = OncRpc.results(OncRpc.readRecord(new DataInputStream(s.getInputStream())), xid)
                        .int32();
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(pm.getAddress(), port), 3000);
                s.setSoTimeout(3000);
                int xid = (int) System.nanoTime();
                XdrOut o = OncRpc.call(xid, NLM_PROGRAM, 4, NlmCallback.GRANTED_RES, "nlm-callback");
                o.opaque(cookie).int32(answer.code());
                OncRpc.writeRecord(s.getOutputStream(), o.bytes());
                OncRpc.results(OncRpc.readRecord(new DataInputStream(s.getInputStream())), xid);
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
        if (registeredAt != null) {
            try {
                portmapCall(registeredAt, 2, 0);
            } catch (IOException | RuntimeException e) {
                log.debug("portmap UNSET at {} failed: {}", registeredAt, e.toString());
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
