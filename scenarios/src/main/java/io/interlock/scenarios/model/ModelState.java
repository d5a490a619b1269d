package io.interlock.scenarios.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model's immutable state. Every collection is an unmodifiable copy nobody else holds, so a
 * state is a value: equal states behave the same, and copies are a few small maps.
 *
 * @param now the virtual time (nanoseconds) of the last window
 * @param names path → inode ("" is the root)
 * @param inodes every file and directory object, named or still open
 * @param opens SMB opens
 * @param holders leases and traditional oplocks
 * @param locks the byte-range table (SMB and NLM)
 * @param waiters blocked NLM LOCKs and pending SMB LOCKs, in arrival order
 * @param held requests without a reply yet, by request id, in arrival order
 * @param grants granted NLM waiters whose GRANTED callback is still due
 * @param shares share name → enabled
 * @param previousShares the enabled shares before the last share change (to name R-CACHE-3 when a
 *     listing is stale)
 * @param unknown why the state is no longer known (an unmodelled input was applied), or null
 */
public record ModelState(
        ModelConfig config,
        long now,
        Map<String, Long> names,
        Map<Long, Inode> inodes,
        long nextInode,
        Map<OpenId, SmbOpen> opens,
        Map<HolderId, Holder> holders,
        List<RangeLock> locks,
        List<LockWaiter> waiters,
        Map<Long, HeldOp> held,
        List<PendingGrant> grants,
        Map<String, Boolean> shares,
        Set<String> previousShares,
        String unknown) {

    /** The state of a fresh server: an empty root directory and the configured shares, enabled. */
    public static ModelState initial(ModelConfig config) {
        Map<String, Boolean> shares = new LinkedHashMap<>();
        config.shares().stream().sorted().forEach(s -> shares.put(s, true));
        return new ModelState(
                config,
                0,
                Map.of("", 0L),
                Map.of(0L, new Inode(0, true, Bytes.EMPTY, null)),
                1,
                Map.of(),
                Map.of(),
                List.of(),
                List.of(),
                Map.of(),
                List.of(),
                Collections.unmodifiableMap(shares),
                Set.copyOf(config.shares()),
                null);
    }

    /** This state marked unknown: every later window is unchecked. */
    public ModelState asUnknown(String why) {
        return new ModelState(
                config,
                now,
                names,
                inodes,
                nextInode,
                opens,
                holders,
                locks,
                waiters,
                held,
                grants,
                shares,
                previousShares,
                why);
    }

    /** The content at {@code path}, if it names a file. */
    public Bytes content(String path) {
        Long id = names.get(path);
        Inode n = id == null ? null : inodes.get(id);
        return n == null || n.directory() ? null : n.content();
    }

    /** The lease of (client, key), or null. */
    public Holder lease(String client, String key) {
        return holders.get(HolderId.lease(client, key));
    }
}
