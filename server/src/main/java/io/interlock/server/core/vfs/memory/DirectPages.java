package io.interlock.server.core.vfs.memory;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
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
 * page buffer out, and frees under the store's write lock.
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

    private DirectPages() {}

    /** A zeroed direct page of {@code capacity} bytes. */
    static ByteBuffer allocate(int capacity) {
        return ByteBuffer.allocateDirect(capacity);
    }

    /** Gives the page's memory back now; the buffer must not be used afterwards. */
    static void free(ByteBuffer page) {
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
