package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An SMB client that sends every read and write to the server and caches nothing: its lease only
 * shows which breaks the server sends. It acknowledges breaks itself when {@code autoAck} (with the
 * state the break asks for), or leaves them to explicit acks.
 */
public final class LeasingSmbClient implements SmbClient {
    private final SmbLeaseClient wire;
    private final boolean autoAck;
    private final BreakQueue breaks;

    public LeasingSmbClient(SmbLeaseClient wire, boolean autoAck) {
        this.wire = wire;
        this.autoAck = autoAck;
        this.breaks = new BreakQueue(autoAck);
        wire.addBreakListener(breaks::arrived);
    }

    @Override
    public UUID clientGuid() {
        return wire.clientGuid();
    }

    @Override
    public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
            throws IOException {
        return wire.open(path, leaseKey, requestedState, version, directory);
    }

    @Override
    public Written write(SmbOpen open, long offset, byte[] data, String tag) throws IOException {
        wire.write(open, offset, data);
        return Written.SENT;
    }

    @Override
    public Read read(SmbOpen open) throws IOException {
        return new Read(wire.read(open, 0), false);
    }

    @Override
    public void close(SmbOpen open) throws IOException {
        wire.close(open);
    }

    @Override
    public void lock(SmbOpen open, long offset, long length, boolean exclusive, boolean failImmediately)
            throws IOException {
        wire.lock(open, offset, length, exclusive, failImmediately);
    }

    @Override
    public void unlock(SmbOpen open, long offset, long length) throws IOException {
        wire.unlock(open, offset, length);
    }

    @Override
    public LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException {
        return wire.ack(leaseKey, leaseState);
    }

    @Override
    public boolean reactsToBreaks() {
        return autoAck;
    }

    @Override
    public List<LeaseBreakEvent> unhandledBreaks() {
        return breaks.unhandled();
    }

    @Override
    public HandledBreak handleNextBreak() throws IOException {
        if (!autoAck) {
            throw new IllegalStateException("this client leaves breaks to explicit acks");
        }
        LeaseBreakEvent e = breaks.takeUnhandled();
        LeaseBreakAckResult ack = e.ackRequired() ? wire.ack(e.leaseKey(), e.newState()) : null;
        HandledBreak h = new HandledBreak(e, 0, ack);
        breaks.handled(h);
        return h;
    }

    @Override
    public CompletableFuture<TakenBreak> nextBreak() {
        return breaks.next();
    }

    @Override
    public void addBreakListener(Consumer<LeaseBreakEvent> listener) {
        wire.addBreakListener(listener);
    }

    @Override
    public void close() {
        wire.close();
    }
}
