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
 *   <li>{@code nfs.create} path, mode (guarded (default) | unchecked), size (unchecked with size 0
 *       truncates an existing file)
 *   <li>{@code nfs.setattr} path, size
 *   <li>{@code join} step: wait for an async step to finish
 * </ul>
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
 * @param mode nfs.create mode: guarded or unchecked
 * @param directory smb.open: open a directory (FILE_DIRECTORY_FILE)
 * @param granted smb.open: the lease state the server must grant
 * @param expectStatus the status this step must fail with
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
        String expectStatus) {

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
            "join");

    public boolean isAsync() {
        return Boolean.TRUE.equals(async);
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
