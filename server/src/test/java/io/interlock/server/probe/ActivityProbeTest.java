package io.interlock.server.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.exec.PinnedExecutor;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The probe's per-peer byte counts. Every {@link EmbeddedChannel} has the same remote address, as
 * a connection has when the kernel gives a closed connection's port to a new one at once.
 */
class ActivityProbeTest {

    private static long read(ActivityProbe probe, ActivityProbe.Peer peer) {
        ActivityProbe.Traffic t = probe.snapshot().peers().get(peer);
        return t == null ? 0 : t.read();
    }

    @Test
    void newConnectionFromAReusedAddress_countsFromZero_andKeepsItsCountsWhenTheOldOneClosesLate() {
        ActivityProbe probe = new ActivityProbe();
        EmbeddedChannel old = new EmbeddedChannel(probe.handler());
        old.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        ActivityProbe.Peer peer = new ActivityProbe.Peer(old.remoteAddress(), old.localAddress());
        assertThat(read(probe, peer)).isEqualTo(10);

        EmbeddedChannel next = new EmbeddedChannel(probe.handler());
        assertThat(new ActivityProbe.Peer(next.remoteAddress(), next.localAddress()))
                .isEqualTo(peer);
        next.writeInbound(Unpooled.wrappedBuffer(new byte[5]));
        assertThat(read(probe, peer)).as("the new connection's bytes alone").isEqualTo(5);

        old.writeInbound(Unpooled.wrappedBuffer(new byte[7])); // a late read of the old connection
        old.close();
        assertThat(read(probe, peer))
                .as("after the old connection's late read and close")
                .isEqualTo(5);

        next.close();
        assertThat(probe.snapshot().peers()).doesNotContainKey(peer);
    }

    /** A channel between the given addresses (the probe keys by both ends). */
    private static EmbeddedChannel channel(ActivityProbe probe, SocketAddress remote, SocketAddress local) {
        return new EmbeddedChannel(probe.handler()) {
            @Override
            protected SocketAddress remoteAddress0() {
                return remote;
            }

            @Override
            protected SocketAddress localAddress0() {
                return local;
            }
        };
    }

    @Test
    void twoConnectionsFromOnePeerAddressToTwoListeners_countedApart() {
        // Linux gives one ephemeral port to a proxy's connections to the SMB and the NFS listener
        ActivityProbe probe = new ActivityProbe();
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 42646);
        InetSocketAddress smb = new InetSocketAddress("127.0.0.1", 38745);
        InetSocketAddress nfs = new InetSocketAddress("127.0.0.1", 2049);
        EmbeddedChannel toSmb = channel(probe, peer, smb);
        toSmb.writeInbound(Unpooled.wrappedBuffer(new byte[850]));
        EmbeddedChannel toNfs = channel(probe, peer, nfs);
        toNfs.writeInbound(Unpooled.wrappedBuffer(new byte[40]));

        assertThat(probe.snapshot().of(peer, smb).read()).isEqualTo(850);
        assertThat(probe.snapshot().of(peer, nfs).read()).isEqualTo(40);
        toNfs.close();
        assertThat(probe.snapshot().of(peer, smb).read())
                .as("the other connection's close")
                .isEqualTo(850);
        toSmb.close();
    }

    @Test
    void serializingProbe_handlerExecutor_isPinnedSoNoTaskRunsInPlaceOnAnEventLoop() {
        Executor pool = Runnable::run;
        assertThat(ActivityProbe.serializing().trackHandlers(pool)).isInstanceOf(PinnedExecutor.class);
        assertThat(new ActivityProbe().trackHandlers(pool)).isNotInstanceOf(PinnedExecutor.class);
    }
}
