package io.interlock.server.core.vfs.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The in-memory shares' default capacity: half the direct-memory limit, at most half the RAM. */
class MemoryBudgetTest {
    private static final long GIB = 1L << 30;

    @Test
    void defaultCapacity_halfTheDirectLimit_atMostHalfTheRam() {
        assertThat(MemoryBudget.defaultCapacity(64 * GIB, 24 * GIB)).isEqualTo(12 * GIB);
        assertThat(MemoryBudget.defaultCapacity(6 * GIB, 24 * GIB)).isEqualTo(3 * GIB);
        assertThat(MemoryBudget.defaultCapacity(6 * GIB, 0)).isEqualTo(3 * GIB); // RAM unknown
    }

    @Test
    void directMemoryLimit_isTheHeapWhereNoLimitIsSet() {
        // this test JVM sets no -XX:MaxDirectMemorySize (the surefire argLine does not)
        assertThat(MemoryBudget.directMemoryLimit())
                .isEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(MemoryBudget.defaultCapacity())
                .isPositive()
                .isLessThanOrEqualTo(MemoryBudget.directMemoryLimit() / 2);
    }
}
