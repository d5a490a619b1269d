package io.interlock.server.core.io;

import java.nio.ByteBuffer;

/**
 * Memory that a reply's bulk data (READ) is read into straight from the store, owned by the
 * transport that will send it (a pooled direct buffer on a Netty connection), so that file data
 * crosses user space once: store → this buffer → socket. Handlers see it only as a {@link
 * ByteBuffer}. Whoever holds it last releases it: the transport once it is written, or the code
 * that drops a reply without sending it.
 */
public interface PayloadBuffer {
    /** The writable memory: position 0, limit = capacity. The same view on every call. */
    ByteBuffer nio();

    /** Gives the memory back. Call once; the buffer must not be used afterwards. */
    void release();
}
