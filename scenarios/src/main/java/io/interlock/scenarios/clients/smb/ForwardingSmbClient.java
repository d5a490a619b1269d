package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An {@link SmbClient} that hands every call to another one: a decorator overrides only what it
 * changes ({@link CachingSmbClient}: reads, writes and breaks; the engine's path mapping: open).
 */
public abstract class ForwardingSmbClient implements SmbClient {
    protected final SmbClient delegate;

    protected ForwardingSmbClient(SmbClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public UUID clientGuid() {
        return delegate.clientGuid();
    }

    @Override
    public SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
            throws IOException {
        return delegate.open(path, leaseKey, requestedState, version, directory);
    }

    @Override
    public Written write(SmbOpen open, long offset, byte[] data, String tag) throws IOException {
        return delegate.write(open, offset, data, tag);
    }

    @Override
    public Read read(SmbOpen open) throws IOException {
        return delegate.read(open);
    }

    @Override
    public void close(SmbOpen open) throws IOException {
        delegate.close(open);
    }

    @Override
    public void lock(SmbOpen open, long offset, long length, boolean exclusive, boolean failImmediately)
            throws IOException {
        delegate.lock(open, offset, length, exclusive, failImmediately);
    }

    @Override
    public void unlock(SmbOpen open, long offset, long length) throws IOException {
        delegate.unlock(open, offset, length);
    }

    @Override
    public LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException {
        return delegate.ack(leaseKey, leaseState);
    }

    @Override
    public boolean reactsToBreaks() {
        return delegate.reactsToBreaks();
    }

    @Override
    public List<LeaseBreakEvent> unhandledBreaks() {
        return delegate.unhandledBreaks();
    }

    @Override
    public HandledBreak handleNextBreak() throws IOException {
        return delegate.handleNextBreak();
    }

    @Override
    public CompletableFuture<TakenBreak> nextBreak() {
        return delegate.nextBreak();
    }

    @Override
    public void addBreakListener(Consumer<LeaseBreakEvent> listener) {
        delegate.addBreakListener(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
