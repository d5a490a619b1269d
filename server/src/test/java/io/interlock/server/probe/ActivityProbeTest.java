package io.interlock.server.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.SocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The probe's per-peer byte counts. Every {@link EmbeddedChannel} has the same remote address, as
 * a connection has when the kernel gives a closed connection's port to a new one at once.
 */
class ActivityProbeTest {

    private static long read(ActivityProbe probe, SocketAddress peer) {
        ActivityProbe.Traffic t = probe.snapshot().peers().get(peer);
        return t == null ? 0 : t.read();
    }

    @Test
    void newConnectionFromAReusedAddress_countsFromZero_andKeepsItsCountsWhenTheOldOneClosesLate() {
        ActivityProbe probe = new ActivityProbe();
        EmbeddedChannel old = new EmbeddedChannel(probe.handler());
        old.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        SocketAddress peer = old.remoteAddress();
        assertThat(read(probe, peer)).isEqualTo(10);

        EmbeddedChannel next = new EmbeddedChannel(probe.handler());
        assertThat(next.remoteAddress()).isEqualTo(peer);
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
}
