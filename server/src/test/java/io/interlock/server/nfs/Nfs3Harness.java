package io.interlock.server.nfs;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.v3.Nfs3BreakGate;
import io.interlock.server.nfs.v3.Nfs3Context;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.nfs.v3.Nfs3PermissionMode;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.rpc.RpcCallProcessor;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcInbound;
import io.interlock.server.rpc.RpcReply;
import io.interlock.server.rpc.RpcReplyCache;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * NFSv3 and MOUNT programs on the real in-memory store, called in process through the same
 * {@link RpcCallProcessor} the sockets use (no Netty).
 */
final class Nfs3Harness implements AutoCloseable {
    static final RpcCredential ROOT = new RpcCredential.Sys(1, "test", 0, 0, List.of());

    final VirtualServerClock clock = new VirtualServerClock();
    final FaultPoints faults = new FaultPoints();
    final LockManager locks = new LockManager(clock, new LockManagerConfig(Duration.ofSeconds(35)), faults);
    final ShareRegistry shares = new ShareRegistry();
    final MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock());
    final ExecutorService pool = Executors.newFixedThreadPool(4);
    final RpcReplyCache replyCache = new RpcReplyCache(clock, 64, Duration.ofSeconds(120));
    final RpcCallProcessor processor;
    private final AtomicInteger nextXid = new AtomicInteger(1000);
    final Nfs3Ops ops;
    final byte[] root;

    Nfs3Harness(BreakPolicy policy) {
        this(policy, Nfs3PermissionMode.ALLOW_ALL);
    }

    Nfs3Harness(BreakPolicy policy, Nfs3PermissionMode permissions) {
        shares.add(new Share("share", fs, policy, true));
        Nfs3Context ctx = new Nfs3Context(
                shares,
                new Nfs3BreakGate(locks, faults, pool),
                clock,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                permissions);
        processor = new RpcCallProcessor(List.of(new Nfs3Program(ctx), new MountProgram(shares)), replyCache);
        ops = new Nfs3Ops(this::call);
        root = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), fs.root()).encode();
    }

    /** Starts a call; the future completes with the reply. */
    CompletableFuture<RpcReplyView> start(int prog, int vers, int proc, XdrEncodable args) {
        return start(nextXid.incrementAndGet(), ROOT, prog, vers, proc, args);
    }

    /** Starts a call with a chosen xid and credential (duplicate-request and permission tests). */
    CompletableFuture<RpcReplyView> start(
            int xid, RpcCredential cred, int prog, int vers, int proc, XdrEncodable args) {
        byte[] msg = RpcClient.encodeCall(xid, prog, vers, proc, cred, args);
        CompletableFuture<RpcReplyView> f = new CompletableFuture<>();
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 1);
        processor.process(
                RpcInbound.decode(msg, from), from, pool, (RpcReply r) -> f.complete(RpcReplyView.decode(r.message())));
        return f;
    }

    RpcReplyView call(int prog, int vers, int proc, XdrEncodable args) {
        return start(prog, vers, proc, args).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
