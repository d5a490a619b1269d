package io.interlock.server.core.vfs.memory;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of file data that in-memory stores may hold together, shared by every in-memory share
 * of one server so that their sum stays within the memory the process may use for it ({@code
 * memory-capacity}). Thread-safe.
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

    /** A budget of {@link #defaultCapacity()}. */
    public static MemoryBudget withDefaultCapacity() {
        return new MemoryBudget(defaultCapacity());
    }

    /**
     * The capacity when none is configured: half the JVM's direct-memory limit (file pages are
     * direct buffers: {@code -XX:MaxDirectMemorySize}, or the maximum heap where that is not set),
     * and at most half the machine's RAM.
     */
    public static long defaultCapacity() {
        return defaultCapacity(directMemoryLimit(), physicalMemory());
    }

    static long defaultCapacity(long directLimit, long physical) {
        long half = directLimit / 2;
        return physical > 0 ? Math.min(half, physical / 2) : half;
    }

    /** {@code -XX:MaxDirectMemorySize} where it is set, else the maximum heap (the JVM's own default). */
    static long directMemoryLimit() {
        long heap = Runtime.getRuntime().maxMemory();
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long set = hs == null
                    ? 0
                    : Long.parseLong(hs.getVMOption("MaxDirectMemorySize").getValue());
            return set > 0 ? set : heap;
        } catch (RuntimeException e) { // not HotSpot, or no such option
            return heap;
        }
    }

    private static long physicalMemory() {
        try {
            return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    ? os.getTotalMemorySize()
                    : 0;
        } catch (RuntimeException e) {
            return 0;
        }
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
