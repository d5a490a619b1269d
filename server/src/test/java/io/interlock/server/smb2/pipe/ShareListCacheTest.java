package io.interlock.server.smb2.pipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShareListCacheTest {
    private final ShareRegistry registry = new ShareRegistry();
    private final AtomicInteger listCalls = new AtomicInteger();
    private final FaultPoints faults = new FaultPoints();
    private final ShareListCache cache = new ShareListCache(
            () -> {
                listCalls.incrementAndGet(); // the spy on ListShares
                return registry.list();
            },
            faults);

    private static Share share(String name, boolean enabled) {
        return new Share(name, new MemoryFileSystem(Clock.systemUTC()), BreakPolicy.WAIT, enabled);
    }

    @Test
    void get_filtersIpcDisabledAndLeadingSlash() {
        registry.add(share("data", true));
        registry.add(share("IPC$", true));
        registry.add(share("off", false));
        registry.add(share("/slashed", true));
        assertThat(cache.get()).extracting(ShareInfo::name).containsExactlyInAnyOrder("data", "slashed");
        assertThat(cache.get()).allSatisfy(s -> assertThat(s.type()).isEqualTo(ShareInfo.STYPE_DISKTREE));
    }

    @Test
    void get_manyParallelReadersAfterOneInvalidation_rebuildOnce() throws Exception {
        registry.add(share("data", true));
        try (AutoCloseable sub = cache.subscribe(registry)) {
            for (int round = 0; round < 20; round++) {
                registry.add(share("r" + round, true));
                int before = listCalls.get();
                int threads = 32;
                CyclicBarrier barrier = new CyclicBarrier(threads);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                List<Future<List<ShareInfo>>> fs = new java.util.ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    fs.add(pool.submit(() -> {
                        barrier.await();
                        return cache.get();
                    }));
                }
                for (Future<List<ShareInfo>> f : fs) {
                    assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(round + 2);
                }
                pool.shutdown();
                assertThat(listCalls.get() - before)
                        .as("ListShares calls in round %d", round)
                        .isEqualTo(1);
            }
        }
        assertThat(registry.subscriberCount()).isZero();
    }

    @Test
    void subscribe_skipInvalidationFault_keepsStaleList() throws Exception {
        registry.add(share("a", true));
        try (AutoCloseable sub = cache.subscribe(registry)) {
            assertThat(cache.get()).hasSize(1);
            faults.enable(Fault.SKIP_SHARE_CACHE_INVALIDATION);
            registry.add(share("b", true));
            assertThat(cache.get()).hasSize(1);
            faults.disable(Fault.SKIP_SHARE_CACHE_INVALIDATION);
            registry.setEnabled("a", false);
            assertThat(cache.get()).extracting(ShareInfo::name).containsExactly("b");
        }
    }

    @Test
    void get_disabledShare_notListed_withDisabledShareListed_listed() throws Exception {
        registry.add(share("on", true));
        registry.add(share("off", false));
        try (AutoCloseable sub = cache.subscribe(registry)) {
            assertThat(cache.get()).extracting(ShareInfo::name).containsExactly("on");
            faults.enable(Fault.DISABLED_SHARE_LISTED);
            registry.setEnabled("on", false); // a change: the next pipe open rebuilds the list
            assertThat(cache.get()).extracting(ShareInfo::name).containsExactlyInAnyOrder("on", "off");
            faults.disable(Fault.DISABLED_SHARE_LISTED);
            registry.setEnabled("off", false);
            assertThat(cache.get()).isEmpty();
        }
    }

    @Test
    void rebuildCount_underChurn_atMostInvalidationsPlusOne() throws Exception {
        try (AutoCloseable sub = cache.subscribe(registry)) {
            ExecutorService pool = Executors.newFixedThreadPool(9);
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Future<?>> readers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                readers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        cache.get();
                    }
                }));
            }
            for (int k = 0; k < 500; k++) {
                registry.add(share("c" + k, true));
                if (k % 2 == 0) {
                    registry.remove("c" + k);
                }
                assertThat(cache.get().size()).isEqualTo(registry.list().size());
            }
            stop.set(true);
            for (Future<?> f : readers) {
                f.get(10, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat((long) listCalls.get()).isEqualTo(cache.rebuilds());
        assertThat(cache.rebuilds()).isLessThanOrEqualTo(cache.invalidations() + 1);
    }
}
