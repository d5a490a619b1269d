package io.interlock.scenarios.engine;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.scenarios.checks.FileCall;
import io.interlock.scenarios.checks.FileError;
import io.interlock.scenarios.checks.FileResult;
import io.interlock.scenarios.checks.FileSpec;
import io.interlock.scenarios.checks.LinOp;
import io.interlock.scenarios.checks.LinResult;
import io.interlock.scenarios.checks.Linearizability;
import io.interlock.scenarios.clients.nfs.wire.Nfs3CreateMode;
import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.SmbClient;
import io.interlock.scenarios.ops.BreakDetail;
import io.interlock.scenarios.ops.NfsCreateOp;
import io.interlock.scenarios.ops.NfsLinkOp;
import io.interlock.scenarios.ops.NfsMkdirOp;
import io.interlock.scenarios.ops.NfsReadOp;
import io.interlock.scenarios.ops.NfsRemoveOp;
import io.interlock.scenarios.ops.NfsRenameOp;
import io.interlock.scenarios.ops.NfsRmdirOp;
import io.interlock.scenarios.ops.NfsSetattrOp;
import io.interlock.scenarios.ops.NfsWriteOp;
import io.interlock.scenarios.ops.Op;
import io.interlock.scenarios.ops.OpResult;
import io.interlock.scenarios.ops.SmbOpenOp;
import io.interlock.scenarios.ops.SmbReadOp;
import io.interlock.scenarios.ops.SmbWriteOp;
import io.interlock.scenarios.ops.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * "No lost write, no stale read" (issue 7 §3) as a property of every run: the content history of
 * each file, caching SMB clients' writes included, must be linearizable against {@link FileSpec}.
 * A pure function of what the run recorded: the program's steps as their clients saw them ({@link
 * Call}) and the history's flush, break and ack events.
 *
 * <p><b>Rule.</b> R-XP-7 (nfs3-nlm-crossproto.md, wait policy): "If the SMB client ACKs within T,
 * the NFS reply comes after the ACK and a READ returns the flushed data", with R-SMB-80 ("an NFS
 * WRITE or SETATTR(size) ... completes only once W holders have acked or timed out") and R-SMB-81
 * ("an NFS READ breaks W ... and waits, so the SMB client flushes first"); R-SMB-84 makes JUKEBOX the
 * same promise. A write a client was told is done must be seen by every operation that starts after,
 * whichever protocol it speaks.
 *
 * <p><b>Time.</b> Intervals are positions in the history (event indices), a logical clock that
 * respects real time: a step's INVOKE is recorded before its first request leaves and its OK/FAIL
 * after its answer arrived, so "A's answer recorded before B's invocation" means A really ended
 * before B began. (The virtual clock's nanos would make everything in one time slice concurrent.)
 *
 * <p><b>Mapping</b> (only what {@link FileSpec} expresses faithfully; the rest is left out):
 *
 * <ul>
 *   <li>NFS READ → {@code Read}; WRITE → {@code Create(KEEP)} and {@code Write} in one interval (the
 *       client LOOKUPs, CREATEs when absent, then WRITEs); SETATTR(size) → {@code Truncate}; CREATE
 *       UNCHECKED → {@code Create(KEEP)}, with size 0 {@code Create(TRUNCATE)}; GUARDED/EXCLUSIVE →
 *       {@code Create(EXCLUSIVE)} (another size: not expressible, the path is left out); REMOVE →
 *       {@code Remove}; RENAME → {@code Rename} (to a path outside the checked namespace: {@code
 *       Remove} of the source; from outside: the target is left out); LINK: both names left out.
 *   <li>SMB CREATE (FILE_OPEN_IF) of a file → {@code Create(KEEP)}; WRITE → {@code Write} and READ
 *       → {@code Read} on the open's path. This engine has no SMB SET_INFO(EOF) or overwriting
 *       CREATE, so none is mapped.
 *   <li>Answers: data and success as they came; NFS3ERR_NOENT / NFS3ERR_EXIST where the call names
 *       them as {@code Rejected}; any other protocol status means "not done" (FAIL, left out); no
 *       answer (timeout, connection lost, hang, harness error) is INFO.
 * </ul>
 *
 * <p><b>Checked namespace.</b> {@link FileSpec} has no directories, so only top-level names that
 * no directory op touches and no other path lies under are checked ("f", "g" in generated
 * programs); the embedded target gives every run a fresh, empty share, the initial state.
 *
 * <p><b>Handles.</b> An SMB op acts on the file its open resolved; an NFS op resolves its path by
 * LOOKUP and then acts on the handle. If a REMOVE or RENAME naming the path may have taken effect
 * between the resolution and the action (intervals overlap), the op is not a path op: a read is left
 * out, a change leaves out every path involved (its data may be in the renamed file or in none).
 * A leaving-out spreads along renames out of a left-out path; a rename into one becomes a {@code
 * Remove} of its source. Never a history a correct server fails.
 *
 * <p><b>Caching SMB clients.</b> A write kept in memory reaches the server when it is flushed (the
 * history's {@code smb.flush} events). It counts at the application level (its own interval) when
 * the flush was timely: nothing let another client's op pass the lease meanwhile (every break of W
 * that client received between the write and the end of the flush was acknowledged, successfully,
 * after the flush and before the server could give up waiting: the break timer, R-SMB-68, or an NLM
 * lock's shorter wait, R-XP-8), the client sent no other write meanwhile, and no break handling of
 * it failed. Otherwise it counts at its
 * flush's interval; never flushed, or flushed without answer, it is INFO. Reads answered from the
 * cache, or over the wire while the client held unflushed writes (it lays them over the answer),
 * are not server reads and are left out; an SMB read (READ until end of file, two requests) that
 * overlaps a change of its file on the server is left out too (it may mix two states).
 *
 * <p><b>NOTIFY policy.</b> The break is sent and the NFS op goes on at once, so a caching client's
 * late flush overwriting newer data is the policy's documented cost (ARCHITECTURE.md §1.1), not a
 * violation: files a caching client wrote are not checked under NOTIFY (a note says so).
 */
final class ContentHistory {
    /** The rule a violation cites. */
    static final String RULE = "R-XP-7";

    /** The run's signature when this property fails (distinct from the model's own R-XP-7 verdicts). */
    static final String SIGNATURE = RULE + "/linearizable";

    private static final String FLUSH = "smb.flush";
    private static final String ACK = "smb.ack";

    private ContentHistory() {}

    /**
     * One step as its client saw it: history positions of its invocation and of its answer (or
     * later), and its outcome: the {@link OpResult}, the {@link Throwable} it failed with, or null
     * when it never completed (then {@code complete} is {@link Long#MAX_VALUE}).
     */
    record Call(Step step, long invoke, long complete, Object outcome) {
        Call {
            Objects.requireNonNull(step, "step");
        }
    }

    /**
     * What the check needs of the server's configuration.
     *
     * @param notifyPolicy the NOTIFY break policy (fire-and-forget)
     * @param ackDeadlineNanos how long after its break an ack may come, in the history's nanos, and
     *     still be one the server waited for: the shorter of the break timer (R-SMB-67/68) and an NLM
     *     lock's bounded wait for breaks (R-XP-8), after which the lease is forced to None
     */
    record Settings(boolean notifyPolicy, long ackDeadlineNanos) {}

    /**
     * The operations to check and the paths left out, with why; how many steps were left out, and
     * how the caching clients' writes were placed: at the application level (timely flush), at
     * their flush, or as INFO (never flushed, or no answer).
     */
    record Mapped(
            List<LinOp> ops,
            Map<String, String> leftOut,
            int droppedOps,
            int cachedTimely,
            int cachedAtFlush,
            int cachedInfo) {
        Mapped {
            ops = List.copyOf(ops);
            leftOut = Map.copyOf(leftOut);
        }
    }

    /** The verdict, with the operations checked and one line for the history. */
    record Outcome(Mapped mapped, LinResult result) {
        boolean violated() {
            return result.verdict() == LinResult.Verdict.NOT_LINEARIZABLE;
        }

        boolean unknown() {
            return result.verdict() == LinResult.Verdict.UNKNOWN;
        }

        /** The failing group's account (ops named, what the culprit could have seen), or the summary. */
        String explanation() {
            return result.partitions().stream()
                    .filter(p -> p.verdict() == LinResult.Verdict.NOT_LINEARIZABLE)
                    .map(LinResult.Partition::detail)
                    .findFirst()
                    .orElseGet(this::summary);
        }

        String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append(mapped.ops().size());
            if (mapped.cachedTimely() + mapped.cachedAtFlush() + mapped.cachedInfo() > 0) {
                sb.append(" (cached writes: ")
                        .append(mapped.cachedTimely())
                        .append(" timely, ")
                        .append(mapped.cachedAtFlush())
                        .append(" at their flush, ")
                        .append(mapped.cachedInfo())
                        .append(" unknown)");
            }
            sb.append(" content ops in ")
                    .append(result.partitions().size())
                    .append(" groups: ")
                    .append(result.verdict().name().toLowerCase(java.util.Locale.ROOT));
            if (!mapped.leftOut().isEmpty()) {
                sb.append("; not checked: ");
                sb.append(String.join(
                        "; ",
                        new TreeMap<>(mapped.leftOut())
                                .entrySet().stream()
                                        .map(e -> e.getKey() + " (" + e.getValue() + ")")
                                        .toList()));
            }
            if (unknown()) {
                sb.append("; ").append(result.explanation().lines().findFirst().orElse(""));
            }
            return sb.toString();
        }
    }

    /** Maps and checks. */
    static Outcome check(List<Call> calls, List<HistoryEvent> events, Settings settings, Linearizability checker) {
        Mapped m = map(calls, events, settings);
        return new Outcome(m, checker.check(new FileSpec(), m.ops()));
    }

    // ---------------------------------------------------------------------------------------------
    // The mapper

    /** One candidate operation before the leaving-out. */
    private static final class Cand {
        final Call call;
        final String process;
        long invoke;
        long complete;
        LinOp.Outcome outcome;
        FileCall fc;
        FileResult result;
        /** Start of the window in which its file was resolved (-1: an atomic path op). */
        long resolvedFrom = -1;
        /** End of its server action (MAX_VALUE: unknown; -1: none in the history). */
        long serverFrom = -1;

        long serverTo = -1;
        /** A REMOVE or RENAME that changed (or may have changed) what its paths name. */
        boolean identity;

        boolean wireRead; // an SMB read answered by the server
        String leftOut; // why it is not checked, or null

        Cand(Call call, String process) {
            this.call = call;
            this.process = process;
        }

        String path() {
            return (String) fc.paths().iterator().next();
        }

        boolean mutation() {
            return !(fc instanceof FileCall.Read || fc instanceof FileCall.ReadAt);
        }

        /** Took effect, or may have (definite rejections changed nothing). */
        boolean mayChange() {
            return outcome == LinOp.Outcome.INFO || (outcome == LinOp.Outcome.OK && result instanceof FileResult.Done);
        }

        long effComplete() {
            return outcome == LinOp.Outcome.INFO ? Long.MAX_VALUE : complete;
        }
    }

    /** A caching client's flush of one cached write, from the history. */
    private static final class Flush {
        long invoke = -1;
        long done = -1;
        boolean ok;
        boolean definite; // failed with a protocol status
    }

    private record Break(long index, long nanos, BreakDetail detail) {}

    private record Ack(long invoke, long nanos, Boolean success) {}

    /** The history's own record of caching clients: flushes, breaks, acks, failures. */
    private static final class Events {
        final Map<String, Flush> flushes = new HashMap<>(); // write step id -> flush
        final Map<String, List<Break>> breaks = new HashMap<>();
        final Map<String, List<Ack>> acks = new HashMap<>();
        final Set<String> troubled = new HashSet<>(); // clients whose break handling failed somewhere

        Events(List<HistoryEvent> events) {
            Map<String, Ack> open = new HashMap<>();
            for (HistoryEvent e : events) {
                if (Checks.CHECKS_START.equals(e.op())) {
                    break; // the engine's own content reads follow: not the program's
                }
                String c = e.client();
                if (e.kind() == EventKind.BREAK) {
                    try {
                        breaks.computeIfAbsent(c, k -> new ArrayList<>())
                                .add(new Break(e.index(), e.nanos(), BreakDetail.parse(e.detail())));
                    } catch (IllegalArgumentException ex) {
                        troubled.add(c);
                    }
                } else if (FLUSH.equals(e.op()) && e.step() != null && e.step().endsWith(":flush")) {
                    Flush f = flushes.computeIfAbsent(
                            e.step().substring(0, e.step().length() - ":flush".length()), k -> new Flush());
                    switch (e.kind()) {
                        case INVOKE -> f.invoke = e.index();
                        case OK -> {
                            f.done = e.index();
                            f.ok = true;
                        }
                        case FAIL -> {
                            f.done = e.index();
                            f.definite = e.detail() != null && e.detail().startsWith("STATUS_");
                            troubled.add(c);
                        }
                        default -> {}
                    }
                } else if (ACK.equals(e.op()) && (c + ":ack").equals(e.step())) {
                    if (e.kind() == EventKind.INVOKE) {
                        Ack a = new Ack(e.index(), e.nanos(), null);
                        open.put(c, a);
                        acks.computeIfAbsent(c, k -> new ArrayList<>()).add(a);
                    } else if (open.containsKey(c)) {
                        List<Ack> l = acks.get(c);
                        Ack a = open.remove(c);
                        l.set(l.indexOf(a), new Ack(a.invoke(), a.nanos(), e.kind() == EventKind.ACK));
                        if (e.kind() != EventKind.ACK) {
                            troubled.add(c);
                        }
                    }
                } else if (e.kind() == EventKind.FAIL && "smb.break-handling".equals(e.op())) {
                    troubled.add(c);
                }
            }
        }
    }

    /** Turns the calls into the operations to check (package-private for tests). */
    static Mapped map(List<Call> calls, List<HistoryEvent> events, Settings settings) {
        Events ev = new Events(events);
        List<Call> ordered = new ArrayList<>(calls);
        ordered.sort(java.util.Comparator.comparingLong(Call::invoke));

        Set<String> scope = scope(ordered);
        Map<String, String> leftOut = new TreeMap<>();
        List<Cand> cands = new ArrayList<>();
        Map<String, Call> opens = new HashMap<>(); // client/handle -> its latest open
        List<Cand> cachedWrites = new ArrayList<>();
        Map<String, List<Call>> sentSmbWrites = new HashMap<>(); // client -> writes that went (or may have gone) out
        int dropped = 0;

        for (Call c : ordered) {
            Op op = c.step().op();
            String who = op.client() == null ? ProgramRun.ENGINE : op.client();
            if (op instanceof SmbOpenOp o) {
                opens.put(who + "/" + o.handleName(), c);
                if (!Boolean.TRUE.equals(o.directory()) && scope.contains(o.path())) {
                    Cand k = pathOp(c, who, new FileCall.Create(o.path(), FileCall.CreateMode.KEEP), Map.of());
                    cands.add(k);
                }
            } else if (op instanceof SmbWriteOp w) {
                Call open = opens.get(who + "/" + w.handleName());
                if (open == null) {
                    continue;
                }
                String p = ((SmbOpenOp) open.step().op()).path();
                boolean cached = c.outcome() instanceof OpResult r && r.value() == SmbClient.Written.CACHED;
                if (!cached) {
                    sentSmbWrites.computeIfAbsent(who, x -> new ArrayList<>()).add(c);
                }
                if (!scope.contains(p)) {
                    continue;
                }
                Cand k = new Cand(c, who);
                k.fc = new FileCall.Write(p, w.offsetOrZero(), w.bytes());
                k.resolvedFrom = open.invoke();
                if (cached) {
                    cachedWrites.add(k); // placed below, once every client's sent writes are known
                } else {
                    outcome(k, c, Map.of());
                    server(k);
                }
                cands.add(k);
            } else if (op instanceof SmbReadOp rd) {
                Call open = opens.get(who + "/" + rd.handleName());
                if (open == null) {
                    continue;
                }
                String p = ((SmbOpenOp) open.step().op()).path();
                if (!scope.contains(p)
                        || !(c.outcome() instanceof OpResult r)
                        || !(r.value() instanceof SmbClient.Read got)
                        || got.fromCache()) {
                    dropped++;
                    continue; // no answer, or answered from the client's cache: no server read
                }
                Cand k = new Cand(c, who);
                k.fc = new FileCall.Read(p);
                k.outcome = LinOp.Outcome.OK;
                k.invoke = c.invoke();
                k.complete = c.complete();
                k.result = FileResult.data(got.data());
                k.resolvedFrom = open.invoke();
                k.wireRead = true;
                cands.add(k);
            } else if (op instanceof NfsReadOp r) {
                if (scope.contains(r.path())) {
                    Cand k = pathOp(c, who, new FileCall.Read(r.path()), Map.of("NFS3ERR_NOENT", FileError.NOT_FOUND));
                    if (!(k.result instanceof FileResult.Rejected)) {
                        k.resolvedFrom = c.invoke(); // LOOKUP, then READ of the handle
                    }
                    cands.add(k);
                }
            } else if (op instanceof NfsWriteOp w) {
                if (scope.contains(w.path())) {
                    Cand create = pathOp(c, who, new FileCall.Create(w.path(), FileCall.CreateMode.KEEP), Map.of());
                    Cand write = pathOp(c, who, new FileCall.Write(w.path(), w.offsetOrZero(), w.bytes()), Map.of());
                    if (create.outcome == LinOp.Outcome.FAIL) {
                        create.outcome = LinOp.Outcome.INFO; // its CREATE may have run before the WRITE failed
                        create.complete = Long.MAX_VALUE;
                    }
                    write.resolvedFrom = c.invoke();
                    cands.add(create);
                    cands.add(write);
                }
            } else if (op instanceof NfsSetattrOp s) {
                if (scope.contains(s.path())) {
                    if (s.size() > Integer.MAX_VALUE) {
                        leftOut.putIfAbsent(
                                s.path(),
                                "SETATTR size beyond 2^31 in " + c.step().id());
                        continue;
                    }
                    Cand k = pathOp(
                            c,
                            who,
                            new FileCall.Truncate(s.path(), s.size()),
                            Map.of("NFS3ERR_NOENT", FileError.NOT_FOUND));
                    if (!(k.result instanceof FileResult.Rejected)) {
                        k.resolvedFrom = c.invoke();
                    }
                    cands.add(k);
                }
            } else if (op instanceof NfsCreateOp cr) {
                if (scope.contains(cr.path())) {
                    Optional<FileCall.CreateMode> mode = createMode(cr);
                    if (mode.isEmpty()) {
                        if (!definiteFailure(c)) {
                            leftOut.putIfAbsent(
                                    cr.path(),
                                    "CREATE with size " + cr.size() + " in "
                                            + c.step().id());
                        }
                        continue;
                    }
                    Map<String, FileError> errs = mode.get() == FileCall.CreateMode.EXCLUSIVE
                            ? Map.of("NFS3ERR_EXIST", FileError.EXISTS)
                            : Map.of();
                    cands.add(pathOp(c, who, new FileCall.Create(cr.path(), mode.get()), errs));
                }
            } else if (op instanceof NfsRemoveOp rm) {
                if (scope.contains(rm.path())) {
                    Cand k = pathOp(
                            c, who, new FileCall.Remove(rm.path()), Map.of("NFS3ERR_NOENT", FileError.NOT_FOUND));
                    k.identity = true;
                    cands.add(k);
                }
            } else if (op instanceof NfsRenameOp rn) {
                boolean from = scope.contains(rn.path());
                boolean to = scope.contains(rn.to());
                if (from && to) {
                    Cand k = pathOp(
                            c,
                            who,
                            new FileCall.Rename(rn.path(), rn.to()),
                            Map.of("NFS3ERR_NOENT", FileError.NOT_FOUND));
                    k.identity = true;
                    cands.add(k);
                } else if (from) {
                    // its content leaves the checked namespace: for the source a removal; NOENT may be
                    // about the target's directory when the target is nested
                    Map<String, FileError> errs =
                            rn.to().contains("/") ? Map.of() : Map.of("NFS3ERR_NOENT", FileError.NOT_FOUND);
                    Cand k = pathOp(c, who, new FileCall.Remove(rn.path()), errs);
                    k.identity = true;
                    cands.add(k);
                } else if (to && !definiteFailure(c)) {
                    leftOut.putIfAbsent(
                            rn.to(),
                            "renamed from " + rn.path() + ", outside the checked names, in "
                                    + c.step().id());
                }
            } else if (op instanceof NfsLinkOp l) {
                if (!definiteFailure(c)) {
                    for (String p : List.of(l.path(), l.to())) {
                        if (scope.contains(p)) {
                            leftOut.putIfAbsent(
                                    p,
                                    "hard link " + l.path() + " -> " + l.to() + " in "
                                            + c.step().id());
                        }
                    }
                }
            }
        }

        // caching clients' writes: application level when timely, else where the flush put them
        int timely = 0;
        int atFlush = 0;
        int info = 0;
        for (Cand k : cachedWrites) {
            placeCached(k, ev, sentSmbWrites, cachedWrites, settings);
            if (k.outcome == LinOp.Outcome.INFO) {
                info++;
            } else if (k.outcome == LinOp.Outcome.OK && k.invoke == k.call.invoke()) {
                timely++;
            } else if (k.outcome == LinOp.Outcome.OK) {
                atFlush++;
            }
            if (settings.notifyPolicy()) {
                leftOut.putIfAbsent(
                        k.path(),
                        "written by caching client " + k.process + " under NOTIFY, whose late flush may"
                                + " legitimately overwrite newer data");
            }
        }

        List<Cand> identities =
                cands.stream().filter(k -> k.identity && k.mayChange()).toList();
        Set<String> dirty = dirtyReads(cands, cachedWrites);
        for (Cand k : cands) {
            if (k.resolvedFrom >= 0 && k.outcome != LinOp.Outcome.FAIL) {
                long to = k.fc instanceof FileCall.Write && k.serverTo != -1 ? k.serverTo : k.effComplete();
                if (k.serverFrom == -1 && cachedWrites.contains(k)) {
                    to = -1; // never sent: no server action to misattribute
                }
                for (Cand n : identities) {
                    if (n != k
                            && n.fc.paths().contains(k.path())
                            && to != -1
                            && n.invoke < to
                            && n.effComplete() > k.resolvedFrom) {
                        if (k.mutation()) {
                            for (Object p : n.fc.paths()) {
                                leftOut.putIfAbsent(
                                        (String) p,
                                        "a change by handle (" + k.call.step().id() + ") raced "
                                                + n.call.step().id() + "'s namespace change");
                            }
                        } else {
                            k.leftOut = "its file may have been renamed or removed meanwhile";
                        }
                    }
                }
            }
            if (k.wireRead && k.leftOut == null) {
                if (dirty.contains(k.call.step().id())) {
                    k.leftOut = "the caching client laid unflushed writes over the server's answer";
                } else if (overlapsChange(k, cands)) {
                    k.leftOut = "an SMB read of two requests overlapping a change may mix two states";
                }
            }
        }

        // a left-out path spreads along renames out of it; a rename into one removes its source
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Cand k : cands) {
                if (k.fc instanceof FileCall.Rename rn
                        && k.mayChange()
                        && leftOut.containsKey(rn.from())
                        && !leftOut.containsKey(rn.to())) {
                    leftOut.put(
                            rn.to(),
                            "renamed from " + rn.from() + ", which is not checked, in "
                                    + k.call.step().id());
                    grew = true;
                }
            }
        }

        List<LinOp> ops = new ArrayList<>();
        for (Cand k : cands) {
            if (k.leftOut != null || k.outcome == LinOp.Outcome.FAIL) {
                dropped++;
                continue;
            }
            FileCall fc = k.fc;
            FileResult res = k.result;
            if (fc instanceof FileCall.Rename rn && leftOut.containsKey(rn.to()) && !leftOut.containsKey(rn.from())) {
                fc = new FileCall.Remove(rn.from());
            }
            if (fc.paths().stream().anyMatch(leftOut::containsKey)) {
                dropped++;
                continue;
            }
            int id = ops.size() + 1;
            String process = k.process + " " + k.call.step().id();
            ops.add(
                    k.outcome == LinOp.Outcome.INFO
                            ? LinOp.info(id, process, k.invoke, fc)
                            : LinOp.ok(id, process, k.invoke, k.complete, fc, res));
        }
        return new Mapped(ops, leftOut, dropped, timely, atFlush, info);
    }

    /**
     * The names checked: top level, never a directory op's, nothing under them (FileSpec has no
     * directories, so what a missing parent answers cannot be told).
     */
    private static Set<String> scope(List<Call> calls) {
        Set<String> used = new TreeSet<>();
        Set<String> dirs = new HashSet<>();
        for (Call c : calls) {
            Op op = c.step().op();
            used.addAll(op.paths()); // a rename's and a link's target included
            if (op instanceof NfsMkdirOp || op instanceof NfsRmdirOp) {
                dirs.addAll(op.paths());
            }
            if (op instanceof SmbOpenOp o && Boolean.TRUE.equals(o.directory())) {
                dirs.add(o.path());
            }
        }
        Set<String> out = new HashSet<>();
        for (String p : used) {
            if (p == null || p.isEmpty() || p.contains("/") || dirs.contains(p)) {
                continue;
            }
            boolean parent = used.stream().anyMatch(q -> q != null && q.startsWith(p + "/"));
            if (!parent) {
                out.add(p);
            }
        }
        return out;
    }

    private static Optional<FileCall.CreateMode> createMode(NfsCreateOp cr) {
        Long size = cr.size();
        Nfs3CreateMode m = cr.createMode();
        if (m == Nfs3CreateMode.UNCHECKED) {
            if (size == null) {
                return Optional.of(FileCall.CreateMode.KEEP);
            }
            return size == 0 ? Optional.of(FileCall.CreateMode.TRUNCATE) : Optional.empty();
        }
        // GUARDED / EXCLUSIVE: a new file of size 0 is the empty file
        return size == null || size == 0 ? Optional.of(FileCall.CreateMode.EXCLUSIVE) : Optional.empty();
    }

    /** A path op in the call's own interval, its answer mapped; {@code errors}: statuses that are answers. */
    private static Cand pathOp(Call c, String who, FileCall fc, Map<String, FileError> errors) {
        Cand k = new Cand(c, who);
        k.fc = fc;
        outcome(k, c, errors);
        server(k);
        return k;
    }

    private static void outcome(Cand k, Call c, Map<String, FileError> errors) {
        k.invoke = c.invoke();
        k.complete = c.complete();
        Object o = c.outcome();
        if (o instanceof OpResult r) {
            k.outcome = LinOp.Outcome.OK;
            k.result = k.fc instanceof FileCall.Read
                    ? FileResult.data(r.data() == null ? new byte[0] : r.data())
                    : FileResult.DONE;
            if (k.fc instanceof FileCall.Read && r.data() == null) {
                k.outcome = LinOp.Outcome.INFO; // no bytes recorded: unknown
            }
            return;
        }
        String status = o instanceof Throwable t ? Statuses.of(t) : null;
        if (status != null && errors.containsKey(status)) {
            k.outcome = LinOp.Outcome.OK;
            k.result = FileResult.rejected(errors.get(status));
        } else if (status != null) {
            k.outcome = LinOp.Outcome.FAIL; // the server refused: nothing happened
        } else {
            k.outcome = LinOp.Outcome.INFO; // timeout, lost connection, hang, harness error: unknown
            k.complete = Long.MAX_VALUE;
        }
    }

    /** The server-side interval of a path op or a sent write: its own. */
    private static void server(Cand k) {
        if (k.outcome != LinOp.Outcome.FAIL) {
            k.serverFrom = k.invoke;
            k.serverTo = k.effComplete();
        }
    }

    private static boolean definiteFailure(Call c) {
        return c.outcome() instanceof Throwable t && Statuses.of(t) != null;
    }

    /** Places a cached write: application level, at its flush, INFO, or not at all. */
    private static void placeCached(
            Cand k, Events ev, Map<String, List<Call>> sent, List<Cand> cachedWrites, Settings settings) {
        Flush f = ev.flushes.get(k.call.step().id());
        k.invoke = k.call.invoke();
        if (f == null || f.invoke == -1) {
            // never sent while the program ran: may reach the server later, or never
            k.outcome = LinOp.Outcome.INFO;
            k.complete = Long.MAX_VALUE;
            return;
        }
        k.serverFrom = f.invoke;
        if (f.done == -1 || (!f.ok && !f.definite)) {
            k.outcome = LinOp.Outcome.INFO;
            k.complete = Long.MAX_VALUE;
            k.serverTo = Long.MAX_VALUE;
            return;
        }
        k.serverTo = f.done;
        if (!f.ok) {
            k.outcome = LinOp.Outcome.FAIL; // the server refused the flush
            return;
        }
        k.outcome = LinOp.Outcome.OK;
        k.result = FileResult.DONE;
        if (timely(k, f, ev, sent, cachedWrites, settings)) {
            k.complete = k.call.complete();
        } else {
            k.invoke = f.invoke;
            k.complete = f.done;
        }
    }

    /**
     * Whether nothing let another client pass the lease between the cached write and the end of its
     * flush, so that a correct server makes the write visible to all from when it was made.
     */
    private static boolean timely(
            Cand k, Flush f, Events ev, Map<String, List<Call>> sent, List<Cand> cachedWrites, Settings s) {
        String c = k.process;
        long w0 = k.call.invoke();
        if (ev.troubled.contains(c)) {
            return false;
        }
        for (Call other : sent.getOrDefault(c, List.of())) {
            if (other.invoke() > w0 && other.invoke() < f.done) {
                return false; // a write that bypassed the cache may have overtaken this one
            }
        }
        for (Cand later : cachedWrites) {
            Flush lf = ev.flushes.get(later.call.step().id());
            if (later.process.equals(c)
                    && later.call.invoke() > w0
                    && lf != null
                    && lf.invoke != -1
                    && lf.invoke < f.invoke) {
                return false; // flushed out of order
            }
        }
        List<Ack> acks = ev.acks.getOrDefault(c, List.of());
        int ordinal = 0;
        for (Break b : ev.breaks.getOrDefault(c, List.of())) {
            int mine = b.detail().ackRequired() ? ordinal++ : -1;
            if (b.index() <= w0 || b.index() >= f.done || (b.detail().from() & LeaseBits.WRITE) == 0) {
                continue;
            }
            if (mine < 0 || mine >= acks.size()) {
                return false;
            }
            Ack a = acks.get(mine);
            if (a.invoke() < f.done
                    || !Boolean.TRUE.equals(a.success())
                    || a.nanos() - b.nanos() >= s.ackDeadlineNanos()) {
                return false;
            }
        }
        return true;
    }

    /** The step ids of caching clients' wire reads made while they held unflushed writes. */
    private static Set<String> dirtyReads(List<Cand> cands, List<Cand> cachedWrites) {
        Set<String> out = new HashSet<>();
        for (Cand r : cands) {
            if (!r.wireRead) {
                continue;
            }
            for (Cand w : cachedWrites) {
                boolean before = w.call.invoke() < r.complete;
                boolean unflushed = w.serverTo == -1 || w.serverTo == Long.MAX_VALUE || w.serverTo > r.invoke;
                if (w.process.equals(r.process) && before && unflushed) {
                    out.add(r.call.step().id());
                }
            }
        }
        return out;
    }

    /** Whether a change of {@code r}'s file may have reached the server while {@code r} ran. */
    private static boolean overlapsChange(Cand r, List<Cand> cands) {
        for (Cand m : cands) {
            if (m != r
                    && m.mutation()
                    && m.serverFrom != -1
                    && m.fc.paths().contains(r.path())
                    && m.serverFrom < r.complete
                    && m.serverTo > r.invoke) {
                return true;
            }
        }
        return false;
    }
}
