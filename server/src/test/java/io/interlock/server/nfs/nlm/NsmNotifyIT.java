package io.interlock.server.nfs.nlm;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.lock.LockManager;
import io.interlock.server.core.lock.LockManagerConfig;
import io.interlock.server.core.time.VirtualServerClock;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.nfs.nsm.NsmMonitorFile;
import io.interlock.server.nfs.portmap.PortmapMapping;
import io.interlock.server.nfs.portmap.PortmapProgram;
import io.interlock.server.nfs.portmap.PortmapTable;
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
import io.interlock.server.runtime.ShareRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R-NSM-1 at start: SM_MON registrations survive a restart beside the state file, and the next
 * incarnation sends SM_NOTIFY {our name, new state} to each registrant's NSM, found through the
 * portmapper on the registrant's host. The "peer" is a real portmapper (our PortmapProgram) plus a
 * recording NSM on ephemeral ports of 127.0.0.1.
 */
class NsmNotifyIT {
    private final VirtualServerClock clock = new VirtualServerClock();
    private final LockManager locks = new LockManager(clock, LockManagerConfig.defaults(), new FaultPoints());
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final LinkedBlockingQueue<String> notifies = new LinkedBlockingQueue<>();
    private EventLoopGroup group;
    private int peerPortmap;

    @TempDir
    Path dir;

    @BeforeEach
    void startPeer() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        RpcProgram recordingNsm = new RpcProgram() {
            @Override
            public RpcProgramId id() {
                return RpcProgramId.of(100024, 1);
            }

            @Override
            public RpcProcedure procedure(int version, int procedure) {
                if (procedure != 6) {
                    return null;
                }
                return req -> {
                    // stat_chge: mon_name, state
                    String name = req.args().readString(1024);
                    int state = req.args().readInt();
                    notifies.add(name + "/" + state);
                    return CompletableFuture.completedFuture(XdrEncodable.VOID);
                };
            }
        };
        Channel nsm = RpcServer.bindTcp(
                "peer-nsm",
                group,
                group,
                new InetSocketAddress("127.0.0.1", 0),
                new RpcCallProcessor(List.of(recordingNsm)),
                pool);
        PortmapTable table = new PortmapTable();
        table.set(new PortmapMapping(100024, 1, Rpc.IPPROTO_TCP, ((InetSocketAddress) nsm.localAddress()).getPort()));
        Channel pm = RpcServer.bindTcp(
                "peer-portmap",
                group,
                group,
                new InetSocketAddress("127.0.0.1", 0),
                new RpcCallProcessor(List.of(new PortmapProgram(table, clock))),
                pool);
        peerPortmap = ((InetSocketAddress) pm.localAddress()).getPort();
    }

    @AfterEach
    void stopPeer() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        pool.shutdownNow();
    }

    private NlmService incarnation(Path state) {
        NlmConfig c = NlmConfig.defaults()
                .withGrace(Duration.ZERO)
                .withNsmStateFile(state)
                .withNsmName("server-a")
                .withCallbackTimeout(Duration.ofSeconds(5));
        return new NlmService(c, new ShareRegistry(), locks, clock, pool);
    }

    private static void call(RpcProgram nsm, int proc, String from, XdrEncodable args) {
        XdrWriter w = new XdrWriter();
        args.encode(w);
        RpcRequest req = new RpcRequest(
                1,
                100024,
                1,
                proc,
                RpcCredential.None.INSTANCE,
                new XdrReader(w.toByteArray()),
                new InetSocketAddress(from, 700));
        nsm.procedure(1, proc).call(req).join();
    }

    private static XdrEncodable mon(String monName) {
        return w -> {
            w.writeString(monName)
                    .writeString("client-lockd")
                    .writeInt(100021)
                    .writeInt(4)
                    .writeInt(16);
            w.writeFixedOpaque(new byte[16]);
        };
    }

    private List<Boolean> startAndAwaitNotifies(NlmService s) {
        s.bound(new InetSocketAddress("127.0.0.1", 1), peerPortmap);
        return s.startupNotifications().stream()
                .map(f -> f.orTimeout(20, TimeUnit.SECONDS).join())
                .toList();
    }

    @Test
    void restart_withStateFile_notifiesEveryPreviousRegistrant_andDropsUnreachableOnes() throws Exception {
        Path state = dir.resolve("nsm-state");
        NlmService first = incarnation(state);
        RpcProgram nsm1 = first.programs().get(1);
        assertThat(startAndAwaitNotifies(first))
                .as("nobody registered before the first start")
                .isEmpty();
        call(nsm1, 2, "127.0.0.1", mon("client-1"));
        call(nsm1, 2, "127.0.0.2", mon("client-2")); // no portmapper answers at 127.0.0.2
        call(nsm1, 2, "127.0.0.1", mon("client-3"));
        call(nsm1, 3, "127.0.0.1", w -> w.writeString("client-3")
                .writeString("client-lockd")
                .writeInt(100021)
                .writeInt(4)
                .writeInt(16)); // UNMON: not notified
        int firstState = first.nsmState();
        first.close();
        assertThat(Files.readAllLines(NsmMonitorFile.beside(state).path())).hasSize(2);

        NlmService second = incarnation(state);
        assertThat(second.nsmState()).isGreaterThan(firstState).isOdd();
        List<Boolean> results = startAndAwaitNotifies(second);
        assertThat(results).containsExactlyInAnyOrder(true, false);
        assertThat(notifies).containsExactly("server-a/" + second.nsmState());
        // client-1 stays registered (notified again next time), the unreachable client-2 is gone
        assertThat(NsmMonitorFile.beside(state).load())
                .singleElement()
                .satisfies(r -> assertThat(r.mon().monName()).isEqualTo("client-1"));
        assertThat(second.programs().get(1)).isNotNull();
        second.close();

        notifies.clear();
        NlmService third = incarnation(state);
        assertThat(startAndAwaitNotifies(third)).containsExactly(true);
        assertThat(notifies).containsExactly("server-a/" + third.nsmState());
        third.close();
    }

    @Test
    void noStateFile_noMonitorFile_andNothingToNotify() throws Exception {
        NlmService s =
                new NlmService(NlmConfig.defaults().withGrace(Duration.ZERO), new ShareRegistry(), locks, clock, pool);
        call(s.programs().get(1), 2, "127.0.0.1", mon("client-1"));
        assertThat(startAndAwaitNotifies(s)).isEmpty();
        s.close();
        NlmService again =
                new NlmService(NlmConfig.defaults().withGrace(Duration.ZERO), new ShareRegistry(), locks, clock, pool);
        assertThat(startAndAwaitNotifies(again)).isEmpty();
        assertThat(notifies).isEmpty();
        again.close();
    }
}
