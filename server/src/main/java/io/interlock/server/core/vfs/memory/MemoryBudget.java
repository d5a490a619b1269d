package io.interlock.server.core.vfs.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of file data that in-memory stores may hold together, shared by every in-memory share
 * of one server so that their sum stays below the heap ({@code memory-capacity}). Thread-safe.
 */
public final class MemoryBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    /** @param capacity bytes; positive */
    public MemoryBudget(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    /** A budget of half the JVM's maximum heap. */
    public static MemoryBudget halfTheHeap() {
        return new MemoryBudget(Runtime.getRuntime().maxMemory() / 2);
    }

    /** Takes {@code bytes}; false (nothing taken) when that would pass the capacity. */
    boolean tryReserve(long bytes) {
        if (bytes <= 0) {
            return true;
        }
        while (true) {
            long u = used.get();
            if (u + bytes > capacity) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        if (bytes > 0) {
            used.addAndGet(-bytes);
        }
    }

    public long capacity() {
        return capacity;
    }

    public long used() {
        return used.get();
    }
}
