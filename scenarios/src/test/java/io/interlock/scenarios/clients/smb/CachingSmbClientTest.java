package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.mssmb2.SMB2FileId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The redirector-style cache against a recording fake server: what goes on the wire, and when. */
class CachingSmbClientTest {
    private static final UUID KEY = new UUID(1, 2);

    /** A one-file server that records every request. */
    private static final class FakeWire implements SmbWire {
        final List<String> calls = new ArrayList<>();
        byte[] file = new byte[0];
        LeaseBreakAckResult ackAnswer; // null = success with the acknowledged state

        @Override
        public synchronized int write(SmbOpen open, long offset, byte[] data) {
            calls.add("write " + new String(data, StandardCharsets.UTF_8) + "@" + offset);
            int end = (int) offset + data.length;
            if (end > file.length) {
                file = Arrays.copyOf(file, end);
            }
            System.arraycopy(data, 0, file, (int) offset, data.length);
            return data.length;
        }

        @Override
        public synchronized byte[] read(SmbOpen open, long offset) {
            calls.add("read");
            return file.clone();
        }

        @Override
        public synchronized void close(SmbOpen open) {
            calls.add("close");
        }

        @Override
        public synchronized LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException {
            calls.add("ack " + LeaseBits.format(leaseState));
            return ackAnswer != null ? ackAnswer : new LeaseBreakAckResult(0, leaseState);
        }

        String content() {
            return new String(file, StandardCharsets.UTF_8);
        }
    }

    /** Holds scheduled tasks until the test runs them: the flush delay without waiting. */
    private static final class ManualScheduler implements CachingSmbClient.Scheduler {
        final List<Duration> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void schedule(Duration delay, Runnable task) {
            delays.add(delay);
            tasks.add(task);
        }

        void runAll() {
            List<Runnable> now = new ArrayList<>(tasks);
            tasks.clear();
            now.forEach(Runnable::run);
        }
    }

    private final FakeWire wire = new FakeWire();
    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> observed = new ArrayList<>();
    private final CachingSmbClient client = new CachingSmbClient(
            wire,
            Duration.ofMillis(500),
            new CachingSmbClient.Observer() {
                @Override
                public void flushStarted(String tag, long offset, int length) {
                    observed.add("flush " + tag);
                }

                @Override
                public void ackSent(LeaseBreakEvent e, int state) {
                    observed.add("ack " + LeaseBits.format(state));
                }
            },
            scheduler);

    private static SmbOpen open(int leaseState) {
        return new SmbOpen("f", new SMB2FileId(new byte[16], new byte[16]), 0xFF, 1, KEY, leaseState, 0, 1, null);
    }

    private static LeaseBreakEvent breakTo(int from, int to, boolean ackRequired) {
        return new LeaseBreakEvent(KEY, from, to, ackRequired ? 1 : 0, 2, System.nanoTime(), Instant.now());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void write_underWriteLease_staysInMemory() throws Exception {
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        assertThat(client.write(o, 0, b("AAAA"), "a-write")).isEqualTo(CachingSmbClient.WriteMode.CACHED);
        assertThat(wire.calls).isEmpty();
        assertThat(client.dirtyCount()).isEqualTo(1);
    }

    @Test
    void write_withoutWriteLease_isSent() throws Exception {
        SmbOpen o = open(LeaseBits.parse("RH"));
        client.opened(o);
        assertThat(client.write(o, 0, b("AAAA"), "a-write")).isEqualTo(CachingSmbClient.WriteMode.SENT);
        assertThat(wire.calls).containsExactly("write AAAA@0");
    }

    @Test
    void breakToNone_afterFlushDelay_flushesInOrderThenAcks() throws Exception {
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        client.write(o, 0, b("AAAA"), "w1");
        client.write(o, 2, b("ZZ"), "w2");
        client.onBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.NONE, true));
        assertThat(scheduler.delays).containsExactly(Duration.ofMillis(500));
        assertThat(wire.calls)
                .as("nothing is sent before the flush delay has passed")
                .isEmpty();

        scheduler.runAll();

        assertThat(wire.calls).containsExactly("write AAAA@0", "write ZZ@2", "ack NONE");
        assertThat(observed).containsExactly("flush w1", "flush w2", "ack NONE");
        assertThat(wire.content()).isEqualTo("AAZZ");
        CachingSmbClient.HandledBreak h = client.awaitHandled(Duration.ofSeconds(1));
        assertThat(h.flushed()).isEqualTo(2);
        assertThat(h.ack().success()).isTrue();
        assertThat(client.drain(Duration.ZERO)).isTrue();
        assertThat(client.leaseState(o)).isEqualTo(LeaseBits.NONE);
    }

    @Test
    void drain_whileBreakPending_isFalseUntilHandled() throws Exception {
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        client.onBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.NONE, true));
        assertThat(client.drain(Duration.ofMillis(1))).isFalse();
        scheduler.runAll();
        assertThat(client.drain(Duration.ofMillis(1))).isTrue();
    }

    @Test
    void read_underReadLease_isServedFromCacheAndShowsDirtyData() throws Exception {
        wire.file = b("server");
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        assertThat(client.read(o).fromCache()).isFalse();
        client.write(o, 0, b("CL"), "w");
        wire.file = b("changed-behind-our-back"); // another protocol's write the client cannot see

        CachingSmbClient.ReadResult r = client.read(o);

        assertThat(r.fromCache()).isTrue();
        assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo("CLrver");
        assertThat(wire.calls).containsExactly("read");
    }

    @Test
    void breakThatKeepsRead_flushesWritesButKeepsServingReadsFromCache() throws Exception {
        wire.file = b("base");
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        client.read(o);
        client.write(o, 0, b("XY"), "w");
        client.onBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.parse("RH"), true));
        scheduler.runAll();
        assertThat(wire.calls).containsExactly("read", "write XY@0", "ack RH");

        assertThat(client.read(o).fromCache()).isTrue();
        assertThat(client.write(o, 0, b("Q"), "w2")).isEqualTo(CachingSmbClient.WriteMode.SENT);
    }

    @Test
    void breakThatTakesRead_dropsTheCacheAtOnce() throws Exception {
        wire.file = b("old");
        SmbOpen o = open(LeaseBits.parse("R"));
        client.opened(o);
        client.read(o);
        client.onBreak(breakTo(LeaseBits.READ, LeaseBits.NONE, false));
        wire.file = b("new");

        CachingSmbClient.ReadResult r = client.read(o);

        assertThat(r.fromCache()).isFalse();
        assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo("new");
        scheduler.runAll();
        assertThat(wire.calls).as("no ack when none is required").containsExactly("read", "read");
    }

    @Test
    void close_flushesDirtyWritesFirst() throws Exception {
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        client.write(o, 0, b("AAAA"), "w");
        client.close(o);
        assertThat(wire.calls).containsExactly("write AAAA@0", "close");
    }

    @Test
    void refusedAck_isReportedInTheHandledBreak() throws Exception {
        wire.ackAnswer = new LeaseBreakAckResult(0xC0000001L, -1);
        SmbOpen o = open(LeaseBits.parse("RWH"));
        client.opened(o);
        client.onBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.NONE, true));
        scheduler.runAll();
        CachingSmbClient.HandledBreak h = client.awaitHandled(Duration.ofSeconds(1));
        assertThat(h.ack().success()).isFalse();
        assertThat(h.ack().statusHex()).isEqualTo("0xC0000001");
    }
}
