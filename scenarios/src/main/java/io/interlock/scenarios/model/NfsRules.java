package io.interlock.scenarios.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * NFSv3 operations and the SMB state they break (catalog §2.9, ARCHITECTURE.md §1.1): every check
 * that can fail comes first, so a failing operation breaks nothing (R-XP-12); then the breaks are
 * sent; then, if an ack the operation needs is outstanding, the break policy decides (R-XP-7): NOTIFY
 * acts now, WAIT holds the reply until the acks or the timer (break before effect), JUKEBOX answers
 * NFS3ERR_JUKEBOX (R-SMB-84) and the client retries. NFS has no open state: it is "another key" to
 * every SMB holder (§2.9).
 */
final class NfsRules {
    private static final Set<String> GONE = Set.of(Status.NFS3ERR_NOENT, Status.NFS3ERR_STALE);

    private NfsRules() {}

    /**
     * The file a data request (READ, WRITE, SETATTR size) acts on: its file handle's object when it
     * was held, else by name. A missing object (GONE) or a directory ({@code onDirectory}) fails and
     * breaks nothing (R-XP-12): the failure is answered here and null returned. A held request whose
     * object lost its last name while it waited (a REMOVE released before it) answers STALE
     * (R-NFS-3), even when an SMB open keeps the object alive: for NFS the handle names a deleted
     * object, as it does for a request sent after the REMOVE ({@code WireInterpreter} then gives
     * {@link ModelInput.StaleHandle}).
     */
    private static Inode dataFile(Step s, ModelInput.Request in, String path, HeldOp prior, Set<String> onDirectory) {
        s.quietRule = "R-XP-12";
        Inode n = prior != null ? s.inode(prior.inode()) : s.lookup(path);
        if (n != null && prior != null && !s.names.containsValue(n.id())) {
            s.quietRule = "R-NFS-3";
            s.reply("R-NFS-3", in.req(), Status.NFS3ERR_STALE);
            return null;
        }
        if (n == null) {
            s.reply("R-XP-12", in.req(), GONE);
            return null;
        }
        if (n.directory()) {
            s.reply("R-XP-12", in.req(), onDirectory);
            return null;
        }
        return n;
    }

    /**
     * R-XP-11: under {@link NfsLockPolicy#DENY}, NFS I/O of {@code len} bytes at {@code off} that an
     * SMB byte-range lock forbids is answered NFS3ERR_ACCES (true: answered).
     */
    private static boolean ioDenied(Step s, ModelInput.Request in, long inode, long off, long len, boolean write) {
        if (len > 0
                && s.cfg.nfsLockPolicy() == NfsLockPolicy.DENY
                && Locks.nfsIoConflict(s, inode, off, off + len - 1, write)) {
            s.reply("R-XP-11", in.req(), Status.NFS3ERR_ACCES);
            return true;
        }
        return false;
    }

    /**
     * Applies the break policy to an operation whose breaks are sent; true when it goes on now.
     * Under WAIT it is held (R-XP-7); under JUKEBOX it is answered NFS3ERR_JUKEBOX and has no effect
     * (R-SMB-84, R-XP-7); under NOTIFY it goes on (only R-XP-1's "break no later than the reply").
     */
    private static boolean proceed(
            Step s, ModelInput.Request in, long inode, Map<HolderId, Integer> waits, HeldOp prior) {
        if (waits.isEmpty() || s.cfg.breakPolicy() == BreakPolicy.NOTIFY) {
            return true;
        }
        if (s.cfg.breakPolicy() == BreakPolicy.WAIT) {
            Releases.hold(s, in, inode, waits, "R-XP-7", prior, Long.MAX_VALUE);
        } else {
            s.reply("R-SMB-84", in.req(), Status.NFS3ERR_JUKEBOX);
        }
        return false;
    }

    /**
     * WRITE-class breaks (WRITE, SETATTR size, truncating CREATE): every holder to NONE (R-XP-1,
     * R-XP-2, R-XP-6, R-SMB-80); waited for only where W was held (an RH holder gets ACK_REQUIRED,
     * but the operation is not held: §2.4 WRITE row, §2.9).
     */
    private static Map<HolderId, Integer> writeBreaks(Step s, long inode, String wRule, String rRule) {
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(inode)) {
            boolean hadW = (h.state() & CacheBits.W) != 0;
            String rule = h.oplock() ? "R-SMB-80" : hadW ? wRule : rRule;
            if (Breaks.request(s, h.id(), CacheBits.NONE, rule)) {
                if (hadW) {
                    waits.put(h.id(), CacheBits.NONE);
                } else {
                    s.proceedRule = "R-SMB-80"; // RH: ACK_REQUIRED, but only W holders are waited for
                }
            }
        }
        return waits;
    }

    /**
     * The rule of a completed reply: R-XP-7 once it was held; R-XP-14 when no SMB holder was on the
     * object (the breaker costs nothing); else the rule that let it go on, or {@code rule}.
     */
    private static String completed(Step s, HeldOp prior, boolean noHolders, String rule) {
        if (prior != null) {
            return "R-XP-7";
        }
        return noHolders ? "R-XP-14" : s.proceeded(rule);
    }

    /**
     * Namespace breaks of the object itself (REMOVE, RMDIR, RENAME source and replaced target):
     * everything to NONE before the change (R-XP-4; R-SMB-82 breaks H and waits, the stricter R-XP-4
     * wins, spec README), waiting for every outstanding ack.
     */
    private static void deleteBreaks(Step s, long inode, Map<HolderId, Integer> waits) {
        for (Holder h : s.holdersOn(inode)) {
            if (Breaks.request(s, h.id(), CacheBits.NONE, "R-XP-4")) {
                waits.put(h.id(), CacheBits.NONE);
            }
        }
    }

    /**
     * A change of the entries of directory {@code dir} breaks its directory leases (other than
     * {@code exempt}) to NONE (R-XP-5). The catalogs do not say whether the operation waits for the
     * ack (R-XP-5 names only the break; MS-FSA breaks parent oplocks without waiting; our server
     * waits under WAIT): both are allowed, and the outstanding acks are returned only when the branch
     * waits.
     */
    static Map<HolderId, Integer> directoryBreaks(Step s, long dir, HolderId exempt) {
        Map<HolderId, Integer> pending = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(dir)) {
            if (!h.id().equals(exempt) && Breaks.request(s, h.id(), CacheBits.NONE, "R-XP-5")) {
                pending.put(h.id(), CacheBits.NONE);
            }
        }
        if (!pending.isEmpty()
                && s.choose("R-XP-5: the entry change waits for the directory lease ack", "no", "yes") == 0) {
            pending.clear();
        }
        return pending;
    }

    /** NT share semantics after a namespace break (§2.9): an open without FILE_SHARE_DELETE → ACCES. */
    private static boolean deleteDenied(Step s, long inode) {
        for (SmbOpen o : s.opensOn(inode)) {
            if (Smb2Access.shareConflict(o.access(), o.share(), Smb2Access.DELETE, Smb2Access.FILE_SHARE_ALL)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------

    /** READ: strips W only (RWH→RH, RW→R, EXCLUSIVE/BATCH→II) and waits (R-XP-3, R-SMB-81). */
    static void read(Step s, ModelInput.NfsRead r, HeldOp prior) {
        Inode n = dataFile(s, r, r.path(), prior, Set.of(Status.NFS3ERR_ISDIR, Status.NFS3ERR_INVAL));
        if (n == null || ioDenied(s, r, n.id(), r.offset(), r.count(), false)) {
            return;
        }
        s.quietRule = "R-XP-3";
        boolean noHolders = s.holdersOn(n.id()).isEmpty();
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        for (Holder h : s.holdersOn(n.id())) {
            if (Breaks.request(s, h.id(), CacheBits.RH, h.oplock() ? "R-SMB-81" : "R-XP-3")) {
                waits.put(h.id(), CacheBits.RH);
            }
        }
        if (!proceed(s, r, n.id(), waits, prior)) {
            return;
        }
        Inode now = s.inode(n.id());
        Bytes data = now.content().slice(r.offset(), r.count());
        boolean eof = r.offset() + data.size() >= now.size();
        s.reply(
                completed(s, prior, noHolders, "R-XP-3"),
                r.req(),
                Set.of(Status.NFS3_OK),
                new PayloadMatch.ReadPrefix(data, eof, true));
    }

    /** WRITE: every holder to NONE first (R-XP-1, R-XP-2, R-SMB-80), waiting for W holders. */
    static void write(Step s, ModelInput.NfsWrite w, HeldOp prior) {
        Inode n = dataFile(s, w, w.path(), prior, Set.of(Status.NFS3ERR_ISDIR, Status.NFS3ERR_INVAL));
        if (n == null || ioDenied(s, w, n.id(), w.offset(), w.data().size(), true)) {
            return;
        }
        s.quietRule = "R-XP-1";
        boolean noHolders = s.holdersOn(n.id()).isEmpty();
        if (!proceed(s, w, n.id(), writeBreaks(s, n.id(), "R-XP-1", "R-XP-2"), prior)) {
            return;
        }
        Files.setContent(s, n.id(), s.inode(n.id()).content().write(w.offset(), w.data()));
        s.reply(completed(s, prior, noHolders, "R-XP-1"), w.req(), Status.NFS3_OK);
    }

    /** SETATTR(size): breaks like a WRITE, then truncates or extends (R-XP-6). */
    static void setSize(Step s, ModelInput.NfsSetSize a, HeldOp prior) {
        Inode n = dataFile(
                s, a, a.path(), prior, Set.of(Status.NFS3ERR_INVAL, Status.NFS3ERR_BADTYPE, Status.NFS3ERR_ISDIR));
        if (n == null) {
            return;
        }
        s.quietRule = "R-XP-6";
        if (!proceed(s, a, n.id(), writeBreaks(s, n.id(), "R-XP-6", "R-XP-6"), prior)) {
            return;
        }
        Files.setContent(s, n.id(), s.inode(n.id()).content().resize(a.size()));
        s.reply(completed(s, prior, false, "R-XP-6"), a.req(), Status.NFS3_OK);
    }

    /**
     * CREATE (RFC 1813 §3.3.8, R-NFS-9): GUARDED on an existing name → EXIST; EXCLUSIVE → OK only
     * for the same verifier of an EXCLUSIVE create, else EXIST; UNCHECKED → OK, and a size in sattr3
     * truncates like SETATTR (R-XP-6). A new name breaks the parent's directory leases (R-XP-5).
     */
    static void create(Step s, ModelInput.NfsCreate c, HeldOp prior) {
        s.quietRule = "R-XP-12";
        if (!Files.wellFormed(c.path())) {
            throw Step.unmodelled("path '" + c.path() + "'");
        }
        String parentFailure = Files.parentFailure(s, c.path());
        if (parentFailure != null) {
            s.reply("R-XP-12", c.req(), parentFailure);
            return;
        }
        Inode parent = s.lookup(Files.parent(c.path()));
        Inode existing = s.lookup(c.path());
        if (existing != null) {
            switch (c.mode()) {
                case GUARDED -> s.reply("R-NFS-9", c.req(), Status.NFS3ERR_EXIST);
                case EXCLUSIVE -> {
                    boolean retry = !existing.directory()
                            && existing.exclusiveVerifier() != null
                            && existing.exclusiveVerifier() == c.verifier();
                    s.reply("R-NFS-9", c.req(), retry ? Status.NFS3_OK : Status.NFS3ERR_EXIST);
                }
                default -> {
                    if (existing.directory()) {
                        s.reply("R-XP-12", c.req(), Set.of(Status.NFS3ERR_EXIST, Status.NFS3ERR_ISDIR));
                    } else if (c.size() == null) {
                        s.quietRule = "R-SMB-85";
                        s.reply("R-NFS-9", c.req(), Status.NFS3_OK);
                    } else {
                        s.quietRule = "R-XP-6";
                        if (proceed(s, c, existing.id(), writeBreaks(s, existing.id(), "R-XP-6", "R-XP-6"), prior)) {
                            Files.setContent(
                                    s, existing.id(), existing.content().resize(c.size()));
                            s.reply(completed(s, prior, false, "R-XP-6"), c.req(), Status.NFS3_OK);
                        }
                    }
                }
            }
            return;
        }
        s.quietRule = "R-XP-5";
        if (!proceed(s, c, parent.id(), directoryBreaks(s, parent.id(), null), prior)) {
            return;
        }
        Long verifier = c.mode() == ModelInput.NfsCreateMode.EXCLUSIVE ? c.verifier() : null;
        Inode n = Files.create(s, c.path(), false, verifier);
        if (c.size() != null && c.mode() != ModelInput.NfsCreateMode.EXCLUSIVE) {
            Files.setContent(s, n.id(), Bytes.EMPTY.resize(c.size()));
        }
        s.reply(completed(s, prior, false, "R-NFS-9"), c.req(), Status.NFS3_OK);
    }

    /** MKDIR: EXIST for an existing name; a new entry breaks the parent's directory leases (R-XP-5). */
    static void mkdir(Step s, ModelInput.NfsMkdir m, HeldOp prior) {
        s.quietRule = "R-XP-12";
        if (!Files.wellFormed(m.path())) {
            throw Step.unmodelled("path '" + m.path() + "'");
        }
        String parentFailure = Files.parentFailure(s, m.path());
        if (parentFailure != null) {
            s.reply("R-XP-12", m.req(), parentFailure);
            return;
        }
        Inode parent = s.lookup(Files.parent(m.path()));
        if (s.lookup(m.path()) != null) {
            s.reply("R-XP-12", m.req(), Status.NFS3ERR_EXIST);
            return;
        }
        s.quietRule = "R-XP-5";
        if (!proceed(s, m, parent.id(), directoryBreaks(s, parent.id(), null), prior)) {
            return;
        }
        Files.create(s, m.path(), true, null);
        s.reply(completed(s, prior, false, "R-XP-5"), m.req(), Status.NFS3_OK);
    }

    /**
     * REMOVE: the file's holders to NONE and the parent's directory leases (R-XP-4, R-XP-5), then NT
     * share semantics (§2.9: a remaining open without FILE_SHARE_DELETE → NFS3ERR_ACCES). A directory
     * → ISDIR, breaking nothing (R-XP-12).
     */
    static void remove(Step s, ModelInput.NfsRemove r, HeldOp prior) {
        Inode n = unlinkTarget(s, r, r.path());
        if (n == null) {
            return;
        }
        if (n.directory()) {
            s.reply("R-XP-12", r.req(), Set.of(Status.NFS3ERR_ISDIR, Status.NFS3ERR_NOTDIR, Status.NFS3ERR_INVAL));
            return;
        }
        unlink(s, r, r.path(), n.id(), prior, "R-XP-4");
    }

    /** RMDIR: NOENT, NOTDIR, NOTEMPTY break nothing (R-XP-12); else like REMOVE (R-SMB-82, R-XP-5). */
    static void rmdir(Step s, ModelInput.NfsRmdir r, HeldOp prior) {
        Inode n = unlinkTarget(s, r, r.path());
        if (n == null) {
            return;
        }
        if (!n.directory()) {
            s.reply("R-XP-12", r.req(), Status.NFS3ERR_NOTDIR);
            return;
        }
        if (Files.hasEntries(s, r.path())) {
            s.reply("R-XP-12", r.req(), Set.of(Status.NFS3ERR_NOTEMPTY, Status.NFS3ERR_EXIST));
            return;
        }
        unlink(s, r, r.path(), n.id(), prior, "R-SMB-82");
    }

    /**
     * The object REMOVE or RMDIR names; a failed parent or a missing name fails and breaks nothing
     * (R-XP-12): the failure is answered here and null returned.
     */
    private static Inode unlinkTarget(Step s, ModelInput.Request in, String path) {
        s.quietRule = "R-XP-12";
        String parentFailure = path.isEmpty() ? null : Files.parentFailure(s, path);
        if (parentFailure != null) {
            s.reply("R-XP-12", in.req(), parentFailure);
            return null;
        }
        Inode n = s.lookup(path);
        if (n == null || path.isEmpty()) {
            s.reply("R-XP-12", in.req(), Status.NFS3ERR_NOENT);
            return null;
        }
        return n;
    }

    /**
     * What REMOVE and RMDIR do once their checks passed: the object's holders to NONE and the
     * parent's directory leases (R-XP-4, R-XP-5), the break policy, then NT share semantics (§2.9:
     * a remaining open without FILE_SHARE_DELETE → NFS3ERR_ACCES, R-SMB-82), then the unlink,
     * answered under {@code rule}.
     */
    private static void unlink(Step s, ModelInput.Request in, String path, long inode, HeldOp prior, String rule) {
        s.quietRule = rule;
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        deleteBreaks(s, inode, waits);
        waits.putAll(directoryBreaks(s, s.lookup(Files.parent(path)).id(), null));
        if (!proceed(s, in, inode, waits, prior)) {
            return;
        }
        if (deleteDenied(s, inode)) {
            s.reply("R-SMB-82", in.req(), Status.NFS3ERR_ACCES);
            return;
        }
        Files.unlink(s, path);
        s.reply(completed(s, prior, false, rule), in.req(), Status.NFS3_OK);
    }

    /**
     * RENAME (R-NFS-11): the same object → OK, nothing changes or breaks; a missing source or target
     * directory, an incompatible or non-empty target, a directory into its own subtree fail and
     * break nothing (R-XP-12). Otherwise the source's and a replaced target's holders go to NONE
     * (R-XP-4), both parents' directory leases too (R-XP-5), then share semantics (§2.9), then the
     * atomic move.
     */
    static void rename(Step s, ModelInput.NfsRename r, HeldOp prior) {
        s.quietRule = "R-XP-12";
        if (!Files.wellFormed(r.to()) || !Files.wellFormed(r.from())) {
            throw Step.unmodelled("rename of '" + r.from() + "' to '" + r.to() + "'");
        }
        // both directory handles are checked before either name (RFC 1813 §3.3.14: NFS3ERR_NOTDIR)
        String fromFailure = Files.parentFailure(s, r.from());
        String toFailure = Files.parentFailure(s, r.to());
        if (fromFailure != null || toFailure != null) {
            boolean notDir = Status.NFS3ERR_NOTDIR.equals(fromFailure) || Status.NFS3ERR_NOTDIR.equals(toFailure);
            s.reply("R-XP-12", r.req(), notDir ? Status.NFS3ERR_NOTDIR : Status.NFS3ERR_NOENT);
            return;
        }
        Inode src = s.lookup(r.from());
        Inode toDir = s.lookup(Files.parent(r.to()));
        if (src == null) {
            s.reply("R-XP-12", r.req(), Status.NFS3ERR_NOENT);
            return;
        }
        Inode dst = s.lookup(r.to());
        if (dst != null && dst.id() == src.id()) {
            s.reply("R-NFS-11", r.req(), Status.NFS3_OK);
            return;
        }
        if (src.directory() && Files.within(r.to(), r.from())) {
            s.reply("R-NFS-11", r.req(), Status.NFS3ERR_INVAL);
            return;
        }
        if (dst != null && (dst.directory() != src.directory() || (dst.directory() && Files.hasEntries(s, r.to())))) {
            s.reply(
                    "R-NFS-11",
                    r.req(),
                    Set.of(Status.NFS3ERR_EXIST, Status.NFS3ERR_NOTEMPTY, Status.NFS3ERR_ISDIR, Status.NFS3ERR_NOTDIR));
            return;
        }
        s.quietRule = "R-XP-4";
        Map<HolderId, Integer> waits = new LinkedHashMap<>();
        deleteBreaks(s, src.id(), waits);
        if (dst != null) {
            deleteBreaks(s, dst.id(), waits);
        }
        long fromDir = s.lookup(Files.parent(r.from())).id();
        waits.putAll(directoryBreaks(s, fromDir, null));
        if (toDir.id() != fromDir) {
            waits.putAll(directoryBreaks(s, toDir.id(), null));
        }
        if (!proceed(s, r, src.id(), waits, prior)) {
            return;
        }
        if (deleteDenied(s, src.id()) || (dst != null && deleteDenied(s, dst.id()))) {
            s.reply("R-SMB-82", r.req(), Status.NFS3ERR_ACCES);
            return;
        }
        Files.rename(s, r.from(), r.to());
        s.reply(completed(s, prior, false, "R-XP-4"), r.req(), Status.NFS3_OK);
    }

    /** LINK: a new entry in the link's directory breaks its directory leases (R-XP-5). */
    static void link(Step s, ModelInput.NfsLink l, HeldOp prior) {
        s.quietRule = "R-XP-12";
        if (!Files.wellFormed(l.newPath())) {
            throw Step.unmodelled("path '" + l.newPath() + "'");
        }
        Inode src = s.lookup(l.existing());
        if (src == null) {
            s.reply("R-XP-12", l.req(), Status.NFS3ERR_NOENT);
            return;
        }
        // the link directory's handle is checked before the file's type (RFC 1813 §3.3.15)
        String dirFailure = Files.parentFailure(s, l.newPath());
        if (dirFailure != null) {
            s.reply("R-XP-12", l.req(), dirFailure);
            return;
        }
        Inode dir = s.lookup(Files.parent(l.newPath()));
        if (src.directory()) {
            s.reply("R-XP-12", l.req(), Set.of(Status.NFS3ERR_ISDIR, Status.NFS3ERR_PERM, Status.NFS3ERR_BADTYPE));
            return;
        }
        if (s.lookup(l.newPath()) != null) {
            s.reply("R-XP-12", l.req(), Status.NFS3ERR_EXIST);
            return;
        }
        s.quietRule = "R-XP-5";
        if (!proceed(s, l, dir.id(), directoryBreaks(s, dir.id(), null), prior)) {
            return;
        }
        s.names.put(l.newPath(), src.id());
        s.reply(completed(s, prior, false, "R-XP-5"), l.req(), Status.NFS3_OK);
    }

    /** LOOKUP and GETATTR: stat semantics, never a break (R-SMB-85); the server's own size. */
    static void lookup(Step s, long req, String path, boolean getattr) {
        s.quietRule = "R-SMB-85";
        Inode n = s.lookup(path);
        if (n == null) {
            s.reply(
                    "R-SMB-85",
                    req,
                    Files.ancestorIsFile(s, path)
                            ? Set.of(Status.NFS3ERR_NOTDIR)
                            : getattr ? GONE : Set.of(Status.NFS3ERR_NOENT));
            return;
        }
        s.reply("R-SMB-85", req, Status.NFS3_OK, new Payload.Attrs(n.directory(), n.size()));
    }
}
