package io.interlock.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.runtime.ServerLimits;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The connection guard's cap and timeouts on an EmbeddedChannel with a hand-driven ticker. */
class ConnectionGuardTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final ServerLimits limits = ServerLimits.defaults()
            .withIdleTimeout(Duration.ofSeconds(30))
            .withLoginTimeout(Duration.ofSeconds(10))
            .withRequestTimeout(Duration.ofSeconds(5));

    private ConnectionGuard guard(ConnectionCounter counter) {
        return new ConnectionGuard("TEST", limits, counter, now::get);
    }

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void loginTimeout_notLoggedIn_closes_loggedIn_stays() {
        ConnectionCounter counter = new ConnectionCounter(10);
        ConnectionGuard a = guard(counter);
        ConnectionGuard b = guard(counter);
        EmbeddedChannel chA = new EmbeddedChannel(a);
        EmbeddedChannel chB = new EmbeddedChannel(b);
        b.loggedIn();
        advance(Duration.ofSeconds(9));
        a.check();
        assertThat(chA.isActive()).isTrue();
        advance(Duration.ofSeconds(2));
        chB.writeInbound(Unpooled.wrappedBuffer(new byte[] {1})); // traffic: not idle
        a.check();
        b.check();
        assertThat(chA.isActive()).as("no login within 10 s").isFalse();
        assertThat(chB.isActive()).isTrue();
        assertThat(counter.open()).isEqualTo(1);
        chB.finishAndReleaseAll();
    }

    @Test
    void idleTimeout_noTrafficForIt_closes_trafficResetsIt() {
        ConnectionGuard g = guard(new ConnectionCounter(10));
        EmbeddedChannel ch = new EmbeddedChannel(g);
        g.loggedIn();
        advance(Duration.ofSeconds(29));
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        advance(Duration.ofSeconds(29));
        g.check();
        assertThat(ch.isActive()).isTrue();
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[] {2})); // a reply counts as traffic too
        advance(Duration.ofSeconds(29));
        g.check();
        assertThat(ch.isActive()).isTrue();
        advance(Duration.ofSeconds(2));
        g.check();
        assertThat(ch.isActive()).as("31 s without a byte").isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void requestTimeout_halfSentFrame_closes_evenWhenLoggedIn() {
        ConnectionGuard g = guard(new ConnectionCounter(10));
        EmbeddedChannel ch = new EmbeddedChannel(g);
        g.loggedIn();
        g.partial(true);
        advance(Duration.ofSeconds(4));
        g.partial(true); // more bytes of the same frame: the clock does not restart
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        g.check();
        assertThat(ch.isActive()).isTrue();
        advance(Duration.ofSeconds(2));
        g.check();
        assertThat(ch.isActive()).as("a frame half-sent for 6 s").isFalse();
        ch.finishAndReleaseAll();
    }

    @Test
    void requestTimeout_frameCompleted_doesNotFire() {
        ConnectionGuard g = guard(new ConnectionCounter(10));
        EmbeddedChannel ch = new EmbeddedChannel(g);
        g.loggedIn();
        g.partial(true);
        advance(Duration.ofSeconds(4));
        g.partial(false);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {1}));
        advance(Duration.ofSeconds(4));
        g.check();
        assertThat(ch.isActive()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void maxConnections_extraConnectionClosed_slotFreedOnClose() {
        ConnectionCounter counter = new ConnectionCounter(2);
        EmbeddedChannel a = new EmbeddedChannel(guard(counter));
        EmbeddedChannel b = new EmbeddedChannel(guard(counter));
        EmbeddedChannel c = new EmbeddedChannel(guard(counter));
        assertThat(a.isActive()).isTrue();
        assertThat(b.isActive()).isTrue();
        assertThat(c.isActive()).as("third of max 2").isFalse();
        assertThat(counter.open()).isEqualTo(2);
        a.close();
        assertThat(counter.open()).isEqualTo(1);
        EmbeddedChannel d = new EmbeddedChannel(guard(counter));
        assertThat(d.isActive()).isTrue();
        b.close();
        d.close();
        assertThat(counter.open()).isZero();
    }

    @Test
    void zeroTimeouts_disableThem() {
        ServerLimits off = limits.withIdleTimeout(Duration.ZERO)
                .withLoginTimeout(Duration.ZERO)
                .withRequestTimeout(Duration.ZERO);
        ConnectionGuard g = new ConnectionGuard("TEST", off, new ConnectionCounter(1), now::get);
        EmbeddedChannel ch = new EmbeddedChannel(g);
        g.partial(true);
        advance(Duration.ofDays(2));
        g.check();
        assertThat(ch.isActive()).isTrue();
        ch.close();
    }
}
