package io.interlock.scenarios.clients.smb;

import java.io.IOException;
import java.util.UUID;

/**
 * The requests a {@link CachingSmbClient} sends to the server: what it cannot answer from memory.
 * {@link SmbLeaseClient} is the real one; unit tests use a recording fake.
 */
public interface SmbWire {

    /** Writes all of {@code data} at {@code offset}; returns the bytes written. */
    int write(SmbOpen open, long offset, byte[] data) throws IOException;

    /** Reads from {@code offset} to end of file. */
    byte[] read(SmbOpen open, long offset) throws IOException;

    void close(SmbOpen open) throws IOException;

    /** Sends a lease break acknowledgment and returns the server's answer. */
    LeaseBreakAckResult ack(UUID leaseKey, int leaseState) throws IOException;
}
