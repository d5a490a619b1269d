package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.exec.SerialLane;
import io.interlock.server.core.vfs.local.LocalFileSystem;
import io.interlock.server.nfs.v3.Nfs3Program;
import io.interlock.server.rpc.RpcClient;
import io.interlock.server.rpc.RpcInbound;
import io.interlock.server.rpc.RpcReply;
import io.interlock.server.rpc.XdrEncodable;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which NFS calls run on the thread that decoded them (issue 11): quick procedures on an idle lane
 * when every store is in memory; directory listings, and everything once a share lives on disk,
 * go to the pool.
 */
class Nfs3QuickPathTest {
    private static final int GETATTR = 1;
    private static final int READDIRPLUS = 17;

    private final Nfs3Harness h = new Nfs3Harness(BreakPolicy.WAIT);
    /** The lane's pool: runs nothing until told to, so the test sees what was handed to it. */
    private final Queue<Runnable> handedOff = new ArrayDeque<>();

    private final SerialLane lane = new SerialLane(handedOff::add);
    private final List<RpcReply> replies = new ArrayList<>();

    @AfterEach
    void close() {
        h.close();
    }

    private void process(int proc, XdrEncodable args) {
        byte[] msg = RpcClient.encodeCall(1, Nfs3Program.PROGRAM, 3, proc, Nfs3Harness.ROOT, args);
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 1);
        h.processor.process(RpcInbound.decode(msg, from), from, (Executor) lane, replies::add);
    }

    @Test
    void getattr_memoryStoreIdleLane_answeredOnTheCallingThread() {
        process(GETATTR, w -> w.writeOpaque(h.root));
        assertThat(replies).hasSize(1);
        assertThat(handedOff).isEmpty();
    }

    @Test
    void readdirplus_memoryStore_handedToThePool() {
        process(READDIRPLUS, w -> {
            w.writeOpaque(h.root);
            w.writeLong(0); // cookie
            w.writeFixedOpaque(new byte[8]); // cookieverf
            w.writeInt(4096).writeInt(8192); // dircount, maxcount
        });
        assertThat(replies).isEmpty();
        assertThat(handedOff).hasSize(1);
        handedOff.poll().run();
        assertThat(replies).hasSize(1);
    }

    @Test
    void getattr_aShareOnDisk_handedToThePool(@TempDir Path dir) throws Exception {
        h.shares.add(new Share("disk", new LocalFileSystem(dir, Clock.systemUTC()), BreakPolicy.WAIT, true));
        process(GETATTR, w -> w.writeOpaque(h.root));
        assertThat(replies).isEmpty();
        assertThat(handedOff).hasSize(1);
    }
}
