package io.interlock.scenarios.gen;

import io.interlock.scenarios.engine.ClientSpec;
import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.ops.NfsCreateOp;
import io.interlock.scenarios.ops.NfsLinkOp;
import io.interlock.scenarios.ops.NfsMkdirOp;
import io.interlock.scenarios.ops.NfsReadOp;
import io.interlock.scenarios.ops.NfsRemoveOp;
import io.interlock.scenarios.ops.NfsRenameOp;
import io.interlock.scenarios.ops.NfsRmdirOp;
import io.interlock.scenarios.ops.NfsSetattrOp;
import io.interlock.scenarios.ops.NfsWriteOp;
import io.interlock.scenarios.ops.NlmLockOp;
import io.interlock.scenarios.ops.NlmTestOp;
import io.interlock.scenarios.ops.NlmUnlockOp;
import io.interlock.scenarios.ops.Op;
import io.interlock.scenarios.ops.PauseOp;
import io.interlock.scenarios.ops.ShareAddOp;
import io.interlock.scenarios.ops.ShareDisableOp;
import io.interlock.scenarios.ops.ShareListOp;
import io.interlock.scenarios.ops.ShareRemoveOp;
import io.interlock.scenarios.ops.SmbCloseOp;
import io.interlock.scenarios.ops.SmbLockOp;
import io.interlock.scenarios.ops.SmbOpenOp;
import io.interlock.scenarios.ops.SmbReadOp;
import io.interlock.scenarios.ops.SmbUnlockOp;
import io.interlock.scenarios.ops.SmbWriteOp;
import io.interlock.scenarios.ops.Step;
import io.interlock.scenarios.targets.ServerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a program from a choice stream: its clients, its server settings, and 5-40 operations on a
 * small namespace (two files, a directory and a file in it) so that operations conflict often.
 * Programs are well formed by construction (an SMB handle is opened before it is used, an unlock
 * names a range the client locked) but conflict on purpose.
 *
 * <p>Every decision is a draw, and the first option of each draw is the simplest, so a shrunk
 * choice sequence gives a smaller program: fewer clients (2: an SMB client and an NFS client),
 * fewer operations (each is one span: the shrinker deletes it whole), the first file, no lease
 * options beyond RWH, prompt acknowledgements.
 *
 * <p>A program may also leave some families of operations out ({@link Family}, swarm testing), so
 * that campaigns reach states a fixed mix rarely does.
 */
public final class ProgramGenerator {
    /** The namespace: the files and directory programs work on. */
    static final List<String> FILES = List.of("f", "g", "d/h");

    static final String DIR = "d";
    private static final List<String> LEASES = List.of("RWH", "RH", "R", "RW");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /**
     * What a campaign generates.
     *
     * @param minClients at least 2
     * @param maxClients at most 4
     * @param minOps fewest operations
     * @param maxOps most operations
     * @param policies break policies to draw from (empty: wait, jukebox, notify)
     * @param faults fault points every program enables
     * @param shares whether programs may add, remove, disable and list shares
     * @param maxWait the longest pause, late acknowledgement or late flush a program may contain
     *     (null: as drawn, up to 60 s): on a real-time target every second of them is a real one.
     *     The draws are the same either way; only the durations are capped
     * @param leases whether SMB clients may ask for leases: without (a server that grants none, as
     *     Samba under kernel oplocks), every SMB client is a plain one (oplocks), after the same draws
     */
    public record Settings(
            int minClients,
            int maxClients,
            int minOps,
            int maxOps,
            List<String> policies,
            List<String> faults,
            boolean shares,
            Duration maxWait,
            boolean leases) {
        /** The break policy a program draws when it leaves the target's own (a target that sets none). */
        public static final String TARGET_POLICY = "target";

        public Settings {
            if (minClients < 2 || maxClients > 4 || minClients > maxClients) {
                throw new IllegalArgumentException(
                        "clients must be within 2..4, got " + minClients + ".." + maxClients);
            }
            if (minOps < 1 || minOps > maxOps) {
                throw new IllegalArgumentException("ops must be a range of at least 1, got " + minOps + ".." + maxOps);
            }
            policies = List.copyOf(policies);
            faults = List.copyOf(faults);
            if (maxWait != null && (maxWait.isNegative() || maxWait.isZero())) {
                throw new IllegalArgumentException("the longest wait must be positive, got " + maxWait);
            }
        }

        /** Settings with no cap on waits. */
        public Settings(
                int minClients,
                int maxClients,
                int minOps,
                int maxOps,
                List<String> policies,
                List<String> faults,
                boolean shares) {
            this(minClients, maxClients, minOps, maxOps, policies, faults, shares, null, true);
        }

        public static Settings defaults() {
            return new Settings(2, 4, 5, 40, List.of(), List.of(), true);
        }

        public Settings withOps(int min, int max) {
            return new Settings(minClients, maxClients, min, max, policies, faults, shares, maxWait, leases);
        }

        public Settings withFaults(List<String> f) {
            return new Settings(minClients, maxClients, minOps, maxOps, policies, f, shares, maxWait, leases);
        }
    }

    /**
     * Families of operations a program may leave out ({@link Build#swarm}). Swarm testing (Groce et
     * al., "Swarm Testing", ISSTA 2012): a program that never closes, or never reads, reaches states
     * that programs mixing everything at fixed weights rarely do (a lease still breaking when its
     * owner opens the file again; a lock held until a waiter queues behind it; a break nobody waits
     * for outliving its timer), so each program may drop some families.
     */
    enum Family {
        SMB_WRITE,
        SMB_READ,
        SMB_CLOSE,
        SMB_LOCK,
        NFS_WRITE,
        NFS_READ,
        NFS_SETATTR,
        NFS_CREATE,
        NFS_REMOVE,
        NFS_RENAME,
        NFS_DIRS,
        NLM_TEST,
        NLM_UNLOCK,
        PAUSE
    }

    /** The kinds of client a program mixes; the first of each side is the simplest. */
    enum Kind {
        SMB_LEASING,
        SMB_CACHING,
        SMB_PLAIN,
        NFS,
        NLM;

        boolean smb() {
            return this == SMB_LEASING || this == SMB_CACHING || this == SMB_PLAIN;
        }
    }

    private final Settings settings;

    public ProgramGenerator(Settings settings) {
        this.settings = settings;
    }

    /** The program {@code cs} describes, named {@code id}. */
    public Scenario generate(ChoiceStream cs, String id) {
        return new Build(cs).program(id);
    }

    /** One program under construction: the clients' state the next operation must respect. */
    private final class Build {
        private final ChoiceStream cs;
        private final Map<String, ClientSpec> clients = new LinkedHashMap<>();
        private final Map<String, Kind> kinds = new LinkedHashMap<>();
        private final Map<String, List<String[]>> open = new LinkedHashMap<>(); // client -> {handle, path}
        private final Map<String, List<long[]>> locks = new LinkedHashMap<>(); // client -> {pathIndex, off, len}
        private final List<Step> steps = new ArrayList<>();
        private final List<String> addedShares = new ArrayList<>();
        private final List<String> disabledShares = new ArrayList<>();
        private final java.util.EnumSet<Family> left = java.util.EnumSet.noneOf(Family.class);
        private int handles;
        private int writes;

        Build(ChoiceStream cs) {
            this.cs = cs;
        }

        /**
         * Clients one after another, each with its own operations (the scheduler interleaves them):
         * a client and its operations are one span, so the shrinker drops a client whole, and each
         * operation is a span inside it. The first two clients are always drawn (an SMB one, then one
         * of any kind, mostly NFS or NLM), each with zero or more operations, and a client without any takes no part, so
         * the shrinker can leave just the clients a bug needs; the others, and the
         * engine's share steps, are drawn (shrinking toward none).
         */
        Scenario program(String id) {
            String policy = policy();
            swarm();
            int total = 0;
            for (int i = 0; i < settings.maxClients() && total < settings.maxOps(); i++) {
                String name = String.valueOf(ALPHABET.charAt(i));
                int index = i;
                int budget = settings.maxOps() - total;
                // an optional client's "one more?" draw is inside its span: deleting the span leaves
                // the next client's whole span in its place, not a stray draw
                int n = cs.span("client", () -> {
                    // every client's span starts with this draw, the first ones' too (ignored there):
                    // a client deleted by the shrinker leaves the next span in its place unchanged
                    boolean present = cs.flip(40);
                    if (index >= settings.minClients() && !present) {
                        return -1;
                    }
                    client(name, index);
                    return ops(name, budget, 0);
                });
                if (n < 0) {
                    break;
                }
                total += n;
            }
            if (settings.shares() && total < settings.maxOps()) {
                int budget = settings.maxOps() - total;
                total += cs.span("shares", () -> cs.flip(15) ? ops(null, budget, 1) : 0);
            }
            if (total < settings.minOps()) {
                // the campaign wants more: the first client takes the rest
                String first = clients.keySet().iterator().next();
                int more = settings.minOps() - total;
                for (int k = 0; k < more; k++) {
                    cs.span("op", () -> {
                        op(first);
                        return null;
                    });
                }
            }
            ServerSettings server =
                    new ServerSettings(Settings.TARGET_POLICY.equals(policy) ? null : policy, null, settings.faults());
            // a client left without operations (the shrinker deletes them) takes no part
            Map<String, ClientSpec> active = new LinkedHashMap<>();
            clients.forEach((name, spec) -> {
                if (steps.stream().anyMatch(st -> name.equals(st.client()))) {
                    active.put(name, spec);
                }
            });
            return new Scenario(
                    id,
                    "generated program (" + active.size() + " clients, " + steps.size() + " ops, " + policy + ")",
                    List.of(),
                    active,
                    steps,
                    Scenario.CLIENTS,
                    List.of(),
                    Duration.ofSeconds(60),
                    server,
                    List.of(),
                    null,
                    null);
        }

        /**
         * Which operation families this program leaves out: usually none; otherwise each family is
         * left out with even odds. Every draw shrinks toward "keep it", so a shrunk program keeps the
         * default mix unless the bug needs a family gone.
         */
        private void swarm() {
            cs.span("swarm", () -> {
                if (cs.flip(40)) {
                    for (Family f : Family.values()) {
                        if (cs.flip(50)) {
                            left.add(f);
                        }
                    }
                }
                return null;
            });
        }

        /** {@code weight}, or 0 when this program left family {@code f} out. */
        private int w(Family f, int weight) {
            return left.contains(f) ? 0 : weight;
        }

        /** The weights as they are, or the defaults when the program left out every choice. */
        private int[] mix(int[] weights, int... defaults) {
            for (int x : weights) {
                if (x > 0) {
                    return weights;
                }
            }
            return defaults;
        }

        private String policy() {
            List<String> p = settings.policies().isEmpty() ? List.of("wait", "jukebox", "notify") : settings.policies();
            if (p.size() == 1) {
                return p.get(0);
            }
            int[] weights = new int[p.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = p.get(i).equals("wait") ? 6 : 2;
            }
            return p.get(cs.weighted(weights));
        }

        /** The first client speaks SMB, the others mostly NFS or NLM: programs race across protocols. */
        private void client(String name, int index) {
            Kind kind;
            if (index == 0) {
                kind = List.of(Kind.SMB_LEASING, Kind.SMB_CACHING, Kind.SMB_PLAIN)
                        .get(cs.weighted(6, 3, 1));
            } else {
                // one draw for every other client, whatever its place, so that deleting a client leaves
                // the next one what it was; NFS and NLM first, so that programs cross protocols
                kind = List.of(Kind.NFS, Kind.NLM, Kind.SMB_LEASING, Kind.SMB_CACHING, Kind.SMB_PLAIN)
                        .get(cs.weighted(6, 4, 4, 2, 1));
            }
            kinds.put(name, kind);
            switch (kind) {
                case SMB_LEASING -> {
                    // acknowledges at once, late (virtual time) or never
                    int ack = cs.weighted(6, 3, 1);
                    clients.put(
                            name,
                            new ClientSpec(
                                    ClientSpec.SMB,
                                    null,
                                    null,
                                    ack == 2 ? ClientSpec.NEVER : ClientSpec.AUTO,
                                    ack == 1 ? capped(Duration.ofSeconds(cs.between(1, 60))) : null));
                }
                case SMB_CACHING -> {
                    int flush = cs.weighted(6, 3, 1);
                    clients.put(
                            name,
                            new ClientSpec(
                                    ClientSpec.SMB,
                                    true,
                                    flush == 1 ? capped(Duration.ofMillis(cs.between(1, 60_000))) : null,
                                    flush == 2 ? ClientSpec.NEVER : null,
                                    null));
                }
                case SMB_PLAIN -> clients.put(name, new ClientSpec(ClientSpec.SMB, null, null, ClientSpec.AUTO, null));
                case NFS -> clients.put(name, new ClientSpec(ClientSpec.NFS));
                case NLM -> clients.put(name, new ClientSpec(ClientSpec.NLM));
                default -> throw new IllegalStateException(kind.name());
            }
            if (!settings.leases() && kind != Kind.SMB_PLAIN && kind.smb()) {
                // the same draws were made: the rest of the program stays where it was
                kinds.put(name, Kind.SMB_PLAIN);
                clients.put(name, new ClientSpec(ClientSpec.SMB, null, null, ClientSpec.AUTO, null));
            }
            open.put(name, new ArrayList<>());
            locks.put(name, new ArrayList<>());
        }

        /** Up to {@code budget} operations of {@code client} (null: the engine's share steps), at least {@code min}. */
        private int ops(String client, int budget, int min) {
            int n = 0;
            while (n < budget) {
                int done = n;
                // the "one more?" draw is inside the operation's span: deleting the span leaves the
                // next operation's draw in its place, and the rest of the program as it was
                boolean more = cs.span("op", () -> {
                    if (done >= min && !cs.flip(80)) {
                        return false;
                    }
                    op(client);
                    return true;
                });
                if (!more) {
                    break;
                }
                n++;
            }
            return n;
        }

        private void op(String c) {
            if (c == null) {
                add(shareOp());
                return;
            }
            Kind k = kinds.get(c);
            Op op = k.smb() ? smbOp(c, k) : k == Kind.NFS ? nfsOp(c) : nlmOp(c);
            add(op);
        }

        private void add(Op op) {
            steps.add(new Step("s" + (steps.size() + 1), op, false, null, null, null));
        }

        private String data(String client) {
            writes++;
            String token = client + writes;
            return cs.flip(20) ? token + token : token;
        }

        private String file() {
            return FILES.get(cs.weighted(6, 3, 2));
        }

        // ---- SMB

        private Op smbOp(String c, Kind k) {
            List<String[]> handlesOf = open.get(c);
            int choice = handlesOf.isEmpty()
                    ? 0
                    : cs.weighted(
                            2,
                            w(Family.SMB_WRITE, 5),
                            w(Family.SMB_READ, 3),
                            w(Family.SMB_CLOSE, 2),
                            w(Family.SMB_LOCK, 2),
                            w(Family.SMB_LOCK, 1),
                            w(Family.PAUSE, 1));
            if (choice == 0) {
                return smbOpen(c, k);
            }
            if (choice == 6) {
                return pause(c);
            }
            String[] h = handlesOf.get(cs.draw(handlesOf.size()));
            boolean dir = h[1].equals(DIR);
            if (dir && choice != 3) {
                choice = 3; // a directory handle is only closed
            }
            switch (choice) {
                case 1 -> {
                    return new SmbWriteOp(c, h[1], h[0], (long) cs.draw(4), data(c));
                }
                case 2 -> {
                    return new SmbReadOp(c, h[1], h[0], null);
                }
                case 3 -> {
                    handlesOf.remove(h);
                    locks.get(c).removeIf(l -> FILES.get((int) l[0]).equals(h[1]));
                    return new SmbCloseOp(c, h[1], h[0]);
                }
                case 4 -> {
                    long off = cs.draw(8);
                    long len = 1 + cs.draw(8);
                    boolean excl = !cs.flip(25);
                    locks.get(c).add(new long[] {FILES.indexOf(h[1]), off, len});
                    return new SmbLockOp(c, h[1], h[0], off, len, excl ? null : false, null);
                }
                default -> {
                    List<long[]> held = locks.get(c).stream()
                            .filter(l -> FILES.get((int) l[0]).equals(h[1]))
                            .toList();
                    if (held.isEmpty()) {
                        return new SmbReadOp(c, h[1], h[0], null);
                    }
                    long[] l = held.get(cs.draw(held.size()));
                    locks.get(c).remove(l);
                    return new SmbUnlockOp(c, h[1], h[0], l[1], l[2]);
                }
            }
        }

        private Op smbOpen(String c, Kind k) {
            boolean dir = cs.flip(12);
            String path = dir ? DIR : file();
            List<String[]> files =
                    open.get(c).stream().filter(h -> !h[1].equals(DIR)).toList();
            if (!dir && !files.isEmpty() && cs.flip(40)) {
                // open a file this client has open already: a second open under the same lease key
                // upgrades it or finds it breaking (R-SMB-21..23), a second key meets its own lease
                path = files.get(cs.draw(files.size()))[1];
            }
            String handle = "h" + (++handles);
            open.get(c).add(new String[] {handle, path});
            if (k == Kind.SMB_PLAIN) {
                return new SmbOpenOp(c, path, handle, null, null, dir ? true : null, null, null);
            }
            String lease = dir ? "RH" : LEASES.get(cs.weighted(5, 2, 2, 1));
            // reuse the key of an earlier open of the same file now and then (one lease, two opens)
            String key = "k-" + path;
            if (cs.flip(30)) {
                key = key + "-" + handle;
            }
            String version = dir ? null : cs.flip(15) ? "v1" : null;
            return new SmbOpenOp(c, path, handle, lease, version, dir ? true : null, null, key);
        }

        /**
         * Time passes for client {@code c}: mostly beyond the 35 s break timeout, so that what the
         * timer does (revoke an unacknowledged break, R-SMB-68, R-XP-15) is seen by what comes after.
         */
        /** {@code d}, or the settings' longest wait when that is shorter. */
        private Duration capped(Duration d) {
            Duration max = settings.maxWait();
            return max != null && d.compareTo(max) > 0 ? max : d;
        }

        private Op pause(String c) {
            return new PauseOp(c, capped(Duration.ofSeconds(cs.flip(70) ? 40 : 5)));
        }

        // ---- NFS

        private Op nfsOp(String c) {
            int[] weights = {
                w(Family.NFS_WRITE, 6),
                w(Family.NFS_READ, 4),
                w(Family.NFS_SETATTR, 2),
                w(Family.NFS_CREATE, 2),
                w(Family.NFS_REMOVE, 2),
                w(Family.NFS_RENAME, 2),
                w(Family.NFS_DIRS, 1),
                w(Family.NFS_DIRS, 1),
                w(Family.NFS_DIRS, 1),
                w(Family.PAUSE, 1)
            };
            switch (cs.weighted(mix(weights, 6, 4, 2, 2, 2, 2, 1, 1, 1, 1))) {
                case 0 -> {
                    // now and then a write to the directory: it fails (ISDIR) and must break nothing
                    String path = cs.flip(6) ? DIR : file();
                    return new NfsWriteOp(c, path, (long) cs.draw(4), data(c));
                }
                case 1 -> {
                    return new NfsReadOp(c, file(), null);
                }
                case 2 -> {
                    return new NfsSetattrOp(c, file(), (long) cs.draw(4));
                }
                case 3 -> {
                    return cs.flip(50)
                            ? new NfsCreateOp(c, file(), "unchecked", 0L)
                            : new NfsCreateOp(c, file(), "guarded", null);
                }
                case 4 -> {
                    return new NfsRemoveOp(c, cs.flip(8) ? DIR : file());
                }
                case 5 -> {
                    String from = file();
                    String to = FILES.get((FILES.indexOf(from) + 1 + cs.draw(FILES.size() - 1)) % FILES.size());
                    return new NfsRenameOp(c, from, to);
                }
                case 6 -> {
                    return new NfsMkdirOp(c, cs.flip(50) ? DIR : DIR + "/e");
                }
                case 7 -> {
                    return new NfsRmdirOp(c, cs.flip(50) ? DIR + "/e" : DIR);
                }
                case 8 -> {
                    return new NfsLinkOp(c, file(), DIR + "/l");
                }
                default -> {
                    return pause(c);
                }
            }
        }

        // ---- NLM

        private Op nlmOp(String c) {
            List<long[]> held = locks.get(c);
            int choice = cs.weighted(
                    5, w(Family.NLM_TEST, 2), held.isEmpty() ? 0 : w(Family.NLM_UNLOCK, 3), w(Family.PAUSE, 1));
            if (choice == 3) {
                return pause(c);
            }
            if (choice == 2) {
                long[] l = held.get(cs.draw(held.size()));
                if (l[2] >= 3 && cs.flip(40)) {
                    // the middle of the lock: POSIX splits it, both ends stay locked (R-NLM-7)
                    return new NlmUnlockOp(c, FILES.get((int) l[0]), l[1] + 1, l[2] - 2, null);
                }
                held.remove(l);
                return new NlmUnlockOp(c, FILES.get((int) l[0]), l[1], l[2], null);
            }
            String path = file();
            long off = cs.draw(8);
            long len = cs.flip(15) ? 0 : 1 + cs.draw(8);
            boolean excl = !cs.flip(25);
            if (choice == 1) {
                return new NlmTestOp(c, path, off, len, excl ? null : false, null, null, null);
            }
            boolean block = cs.flip(30);
            held.add(new long[] {FILES.indexOf(path), off, len});
            // any outcome is accepted here: the properties judge it, not a hand-written value
            return new NlmLockOp(
                    c, path, off, len, excl ? null : false, block ? true : null, null, null, "GRANTED|BLOCKED|DENIED");
        }

        // ---- shares

        /**
         * A share change or listing; changes are consistent (add a name not there, remove or disable
         * one that is) so that each call succeeds and the model judges what listings show.
         */
        private Op shareOp() {
            String name = "x" + cs.draw(2);
            boolean registered = addedShares.contains(name) || disabledShares.contains(name);
            int choice = cs.weighted(3, 3, 1, 1);
            if (choice == 1 && !registered) {
                addedShares.add(name);
                return new ShareAddOp(name);
            }
            if (choice == 2 && registered) {
                addedShares.remove(name);
                disabledShares.remove(name);
                return new ShareRemoveOp(name);
            }
            if (choice == 3 && addedShares.contains(name)) {
                addedShares.remove(name);
                disabledShares.add(name);
                return new ShareDisableOp(name);
            }
            return new ShareListOp(name, null, null);
        }
    }
}
