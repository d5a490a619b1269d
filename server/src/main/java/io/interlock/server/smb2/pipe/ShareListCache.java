package io.interlock.server.smb2.pipe;

import io.interlock.server.faults.Fault;
import io.interlock.server.faults.FaultPoints;
import io.interlock.server.runtime.Share;
import io.interlock.server.runtime.ShareRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The share list that a newly opened {@code \PIPE\srvsvc} snapshots (ARCHITECTURE §1.2, spec
 * R-CACHE-1..5). Rebuilt lazily from the registry, at most once per invalidation: readers that find
 * it empty take the lock and check again, so concurrent opens do not all rebuild. Every registry
 * change event drops it; the drop takes the same lock, so a rebuild that read the registry before
 * a change always completes before that change's drop, and once {@code ShareRegistry.add/remove}
 * returns no later reader sees the old list.
 *
 * <p>Listed: enabled shares only (R-CACHE-5 decided policy), never IPC$, names without a leading
 * '/', type STYPE_DISKTREE.
 */
public final class ShareListCache {
    private static final Logger log = LoggerFactory.getLogger(ShareListCache.class);

    private final Supplier<List<Share>> source;
    private final FaultPoints faults;
    private final Object lock = new Object();
    private final AtomicLong rebuilds = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();

    /** The cached list, or null when it must be rebuilt. Written under {@link #lock}. */
    private volatile List<ShareInfo> cached;

    /**
     * @param source the registry listing (a spy in tests counts its calls)
     * @param faults checked for {@link Fault#SKIP_SHARE_CACHE_INVALIDATION} and {@link
     *     Fault#DISABLED_SHARE_LISTED}
     */
    public ShareListCache(Supplier<List<Share>> source, FaultPoints faults) {
        this.source = source;
        this.faults = faults;
    }

    /** The current list (immutable), rebuilding it first if a change dropped it. */
    public List<ShareInfo> get() {
        List<ShareInfo> c = cached;
        if (c != null) {
            return c;
        }
        synchronized (lock) {
            c = cached;
            if (c == null) {
                c = build(source.get());
                cached = c;
                rebuilds.incrementAndGet();
            }
            return c;
        }
    }

    /** Drops the list; the next {@link #get} rebuilds it. */
    public void invalidate() {
        synchronized (lock) {
            cached = null;
            invalidations.incrementAndGet();
        }
    }

    /**
     * Drops the list on every change of {@code registry}; close the handle to stop (R-CACHE-7).
     * With {@link Fault#SKIP_SHARE_CACHE_INVALIDATION} on, changes are ignored (seed bug BUG-06).
     */
    public AutoCloseable subscribe(ShareRegistry registry) {
        return registry.subscribe(change -> {
            if (faults.on(Fault.SKIP_SHARE_CACHE_INVALIDATION)) {
                log.warn("fault SKIP_SHARE_CACHE_INVALIDATION: share list kept after {}", change.kind());
                return;
            }
            invalidate();
        });
    }

    /** How many times the list was built. */
    public long rebuilds() {
        return rebuilds.get();
    }

    /** How many times the list was dropped. */
    public long invalidations() {
        return invalidations.get();
    }

    private List<ShareInfo> build(List<Share> shares) {
        boolean listDisabled = faults.on(Fault.DISABLED_SHARE_LISTED);
        List<ShareInfo> out = new ArrayList<>(shares.size());
        for (Share s : shares) {
            String name = s.name();
            while (name.startsWith("/")) {
                name = name.substring(1);
            }
            if ((!s.enabled() && !listDisabled)
                    || name.isEmpty()
                    || name.toUpperCase(Locale.ROOT).equals("IPC$")) {
                continue;
            }
            out.add(ShareInfo.disk(name));
        }
        return List.copyOf(out);
    }
}
