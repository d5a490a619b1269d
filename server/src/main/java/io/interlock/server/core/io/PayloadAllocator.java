package io.interlock.server.core.io;

import java.nio.ByteBuffer;

/** Where a transport's {@link PayloadBuffer}s come from. Thread-safe. */
@FunctionalInterface
public interface PayloadAllocator {
    /** Plain heap memory, for transports without a pool of their own (tests, datagrams). */
    PayloadAllocator HEAP = capacity -> {
        ByteBuffer b = ByteBuffer.allocate(capacity);
        return new PayloadBuffer() {
            @Override
            public ByteBuffer nio() {
                return b;
            }

            @Override
            public void release() {}
        };
    };

    /** A buffer of exactly {@code capacity} bytes. */
    PayloadBuffer allocate(int capacity);
}
