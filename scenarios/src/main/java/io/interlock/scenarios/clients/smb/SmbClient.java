package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * An SMB client as the engine drives it. Two implementations: {@link LeasingSmbClient} sends every
 * read and write to the server; {@link CachingSmbClient} caches them under its lease as the Windows
 * redirector does. The engine never asks which it holds: it opens, reads, writes, locks and closes,
 * and, when a break arrives, lets the client react to it ({@link #reactsToBreaks}, {@link
 * #handleNextBreak}) when its schedule says so.
 */
public interface SmbClient extends AutoCloseable {

    /** The ClientGuid of the connection: leases are keyed by it and the lease key. */
    UUID clientGuid();

    /**
     * Opens (FILE_OPEN_IF, read/write, share R|W|D; with {@code directory} a directory for reading),
     * requesting a lease when {@code leaseKey} is not null.
     */
    SmbOpen open(String path, UUID leaseKey, int requestedState, LeaseVersion version, boolean directory)
            throws IOException;

    /**
     * Writes {@code data} at {@code offset}; {@code tag} names the write when a caching client
     * flushes it later.
     */
    Written write(SmbOpen open, long offset, byte[] data, String tag) throws IOException;

    /** Reads the whole file, from memory if the client may. */
    Read read(SmbOpen open) throws IOException;

    /** Closes the handle (a caching client flushes it first). */
    void close(SmbOpen open) throws IOException;

    /** LOCK of one range ([MS-SMB2] 2.2.26); with {@code failImmediately} a conflict fails at once. */
    void lock(SmbOpen open, long offset, long length, boolean exclusive, boolean failImmediately) throws IOException;

    /** UNLOCK of exactly one range this open holds. */
    void unlock(SmbOpen open, long offset, long length) throws IOException;

    /** Sends a lease break acknowledgment and returns the server's answer, whatever it is. */
    LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException;

    /**
     * Whether the client handles breaks by itself (a caching client flushes and acknowledges; an
     * auto-acknowledging client acknowledges). When false, breaks wait for explicit acks.
     */
    boolean reactsToBreaks();

    /** Breaks received and not yet handled by {@link #handleNextBreak}, oldest first. */
    List<LeaseBreakEvent> unhandledBreaks();

    /**
     * Handles the oldest unhandled break the way this client does (flush what the break takes away,
     * then acknowledge if asked). Only for a client that {@link #reactsToBreaks}.
     */
    HandledBreak handleNextBreak() throws IOException;

    /**
     * The next break this client takes: for a client that reacts by itself, once it has handled it;
     * otherwise as soon as it arrives (the caller then acknowledges it). Each break is taken once.
     */
    CompletableFuture<TakenBreak> nextBreak();

    /** Called on the receive thread for every break notification, before anything else: must not block. */
    void addBreakListener(Consumer<LeaseBreakEvent> listener);

    @Override
    void close();

    /** What a write did. */
    enum Written {
        /** Kept in memory under a W lease. */
        CACHED,
        /** Sent to the server. */
        SENT
    }

    /** What a read returned, and whether the client answered it from memory. */
    record Read(byte[] data, boolean fromCache) {}

    /**
     * One break, handled by the client itself.
     *
     * @param event the notification
     * @param flushed cached writes sent before the ack
     * @param ack the server's answer to the ack, or null when none was required
     */
    record HandledBreak(LeaseBreakEvent event, int flushed, LeaseBreakAckResult ack) {}

    /**
     * A break as {@link #nextBreak} hands it out.
     *
     * @param event the notification
     * @param handled how the client handled it, or null when it waits for an explicit ack
     */
    record TakenBreak(LeaseBreakEvent event, HandledBreak handled) {}
}
