package io.interlock.scenarios.bench;

import java.io.IOException;

/**
 * What the load run needs of an NFSv3 client: explicit ports, no portmapper. A small interface of
 * the bench's own so that the engine's coming NfsClient can replace {@link RpcNfsClient} later.
 */
public interface BenchNfsClient extends AutoCloseable {
    /** The file {@code name} in the export's root, created (UNCHECKED) if missing; its handle. */
    byte[] open(String name) throws IOException;

    /** Writes {@code data} at {@code offset} (FILE_SYNC). */
    void write(byte[] fh, long offset, byte[] data) throws IOException;

    /** Reads up to {@code count} bytes at {@code offset}. */
    byte[] read(byte[] fh, long offset, int count) throws IOException;

    @Override
    void close() throws IOException;
}
