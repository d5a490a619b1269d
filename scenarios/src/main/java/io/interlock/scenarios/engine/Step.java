package io.interlock.scenarios.engine;

import java.time.Duration;
import java.util.Set;

/**
 * One step of a scenario. Which fields apply depends on {@code op}:
 *
 * <ul>
 *   <li>{@code smb.open} path, lease (e.g. RWH; absent = no lease), leaseVersion (v1|v2), handle,
 *       directory (open a directory), granted (optional: the lease state the server must grant)
 *   <li>{@code smb.write} handle (default: the path), data, offset. A caching client keeps the data
 *       in memory while it holds W
 *   <li>{@code smb.read} handle, value (optional: the content the read must return). A caching
 *       client answers from memory while it holds R
 *   <li>{@code smb.close} handle (a caching client flushes first)
 *   <li>{@code smb.await-break} timeout: take the client's next lease break notification; for a
 *       caching client: wait until it has handled the next break (flushed and acknowledged)
 *   <li>{@code smb.ack} lease (default: the break's new state): acknowledge the last awaited break
 *   <li>{@code nfs.write} path, data, offset; {@code nfs.read} path, value; {@code nfs.remove} path;
 *       {@code nfs.rename} path, to; {@code nfs.mkdir} path
 *   <li>{@code nfs.create} path, mode (guarded (default) | unchecked | exclusive), size (unchecked with size 0
 *       truncates an existing file)
 *   <li>{@code nfs.setattr} path, size
 *   <li>{@code smb.lock} handle, offset, length, exclusive (default true), block (default false:
 *       FAIL_IMMEDIATELY); {@code smb.unlock} handle, offset, length ([MS-SMB2] 2.2.26). A target
 *       answering STATUS_NOT_SUPPORTED to a LOCK it was not expected to refuse makes the scenario
 *       SKIPPED (it does not implement SMB2 LOCK)
 *   <li>{@code smb.lease-state} handle, value, timeout: the target's own view of this client's lease
 *       reaches state {@code value}, not breaking, within {@code timeout} (needs an admin endpoint:
 *       elsewhere this step alone is skipped and the reason says so)
 *   <li>{@code nlm.lock} path, exclusive (default true), offset, length (0 = to EOF), block, reclaim,
 *       svid (default: derived from the client name), value (the status the LOCK must return; by
 *       default GRANTED, or GRANTED|BLOCKED with block). Other statuses fail the step with the
 *       status name, e.g. {@code expectStatus: NLM4_DENIED}
 *   <li>{@code nlm.test} path, exclusive, offset, length, value (GRANTED | DENIED), holder (for DENIED:
 *       e.g. "exclusive 0+10": the reported holder's mode and range)
 *   <li>{@code nlm.unlock}, {@code nlm.cancel} path, offset, length (cancel: exclusive)
 *   <li>{@code nlm.await-granted} path, offset, length, exclusive, timeout: the GRANTED callback of
 *       this client's earlier blocked LOCK of that range arrives within {@code timeout}
 *   <li>{@code share.add}, {@code share.remove}, {@code share.disable} share (no client): change the
 *       target's shares (needs an admin endpoint, else the scenario is SKIPPED); the engine removes
 *       what it added
 *   <li>{@code share.list} share, present (no client): {@code smbclient -L} as an outside peer lists
 *       (present: true) or omits the share (SKIPPED where smbclient is missing)
 *   <li>{@code server.breaks} trigger (WRITE, READ, LOCK, ...), count, timedOut (no client): since the
 *       scenario started the target finished exactly {@code count} breaks for that trigger, of
 *       which {@code timedOut} at the timeout (R-XP-13; needs an admin endpoint: elsewhere this step
 *       alone is skipped)
 *   <li>{@code join} step: wait for an async step to finish
 * </ul>
 *
 * <p>{@code nfs.*} steps take {@code jukebox}: the least number of NFS3ERR_JUKEBOX answers the
 * driver must have retried during the step (each is recorded as an {@code nfs.jukebox} event).
 *
 * Any step may be {@code async: true}: it starts on its own thread and the scenario goes on; it is
 * joined by a {@code join} step or at the end. Every wait is bounded by {@code timeout} (default:
 * the scenario's step timeout). A step with {@code expectStatus} must fail with that status (e.g.
 * {@code NFS3ERR_NOENT}, or alternatives {@code NFS3ERR_ISDIR|NFS3ERR_INVAL}); succeeding, or
 * failing otherwise, fails the scenario.
 *
 * @param id unique step id, referenced by joins and expectations
 * @param client the client that performs it (not for join)
 * @param op the operation
 * @param path file path relative to the share/export root
 * @param to rename target
 * @param data bytes to write, as UTF-8 text
 * @param offset write offset (default 0)
 * @param lease lease state to request or to acknowledge
 * @param leaseVersion v1 or v2 (default v2)
 * @param handle name of an SMB handle (default: the path)
 * @param value expected content for a read
 * @param async run asynchronously
 * @param step the step a join waits for
 * @param timeout bound on this step's waiting
 * @param size file size for nfs.setattr and nfs.create
 * @param mode nfs.create mode: guarded, unchecked or exclusive
 * @param directory smb.open: open a directory (FILE_DIRECTORY_FILE)
 * @param granted smb.open: the lease state the server must grant
 * @param expectStatus the status this step must fail with
 * @param exclusive lock mode for smb.lock, nlm.* (default true)
 * @param length lock range length
 * @param block blocking lock (nlm.lock; smb.lock without FAIL_IMMEDIATELY)
 * @param reclaim nlm.lock reclaim flag
 * @param svid nlm lock owner process id
 * @param share share name for share.* steps
 * @param present share.list: whether the share must be listed
 * @param holder nlm.test: expected holder, "exclusive|shared OFFSET+LENGTH"
 * @param trigger server.breaks: the break trigger
 * @param count server.breaks: finished breaks
 * @param timedOut server.breaks: of those, ended by the timer
 * @param jukebox nfs.*: minimum number of NFS3ERR_JUKEBOX answers retried
 */
public record Step(
        String id,
        String client,
        String op,
        String path,
        String to,
        String data,
        Long offset,
        String lease,
        String leaseVersion,
        String handle,
        String value,
        Boolean async,
        String step,
        Duration timeout,
        Long size,
        String mode,
        Boolean directory,
        String granted,
        String expectStatus,
        Boolean exclusive,
        Long length,
        Boolean block,
        Boolean reclaim,
        Integer svid,
        String share,
        Boolean present,
        String holder,
        String trigger,
        Integer count,
        Integer timedOut,
        Integer jukebox) {

    public static final Set<String> OPS = Set.of(
            "smb.open",
            "smb.write",
            "smb.read",
            "smb.close",
            "smb.await-break",
            "smb.ack",
            "nfs.write",
            "nfs.read",
            "nfs.remove",
            "nfs.rename",
            "nfs.create",
            "nfs.setattr",
            "nfs.mkdir",
            "smb.lock",
            "smb.unlock",
            "smb.lease-state",
            "nlm.lock",
            "nlm.test",
            "nlm.unlock",
            "nlm.cancel",
            "nlm.await-granted",
            "share.add",
            "share.remove",
            "share.disable",
            "share.list",
            "server.breaks",
            "join");

    /** Ops performed by the engine itself, not by a client. */
    public static final Set<String> ENGINE_OPS =
            Set.of("share.add", "share.remove", "share.disable", "share.list", "server.breaks", "join");

    public boolean isAsync() {
        return Boolean.TRUE.equals(async);
    }

    public boolean isExclusive() {
        return !Boolean.FALSE.equals(exclusive);
    }

    public boolean isBlocking() {
        return Boolean.TRUE.equals(block);
    }

    public long lengthOrZero() {
        return length == null ? 0 : length;
    }

    public boolean isDirectory() {
        return Boolean.TRUE.equals(directory);
    }

    /** Whether {@code status} is one of the alternatives of {@link #expectStatus()}. */
    public boolean statusMatches(String status) {
        if (expectStatus == null || status == null) {
            return false;
        }
        for (String alt : expectStatus.split("\\|")) {
            if (alt.strip().equalsIgnoreCase(status.strip())) {
                return true;
            }
        }
        return false;
    }

    public long offsetOrZero() {
        return offset == null ? 0 : offset;
    }

    /** The SMB handle name this step refers to. */
    public String handleName() {
        return handle != null ? handle : path;
    }

    /** Short text of the arguments for the history. */
    public String describeArgs() {
        StringBuilder b = new StringBuilder();
        append(b, path);
        if (to != null) {
            b.append(" -> ").append(to);
        }
        if (lease != null) {
            append(b, "lease=" + lease + (leaseVersion != null ? "/" + leaseVersion : ""));
        }
        if (data != null) {
            append(b, "\"" + data + "\"" + (offset != null ? "@" + offset : ""));
        }
        if (handle != null && !handle.equals(path)) {
            append(b, "handle=" + handle);
        }
        if (length != null || op.startsWith("nlm.") || op.equals("smb.lock") || op.equals("smb.unlock")) {
            append(b, (isExclusive() ? "exclusive " : "shared ") + offsetOrZero() + "+" + lengthOrZero());
        }
        if (isBlocking()) {
            append(b, "block");
        }
        if (Boolean.TRUE.equals(reclaim)) {
            append(b, "reclaim");
        }
        if (share != null) {
            append(b, "share=" + share + (present != null ? (present ? " listed" : " not listed") : ""));
        }
        if (trigger != null) {
            append(b, trigger + " count=" + count + " timedOut=" + timedOut);
        }
        if (size != null) {
            append(b, "size=" + size);
        }
        if (mode != null) {
            append(b, "mode=" + mode);
        }
        if (step != null) {
            append(b, step);
        }
        if (expectStatus != null) {
            append(b, "expect " + expectStatus);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, String s) {
        if (s != null) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(s);
        }
    }
}
