package io.interlock.server.fuzz;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryBudget;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.mount.MountProgram;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.nfs.nlm.NlmService;
import io.interlock.server.nfs.portmap.PortmapProgram;
import io.interlock.server.nfs.portmap.PortmapTable;
import io.interlock.server.nfs.v3.Nfs3BreakGate;
import io.interlock.server.nfs.v3.Nfs3Context;
import io.interlock.server.nfs.v3.Nfs3PermissionMode;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcCallProcessor;
import io.interlock.server.rpc.RpcInbound;
import io.interlock.server.rpc.RpcReplyCache;
import io.interlock.server.rpc.RpcReplyView;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Every RPC program of the server on one in-memory store (volume 1, share "share", like the first
 * share of an {@code InterlockServer}, so that handles in corpora captured from a real server
 * resolve), called in process on a direct lane. The caller's address is unresolved, so NLM/NSM
 * callbacks never open a socket (no traffic, never port 111).
 *
 * <p>A finding is anything the server would log as an unexpected failure: an exception escaping
 * the processor, or a SYSTEM_ERR reply (a handler threw instead of answering).
 */
public final class RpcFuzzHarness {
    /** The listeners' processors, as {@code NfsServer} builds them. */
    public final RpcCallProcessor nfs;

    public final RpcCallProcessor mount;
    public final RpcCallProcessor nlm;
    public final RpcCallProcessor portmap;

    private final MemoryFileSystem fs;
    private final InetSocketAddress remote = InetSocketAddress.createUnresolved("fuzz-client", 1);
    private final Executor direct = Runnable::run;

    public RpcFuzzHarness() {
        VirtualServerClock clock = new VirtualServerClock();
        FaultPoints faults = new FaultPoints();
        LockManager locks = new LockManager(clock, new LockManagerConfig(Duration.ofSeconds(35)), faults);
        ShareRegistry shares = new ShareRegistry();
        fs = new MemoryFileSystem(clock.asJavaClock(), 1, new MemoryBudget(64L << 20));
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        try {
            fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
            fs.mkdir(fs.root(), "d", SetAttributes.NONE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Nfs3Context ctx = new Nfs3Context(
                shares,
                new Nfs3BreakGate(locks, faults, direct),
                clock,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8},
                Nfs3PermissionMode.ALLOW_ALL);
        nfs = new RpcCallProcessor(List.of(new Nfs3Program(ctx)), new RpcReplyCache(clock, 64, Duration.ofSeconds(5)));
        mount = new RpcCallProcessor(List.of(new MountProgram(shares)));
        NlmService service =
                new NlmService(NlmConfig.defaults().withGrace(Duration.ZERO), shares, locks, clock, direct);
        nlm = new RpcCallProcessor(service.programs());
        portmap = new RpcCallProcessor(List.of(new PortmapProgram(new PortmapTable(), clock)));
    }

    /**
     * Decodes {@code record} as an RPC record and runs it; returns the replies (none for a dropped
     * record). Throws {@link AssertionError} on a SYSTEM_ERR reply.
     */
    public List<RpcReplyView> run(RpcCallProcessor p, byte[] record) {
        List<RpcReplyView> replies = new ArrayList<>();
        p.process(
                RpcInbound.decode(record, remote), remote, direct, r -> replies.add(RpcReplyView.decode(r.message())));
        for (RpcReplyView v : replies) {
            if (v.replyStat() == Rpc.MSG_ACCEPTED && v.acceptStat() == Rpc.SYSTEM_ERR) {
                throw new AssertionError("SYSTEM_ERR: a procedure failed unexpectedly (see the ERROR log)");
            }
        }
        return replies;
    }
}
