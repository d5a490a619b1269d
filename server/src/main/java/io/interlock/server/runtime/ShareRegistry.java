package io.interlock.server.runtime;

import io.interlock.server.core.vfs.VirtualFileSystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live set of shares. Lookups are case-insensitive (SMB share names are). Listeners are told of
 * every change synchronously, after the registry has changed and before the changing call returns,
 * so that once {@link #add}/{@link #remove} returns no listener-maintained cache still holds the
 * old state (R-CACHE-1/2).
 */
public final class ShareRegistry {
    private static final Logger log = LoggerFactory.getLogger(ShareRegistry.class);

    private final Map<String, Share> shares = new ConcurrentHashMap<>();
    private final List<Consumer<ShareChange>> listeners = new CopyOnWriteArrayList<>();
    /** Whether every share's store is {@link VirtualFileSystem#nonBlocking}; updated on each change. */
    private volatile boolean nonBlocking = true;

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Adds a share; fails if one of that name exists. */
    public void add(Share share) {
        if (shares.putIfAbsent(key(share.name()), share) != null) {
            throw new IllegalArgumentException("share '" + share.name() + "' exists");
        }
        publish(new ShareChange(ShareChange.Kind.ADDED, share));
    }

    /** Removes a share; returns false if there was none. */
    public boolean remove(String name) {
        Share old = shares.remove(key(name));
        if (old == null) {
            return false;
        }
        publish(new ShareChange(ShareChange.Kind.REMOVED, old));
        return true;
    }

    /** Enables or disables a share; returns false if there is none. */
    public boolean setEnabled(String name, boolean enabled) {
        Share s = shares.computeIfPresent(key(name), (k, v) -> new Share(v.name(), v.fs(), v.breakPolicy(), enabled));
        if (s == null) {
            return false;
        }
        publish(new ShareChange(enabled ? ShareChange.Kind.ENABLED : ShareChange.Kind.DISABLED, s));
        return true;
    }

    /** The share of that name (case-insensitive), enabled or not. */
    public Optional<Share> get(String name) {
        return Optional.ofNullable(shares.get(key(name)));
    }

    /** The share whose NFS export path is {@code path} ("/name", trailing slashes ignored). */
    public Optional<Share> byExportPath(String path) {
        String p = path;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? get(p.substring(1)) : Optional.empty();
    }

    /** A snapshot of all shares. */
    public List<Share> list() {
        return new ArrayList<>(shares.values());
    }

    /**
     * Whether every share's store never waits for I/O ({@link VirtualFileSystem#nonBlocking}), so
     * that a small request to any of them may run on the thread that decoded it.
     */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /** Subscribes to changes; close the returned handle to unsubscribe (R-CACHE-7). */
    public AutoCloseable subscribe(Consumer<ShareChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Number of live subscriptions. */
    public int subscriberCount() {
        return listeners.size();
    }

    private void publish(ShareChange change) {
        nonBlocking = shares.values().stream().allMatch(s -> s.fs().nonBlocking());
        log.debug("share {} {}", change.share().name(), change.kind());
        for (Consumer<ShareChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.error("share change listener failed", e);
            }
        }
    }
}
