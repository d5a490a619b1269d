package io.interlock.server.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.core.vfs.CreateMode;
import io.interlock.server.core.vfs.FileId;
import io.interlock.server.core.vfs.SetAttributes;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.portmap.PortmapMapping;
import io.interlock.server.nfs.portmap.PortmapProgram;
import io.interlock.server.nfs.portmap.PortmapTable;
import io.interlock.server.nfs.v3.Nfs3FileHandle;
import io.interlock.server.rpc.Rpc;
import io.interlock.server.rpc.RpcCallProcessor;
import io.interlock.server.rpc.RpcCredential;
import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.RpcServer;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grant of a blocked request goes back the way the request came (spec §3.3-3.4, R-NLM-4,
 * R-NLM-13): a blocked LOCK_MSG is granted with GRANTED_MSG (proc 10) and its verdict arrives as
 * GRANTED_RES (15), accepted only from the host the grant went to; a blocked LOCK is granted with
 * the synchronous GRANTED (5). The client side is a real portmapper plus a recording NLM callback
 * service on ephemeral ports of 127.0.0.1.
 */
class NlmGrantedMsgIT {
    /** One call the client's service received. */
    record Received(int proc, byte[] cookie, String caller, int stat) {}

    private final VirtualServerClock clock = new VirtualServerClock();
    private final LockManager locks = new LockManager(clock, LockManagerConfig.defaults(), new FaultPoints());
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ShareRegistry shares = new ShareRegistry();
    private final MemoryFileSystem fs = new MemoryFileSystem(clock.asJavaClock());
    private EventLoopGroup group;
    private NlmService service;
    private RpcProgram nlm;
    private FileId file;
    private byte[] fh;

    @BeforeEach
    void start() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        RpcProgram client = new RpcProgram() {
            @Override
            public RpcProgramId id() {
                return RpcProgramId.of(NlmConfig.INTERLOCK_CALLBACK_PROGRAM, 4);
            }

            @Override
            public RpcProcedure procedure(int version, int procedure) {
                return req -> {
                    XdrReader r = req.args();
                    byte[] cookie = r.readOpaque(1024);
                    if (procedure == 5 || procedure == 10) {
                        r.readBoolean(); // exclusive
                        String caller = r.readString(1024);
                        received.add(new Received(procedure, cookie, caller, -1));
                        // GRANTED answers nlm4_res GRANTED; GRANTED_MSG answers void
                        return CompletableFuture.completedFuture(
                                procedure == 5 ? w -> w.writeOpaque(cookie).writeInt(0) : XdrEncodable.VOID);
                    }
                    received.add(new Received(procedure, cookie, null, r.readInt()));
                    return CompletableFuture.completedFuture(XdrEncodable.VOID);
                };
            }
        };
        Channel cb = RpcServer.bindTcp(
                "client-nlm",
                group,
                group,
                new InetSocketAddress("127.0.0.1", 0),
                new RpcCallProcessor(List.of(client)),
                pool);
        PortmapTable table = new PortmapTable();
        table.set(new PortmapMapping(
                NlmConfig.INTERLOCK_CALLBACK_PROGRAM,
                4,
                Rpc.IPPROTO_TCP,
                ((InetSocketAddress) cb.localAddress()).getPort()));
        Channel pm = RpcServer.bindTcp(
                "client-portmap",
                group,
                group,
                new InetSocketAddress("127.0.0.1", 0),
                new RpcCallProcessor(List.of(new PortmapProgram(table, clock))),
                pool);
        shares.add(new Share("share", fs, BreakPolicy.WAIT, true));
        service = new NlmService(
                NlmConfig.defaults().withGrace(Duration.ZERO).withCallbackProgram(NlmConfig.INTERLOCK_CALLBACK_PROGRAM),
                shares,
                locks,
                clock,
                pool);
        service.bound(new InetSocketAddress("127.0.0.1", 1), ((InetSocketAddress) pm.localAddress()).getPort());
        nlm = service.programs().get(0);
        file = fs.createFile(fs.root(), "f", SetAttributes.NONE, CreateMode.EXCLUSIVE);
        fh = new Nfs3FileHandle(Nfs3FileHandle.shareIdOf("share"), file).encode();
    }

    @AfterEach
    void stop() {
        service.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        pool.shutdownNow();
    }

    private XdrReader call(int proc, String host, XdrEncodable args) {
        XdrWriter w = new XdrWriter();
        args.encode(w);
        RpcRequest req = new RpcRequest(
                7,
                100021,
                4,
                proc,
                RpcCredential.None.INSTANCE,
                new XdrReader(w.toByteArray()),
                new InetSocketAddress(host, 800));
        XdrWriter out = new XdrWriter();
        nlm.procedure(4, proc).call(req).join().encode(out);
        return new XdrReader(out.toByteArray());
    }

    private Nlm4Lock alock(String caller, int svid) {
        return new Nlm4Lock(caller, fh, new byte[] {(byte) svid}, svid, 0, 10);
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a call reached the client's NLM service").isNotNull();
        return r;
    }

    @Test
    void blockedLockMsg_isGrantedWithGrantedMsg_andGrantedResFromTheGranteeDecides() throws Exception {
        Nlm4Lock a = alock("a", 1);
        Nlm4Lock b = alock("b", 2);
        assertThat(Nlm4Res.decode(call(
                                2, "127.0.0.1", new Nlm4LockArgs(new byte[] {1}, false, true, a, false, 1)::encode))
                        .stat())
                .isEqualTo(Nlm4Stats.NLM4_GRANTED);
        call(7, "127.0.0.1", new Nlm4LockArgs(new byte[] {2}, true, true, b, false, 1)::encode); // LOCK_MSG
        Received lockRes = next();
        assertThat(lockRes.proc()).isEqualTo(12); // LOCK_RES
        assertThat(lockRes.cookie()).containsExactly(2);
        assertThat(lockRes.stat()).isEqualTo(Nlm4Stats.NLM4_BLOCKED.code());

        call(4, "127.0.0.1", new Nlm4UnlockArgs(new byte[] {3}, a)::encode);
        Received grant = next();
        assertThat(grant.proc()).as("GRANTED_MSG, not the synchronous GRANTED").isEqualTo(10);
        assertThat(grant.caller()).isEqualTo("b");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> locks.locksOn(file).size() == 1 && service.blockedRequests() == 0);

        // a refusal from another host changes nothing; the grantee's own refusal releases the lock
        call(15, "127.0.0.2", new Nlm4Res(grant.cookie(), Nlm4Stats.NLM4_DENIED)::encode);
        assertThat(locks.locksOn(file)).singleElement().satisfies(l -> assertThat(l.owner())
                .isEqualTo(NlmOwners.of(b)));
        call(15, "127.0.0.1", new Nlm4Res(grant.cookie(), Nlm4Stats.NLM4_DENIED)::encode);
        assertThat(locks.locksOn(file)).isEmpty();
        assertThat(received).isEmpty();
    }

    @Test
    void blockedLock_isGrantedWithSynchronousGranted() throws Exception {
        Nlm4Lock a = alock("a", 1);
        Nlm4Lock b = alock("b", 2);
        call(2, "127.0.0.1", new Nlm4LockArgs(new byte[] {1}, false, true, a, false, 1)::encode);
        assertThat(Nlm4Res.decode(
                                call(2, "127.0.0.1", new Nlm4LockArgs(new byte[] {2}, true, true, b, false, 1)::encode))
                        .stat())
                .isEqualTo(Nlm4Stats.NLM4_BLOCKED);
        call(4, "127.0.0.1", new Nlm4UnlockArgs(new byte[] {3}, a)::encode);
        Received grant = next();
        assertThat(grant.proc()).isEqualTo(5);
        assertThat(grant.caller()).isEqualTo("b");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> service.blockedRequests() == 0);
        assertThat(locks.locksOn(file)).singleElement().satisfies(l -> assertThat(l.owner())
                .isEqualTo(NlmOwners.of(b)));
    }
}
