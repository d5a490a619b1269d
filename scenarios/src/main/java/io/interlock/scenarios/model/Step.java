package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One evaluation of one input along one sequence of choices: a mutable working copy of a {@link
 * ModelState} and the expectations collected so far. Confined to one call of {@link
 * ReferenceModel#allowed}; the state it started from is never touched.
 */
final class Step {
    final ModelConfig cfg;
    long now;
    final Map<String, Long> names;
    final Map<Long, Inode> inodes;
    long nextInode;
    final Map<OpenId, SmbOpen> opens;
    final Map<HolderId, Holder> holders;
    final List<RangeLock> locks;
    final List<LockWaiter> waiters;
    final Map<Long, HeldOp> held;
    final List<PendingGrant> grants;
    final Map<String, Boolean> shares;

    final List<Expect> expects = new ArrayList<>();
    /** Requests whose replies cannot be seen (their client disconnected). */
    final Set<Long> silent = new HashSet<>();

    final List<String> labels = new ArrayList<>();
    /** The rule an unexpected output violates (see {@link Branch#quietRule()}). */
    String quietRule = "R-SMB-24";
    /** Per output identity, a more precise rule than {@link #quietRule} (e.g. R-SMB-58). */
    final Map<String, String> quietFor = new LinkedHashMap<>();
    /**
     * The rule that lets the running operation go on although it broke someone: a break that needs no
     * ack (R-SMB-47, R-SMB-49) or one the operation does not wait for (R-SMB-32/33/34, R-SMB-80).
     * Reset for every operation run.
     */
    String proceedRule;
    /** Why held operations complete in this window: R-SMB-53 (ack), R-SMB-68 (timer), R-SMB-69 (close). */
    String releaseRule = "R-SMB-53";
    /** The rule a GRANTED callback that becomes due in this window answers to (R-NLM-4, R-XP-10, ...). */
    String grantRule = "R-NLM-4";

    Set<String> previousShares;

    private final Explorer explorer;

    Step(ModelState s, Explorer explorer) {
        this.explorer = explorer;
        cfg = s.config();
        now = s.now();
        names = new LinkedHashMap<>(s.names());
        inodes = new LinkedHashMap<>(s.inodes());
        nextInode = s.nextInode();
        opens = new LinkedHashMap<>(s.opens());
        holders = new LinkedHashMap<>(s.holders());
        locks = new ArrayList<>(s.locks());
        waiters = new ArrayList<>(s.waiters());
        held = new LinkedHashMap<>(s.held());
        grants = new ArrayList<>(s.grants());
        shares = new LinkedHashMap<>(s.shares());
        previousShares = s.previousShares();
    }

    /**
     * Takes one of {@code options} where the catalogs leave the server a choice; every option is
     * explored in its own run.
     */
    int choose(String what, String... options) {
        int i = explorer.choose(options.length);
        if (options.length > 1) {
            labels.add(what + ": " + options[i]);
        }
        return i;
    }

    static Unmodelled unmodelled(String why) {
        return new Unmodelled(why);
    }

    // ------------------------------------------------------------------------------------------
    // expectations

    void expect(Expect e) {
        expects.add(e);
    }

    void reply(String rule, long req, String status) {
        reply(rule, req, Set.of(status), PayloadMatch.Any.INSTANCE);
    }

    void reply(String rule, long req, Set<String> statuses) {
        reply(rule, req, statuses, PayloadMatch.Any.INSTANCE);
    }

    void reply(String rule, long req, String status, Payload exact) {
        reply(rule, req, Set.of(status), PayloadMatch.OneOf.exactly(exact));
    }

    void reply(String rule, long req, Set<String> statuses, PayloadMatch payload) {
        if (silent.contains(req)) {
            return; // its client is gone: nothing can be seen
        }
        expects.add(new Expect.Reply(rule, req, statuses, payload, false));
    }

    /** The rule for the success reply of an operation that went on: {@link #proceedRule} or {@code dflt}. */
    String proceeded(String dflt) {
        return proceedRule != null ? proceedRule : dflt;
    }

    // ------------------------------------------------------------------------------------------
    // lookups

    Inode inode(long id) {
        return inodes.get(id);
    }

    /** The inode named {@code path}, or null. */
    Inode lookup(String path) {
        Long id = names.get(path);
        return id == null ? null : inodes.get(id);
    }

    /** Holders on an inode, in creation order. */
    List<Holder> holdersOn(long inode) {
        List<Holder> out = new ArrayList<>();
        for (Holder h : holders.values()) {
            if (h.inode() == inode) {
                out.add(h);
            }
        }
        return out;
    }

    /** Opens on an inode, in creation order. */
    List<SmbOpen> opensOn(long inode) {
        List<SmbOpen> out = new ArrayList<>();
        for (SmbOpen o : opens.values()) {
            if (o.inode() == inode) {
                out.add(o);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // result

    /** Table order: by object, offset, last byte, owner, type (equal tables compare equal). */
    private static final java.util.Comparator<RangeLock> LOCK_ORDER = java.util.Comparator.comparingLong(
                    RangeLock::inode)
            .thenComparing(RangeLock::offset, Long::compareUnsigned)
            .thenComparing(RangeLock::last, Long::compareUnsigned)
            .thenComparing(l -> l.owner().toString())
            .thenComparing(RangeLock::exclusive);

    ModelState freeze() {
        locks.sort(LOCK_ORDER);
        return new ModelState(
                cfg,
                now,
                Collections.unmodifiableMap(names),
                Collections.unmodifiableMap(inodes),
                nextInode,
                Collections.unmodifiableMap(opens),
                Collections.unmodifiableMap(holders),
                Collections.unmodifiableList(locks),
                Collections.unmodifiableList(waiters),
                Collections.unmodifiableMap(held),
                Collections.unmodifiableList(grants),
                Collections.unmodifiableMap(shares),
                previousShares,
                null);
    }

    Branch toBranch() {
        Map<Long, String> heldRules = new LinkedHashMap<>();
        for (HeldOp h : held.values()) {
            heldRules.put(h.req(), h.rule());
        }
        for (LockWaiter w : waiters) {
            if (!w.nlm()) {
                heldRules.put(w.req(), "R-XP-10"); // a pending SMB LOCK: answered when it is granted
            }
        }
        return new Branch(labels, expects, heldRules, quietRule, quietFor, freeze());
    }
}
