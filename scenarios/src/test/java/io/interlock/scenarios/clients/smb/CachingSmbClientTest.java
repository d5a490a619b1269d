package io.interlock.scenarios.clients.smb;

import static org.assertj.core.api.Assertions.assertThat;

import com.hierynomus.mssmb2.SMB2FileId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The redirector-style cache against a recording fake server: what goes on the wire, and when. */
class CachingSmbClientTest {
    private static final UUID KEY = new UUID(1, 2);

    /** A one-file server that records every request; it hands breaks to its listeners on demand. */
    private static final class FakeWire implements SmbClient {
        final List<String> calls = new ArrayList<>();
        final List<Consumer<LeaseBreakEvent>> listeners = new ArrayList<>();
        byte[] file = new byte[0];
        int grant = LeaseBits.parse("RWH");
        LeaseBreakAckResult ackAnswer; // null = success with the acknowledged state

        void sendBreak(LeaseBreakEvent e) {
            listeners.forEach(l -> l.accept(e));
        }

        @Override
        public UUID clientGuid() {
            return new UUID(0, 1);
        }

        @Override
        public synchronized SmbOpen open(
                String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory) {
            calls.add("open");
            return new SmbOpen(path, new SMB2FileId(new byte[16], new byte[16]), 0xFF, 1, leaseKey, grant, 0, 1, null);
        }

        @Override
        public synchronized Written write(SmbOpen open, long offset, byte[] data, String tag) {
            calls.add("write " + new String(data, StandardCharsets.UTF_8) + "@" + offset);
            int end = (int) offset + data.length;
            if (end > file.length) {
                file = Arrays.copyOf(file, end);
            }
            System.arraycopy(data, 0, file, (int) offset, data.length);
            return Written.SENT;
        }

        @Override
        public synchronized Read read(SmbOpen open) {
            calls.add("read");
            return new Read(file.clone(), false);
        }

        @Override
        public synchronized void close(SmbOpen open) {
            calls.add("close");
        }

        @Override
        public void lock(SmbOpen open, long offset, long length, boolean exclusive, boolean failImmediately) {
            calls.add("lock");
        }

        @Override
        public void unlock(SmbOpen open, long offset, long length) {
            calls.add("unlock");
        }

        @Override
        public synchronized LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException {
            calls.add("ack " + LeaseBits.format(leaseState));
            return ackAnswer != null ? ackAnswer : new LeaseBreakAckResult(0, leaseState);
        }

        @Override
        public boolean reactsToBreaks() {
            return false;
        }

        @Override
        public List<LeaseBreakEvent> unhandledBreaks() {
            return List.of();
        }

        @Override
        public HandledBreak handleNextBreak() {
            throw new IllegalStateException();
        }

        @Override
        public CompletableFuture<TakenBreak> nextBreak() {
            return new CompletableFuture<>();
        }

        @Override
        public void addBreakListener(Consumer<LeaseBreakEvent> listener) {
            listeners.add(listener);
        }

        @Override
        public void close() {}

        String content() {
            return new String(file, StandardCharsets.UTF_8);
        }
    }

    private final FakeWire wire = new FakeWire();
    private final List<String> observed = new ArrayList<>();
    private final CachingSmbClient client = new CachingSmbClient(wire, new CachingSmbClient.Observer() {
        @Override
        public void flushStarted(String tag, long offset, int length) {
            observed.add("flush " + tag);
        }

        @Override
        public void ackSent(LeaseBreakEvent e, int state) {
            observed.add("ack " + LeaseBits.format(state));
        }
    });

    private SmbOpen open(String lease) throws IOException {
        wire.grant = LeaseBits.parse(lease);
        SmbOpen o = client.open("f", KEY, wire.grant, LeaseVersion.V2, false);
        wire.calls.clear();
        return o;
    }

    private static LeaseBreakEvent breakTo(int from, int to, boolean ackRequired) {
        return new LeaseBreakEvent(KEY, from, to, ackRequired ? 1 : 0, 2, System.nanoTime(), Instant.now());
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void write_underWriteLease_staysInMemory() throws Exception {
        SmbOpen o = open("RWH");
        assertThat(client.write(o, 0, b("AAAA"), "a-write")).isEqualTo(SmbClient.Written.CACHED);
        assertThat(wire.calls).isEmpty();
        assertThat(client.dirtyCount()).isEqualTo(1);
    }

    @Test
    void write_withoutWriteLease_isSent() throws Exception {
        SmbOpen o = open("RH");
        assertThat(client.write(o, 0, b("AAAA"), "a-write")).isEqualTo(SmbClient.Written.SENT);
        assertThat(wire.calls).containsExactly("write AAAA@0");
    }

    @Test
    void breakToNone_handled_flushesInOrderThenAcks() throws Exception {
        SmbOpen o = open("RWH");
        client.write(o, 0, b("AAAA"), "w1");
        client.write(o, 2, b("ZZ"), "w2");
        wire.sendBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.NONE, true));
        assertThat(wire.calls).as("nothing is sent before the break is handled").isEmpty();
        assertThat(client.unhandledBreaks()).hasSize(1);
        CompletableFuture<SmbClient.TakenBreak> taken = client.nextBreak();
        assertThat(taken).as("a reacting client's break is taken once handled").isNotDone();

        SmbClient.HandledBreak h = client.handleNextBreak();

        assertThat(wire.calls).containsExactly("write AAAA@0", "write ZZ@2", "ack NONE");
        assertThat(observed).containsExactly("flush w1", "flush w2", "ack NONE");
        assertThat(wire.content()).isEqualTo("AAZZ");
        assertThat(h.flushed()).isEqualTo(2);
        assertThat(h.ack().success()).isTrue();
        assertThat(taken.get().handled()).isEqualTo(h);
        assertThat(client.unhandledBreaks()).isEmpty();
        assertThat(client.leaseState(o)).isEqualTo(LeaseBits.NONE);
    }

    @Test
    void read_underReadLease_isServedFromCacheAndShowsDirtyData() throws Exception {
        wire.file = b("server");
        SmbOpen o = open("RWH");
        assertThat(client.read(o).fromCache()).isFalse();
        client.write(o, 0, b("CL"), "w");
        wire.file = b("changed-behind-our-back"); // another protocol's write the client cannot see

        SmbClient.Read r = client.read(o);

        assertThat(r.fromCache()).isTrue();
        assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo("CLrver");
        assertThat(wire.calls).containsExactly("read");
    }

    @Test
    void breakThatKeepsRead_flushesWritesButKeepsServingReadsFromCache() throws Exception {
        wire.file = b("base");
        SmbOpen o = open("RWH");
        client.read(o);
        client.write(o, 0, b("XY"), "w");
        wire.sendBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.parse("RH"), true));
        client.handleNextBreak();
        assertThat(wire.calls).containsExactly("read", "write XY@0", "ack RH");

        assertThat(client.read(o).fromCache()).isTrue();
        assertThat(client.write(o, 0, b("Q"), "w2")).isEqualTo(SmbClient.Written.SENT);
    }

    @Test
    void breakThatTakesRead_dropsTheCacheAtOnce() throws Exception {
        wire.file = b("old");
        SmbOpen o = open("R");
        client.read(o);
        wire.sendBreak(breakTo(LeaseBits.READ, LeaseBits.NONE, false));
        wire.file = b("new");

        SmbClient.Read r = client.read(o);

        assertThat(r.fromCache()).isFalse();
        assertThat(new String(r.data(), StandardCharsets.UTF_8)).isEqualTo("new");
        SmbClient.HandledBreak h = client.handleNextBreak();
        assertThat(h.ack()).isNull();
        assertThat(wire.calls).as("no ack when none is required").containsExactly("read", "read");
    }

    @Test
    void close_flushesDirtyWritesFirst() throws Exception {
        SmbOpen o = open("RWH");
        client.write(o, 0, b("AAAA"), "w");
        client.close(o);
        assertThat(wire.calls).containsExactly("write AAAA@0", "close");
    }

    @Test
    void refusedAck_isReportedInTheHandledBreak() throws Exception {
        wire.ackAnswer = new LeaseBreakAckResult(0xC0000001L, -1);
        SmbOpen o = open("RWH");
        wire.sendBreak(breakTo(LeaseBits.parse("RWH"), LeaseBits.NONE, true));
        SmbClient.HandledBreak h = client.handleNextBreak();
        assertThat(h.ack().success()).isFalse();
        assertThat(h.ack().statusHex()).isEqualTo("0xC0000001");
        assertThat(client.leaseState(o))
                .as("a refused ack leaves what the break left")
                .isEqualTo(LeaseBits.NONE);
    }

    @Test
    void leasingClient_manual_hasBreaksTakenAsTheyArrive() throws Exception {
        FakeWire w = new FakeWire();
        // a LeasingSmbClient needs a SmbLeaseClient; the queue it uses is what matters here
        BreakQueue q = new BreakQueue(false);
        CompletableFuture<SmbClient.TakenBreak> f = q.next();
        LeaseBreakEvent e = breakTo(LeaseBits.parse("RWH"), LeaseBits.NONE, true);
        q.arrived(e);
        assertThat(f.get().event()).isEqualTo(e);
        assertThat(f.get().handled()).isNull();
        assertThat(q.unhandled()).isEmpty();
        assertThat(w.calls).isEmpty();
    }
}
