package io.interlock.server.core.vfs.memory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Off-heap pages for {@link SparseFile}: {@link ByteBuffer#allocateDirect} (zeroed), and an explicit
 * free through {@code sun.misc.Unsafe.invokeCleaner} (JDK 9+, module jdk.unsupported), so that the
 * memory of a truncated or removed file goes back at once instead of when the collector next looks
 * at old objects (which on a quiet heap may be never, while the process's RSS keeps the pages).
 * Where that method is missing, freeing is left to the collector.
 *
 * <p>Callers guarantee that a freed buffer is never touched again: {@link SparseFile} never lets a
 * page buffer out, and frees under the store's write lock. One instance per store; thread-safe.
 */
final class DirectPages {
    private static final Logger log = LoggerFactory.getLogger(DirectPages.class);
    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        Object unsafe = null;
        Method invoke = null;
        try {
            Class<?> c = Class.forName("sun.misc.Unsafe");
            Field f = c.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            unsafe = f.get(null);
            invoke = c.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("freeing in-memory file pages is left to the garbage collector: {}", e.toString());
            unsafe = null;
            invoke = null;
        }
        UNSAFE = unsafe;
        INVOKE_CLEANER = invoke;
    }

    /**
     * Full pages kept for reuse: 4096 × 64 KiB = 256 MiB at most. A file rewritten or replaced (an
     * smbclient put over an existing file truncates it first) takes its pages from here instead of
     * from {@code allocateDirect}, which zeroes fresh memory and page-faults it in: 60% of the SMB
     * handler's time during a 256 MiB put in the issue 11 profile, and still 40% of the server's CPU
     * for an smbclient or nfs-cp put of 256 MiB while this pool held only 64 MiB (the rest of the
     * truncated file's pages went back and had to be faulted in again). Pooled pages are memory the
     * process keeps beyond the data its files hold.
     */
    static final int MAX_POOLED = 4096;

    private static final ByteBuffer ZEROS =
            ByteBuffer.allocateDirect(SparseFile.PAGE).asReadOnlyBuffer();

    /** Recycled pages of exactly {@link SparseFile#PAGE} bytes, contents stale. */
    private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();

    /** A zeroed direct page of {@code capacity} bytes: a recycled one (zeroed again) when there is one. */
    ByteBuffer allocate(int capacity) {
        return allocate(capacity, true);
    }

    /**
     * A direct page of {@code capacity} bytes, a recycled one when there is one. With {@code zeroed}
     * false a recycled page keeps stale bytes: only for a caller that overwrites every byte of it
     * before anyone reads it.
     */
    ByteBuffer allocate(int capacity, boolean zeroed) {
        if (capacity == SparseFile.PAGE) {
            ByteBuffer p;
            synchronized (pool) {
                p = pool.pollLast();
            }
            if (p != null) {
                p.clear();
                if (zeroed) {
                    p.put(ZEROS.duplicate()).clear();
                }
                return p;
            }
        }
        return ByteBuffer.allocateDirect(capacity);
    }

    /** Takes the page back: into the pool while it has room, else its memory goes back now. */
    void free(ByteBuffer page) {
        if (page.isDirect() && page.capacity() == SparseFile.PAGE) {
            synchronized (pool) {
                if (pool.size() < MAX_POOLED) {
                    pool.addLast(page);
                    return;
                }
            }
        }
        release(page);
    }

    /** Gives the page's memory back now; the buffer must not be used afterwards. */
    private static void release(ByteBuffer page) {
        if (INVOKE_CLEANER == null || !page.isDirect()) {
            return;
        }
        try {
            INVOKE_CLEANER.invoke(UNSAFE, page);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // e.g. a slice (never passed here): the collector frees it instead
            log.debug("page not freed explicitly: {}", e.toString());
        }
    }
}
