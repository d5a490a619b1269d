package io.interlock.server.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The buffer allocator of the SMB and RPC connections: Netty's pooled (jemalloc-style) allocator
 * with 16 MiB chunks, so that every buffer a connection needs (an 8 MiB SMB READ payload, a 1 MiB
 * NFS READ reply, a cumulation of either) comes from a pool.
 *
 * <p>Why not Netty's default: the adaptive allocator pools buffers only up to 1 MiB and serves
 * anything larger, such as a 1 MiB NFS READ reply plus its header, with a fresh unpooled {@code
 * ByteBuffer.allocateDirect}: zeroed, page-faulted in and freed again per reply. In the issue 11
 * profile that zeroing and its page faults were 30-45% of the event loops' time during large
 * transfers.
 */
public final class BulkAllocator {
    /** 8 KiB pages, 2^11 of them per chunk: 16 MiB, above the largest SMB frame (8 MiB + 64 KiB). */
    private static final int PAGE_SIZE = 8192;

    private static final int MAX_ORDER = 11;

    /** One pool for the process, as Netty's own default is: arenas are per thread, not per server. */
    public static final ByteBufAllocator INSTANCE = new PooledByteBufAllocator(
            true,
            PooledByteBufAllocator.defaultNumHeapArena(),
            PooledByteBufAllocator.defaultNumDirectArena(),
            PAGE_SIZE,
            MAX_ORDER,
            PooledByteBufAllocator.defaultSmallCacheSize(),
            PooledByteBufAllocator.defaultNormalCacheSize(),
            true);

    private BulkAllocator() {}
}
