package io.interlock.server.rpc;

import io.interlock.server.core.exec.SerialLane;
import java.net.SocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport-neutral half of the RPC dispatcher: checks credential, program, version and
 * procedure (RFC 5531 §9), runs the procedure on the connection's lane and hands exactly one
 * reply (or none, for records that are dropped) to {@code out}. Replies may complete in any order.
 */
public final class RpcCallProcessor {
    private static final Logger log = LoggerFactory.getLogger(RpcCallProcessor.class);

    private final Map<Integer, RpcProgram> programs = new HashMap<>();
    private final RpcReplyCache replyCache;

    /** A processor without a duplicate-request cache (portmapper, MOUNT: all idempotent). */
    public RpcCallProcessor(List<RpcProgram> served) {
        this(served, null);
    }

    /**
     * A processor whose non-idempotent procedures ({@link RpcProgram#nonIdempotent}) go through
     * {@code replyCache}; null for none.
     */
    public RpcCallProcessor(List<RpcProgram> served, RpcReplyCache replyCache) {
        for (RpcProgram p : served) {
            programs.put(p.program(), p);
        }
        this.replyCache = replyCache;
    }

    /**
     * Whether a decoded call is one this processor would run: a served program and version with
     * AUTH_NONE or AUTH_SYS. Such a call ends a connection's pre-login limits.
     */
    public boolean serves(RpcInbound.Call call) {
        RpcProgram p = programs.get(call.program());
        return p != null
                && call.version() >= p.lowVersion()
                && call.version() <= p.highVersion()
                && (call.credFlavor() == Rpc.AUTH_NONE || call.credFlavor() == Rpc.AUTH_SYS);
    }

    /** Largest record any served program takes. */
    public int maxRecord() {
        return programs.values().stream().mapToInt(RpcProgram::maxRecord).max().orElse(64 * 1024);
    }

    /** Largest record before a connection's first accepted call. */
    public int preLoginMaxRecord() {
        return programs.values().stream()
                .mapToInt(RpcProgram::preLoginMaxRecord)
                .max()
                .orElse(64 * 1024);
    }

    /**
     * Processes one decoded record.
     *
     * @param in the record
     * @param remote the caller
     * @param lane where the procedure runs
     * @param out receives the reply, and with it the release of its payload ({@link RpcReply#release});
     *     may be called from any thread
     * @return false when the record was dropped without a reply
     */
    public boolean process(RpcInbound in, SocketAddress remote, Executor lane, Consumer<RpcReply> out) {
        return process(in, remote, null, lane, out);
    }

    /**
     * Processes one decoded record that arrived at {@code local} (see {@link RpcRequest#local()}).
     *
     * @param in the record
     * @param remote the caller
     * @param local our address the record arrived at, or null
     * @param lane where the procedure runs; a {@link SerialLane} runs a quick procedure ({@link
     *     RpcProgram#quick}) on the calling thread when it is idle
     * @param out receives the reply; may be called from any thread
     * @return false when the record was dropped without a reply
     */
    public boolean process(
            RpcInbound in, SocketAddress remote, SocketAddress local, Executor lane, Consumer<RpcReply> out) {
        if (in instanceof RpcInbound.Rejected rej) {
            log.debug("rpc from {} rejected: {}", remote, rej.reason());
            if (rej.reply() == null) {
                return false;
            }
            out.accept(rej.reply());
            return true;
        }
        RpcInbound.Call call = (RpcInbound.Call) in;
        int xid = call.xid();
        RpcCredential cred;
        switch (call.credFlavor()) {
            case Rpc.AUTH_NONE -> cred = RpcCredential.None.INSTANCE;
            case Rpc.AUTH_SYS -> {
                try {
                    cred = RpcCredential.Sys.decode(call.credBody());
                } catch (XdrException e) {
                    log.debug("rpc xid {} from {}: malformed AUTH_SYS: {}", hex(xid), remote, e.getMessage());
                    out.accept(RpcReply.authError(xid, Rpc.AUTH_BADCRED));
                    return true;
                }
            }
            default -> {
                log.debug("rpc xid {} from {}: unsupported auth flavor {}", hex(xid), remote, call.credFlavor());
                out.accept(RpcReply.authError(xid, Rpc.AUTH_REJECTEDCRED));
                return true;
            }
        }
        RpcProgram program = programs.get(call.program());
        if (program == null) {
            log.debug("rpc xid {} from {}: program {} unavailable", hex(xid), remote, call.program());
            out.accept(RpcReply.accepted(xid, Rpc.PROG_UNAVAIL));
            return true;
        }
        if (call.version() < program.lowVersion() || call.version() > program.highVersion()) {
            log.debug("rpc xid {}: program {} version {} not served", hex(xid), call.program(), call.version());
            out.accept(RpcReply.progMismatch(xid, program.lowVersion(), program.highVersion()));
            return true;
        }
        RpcProcedure proc = program.procedure(call.version(), call.procedure());
        if (proc == null) {
            log.debug(
                    "rpc xid {}: program {} v{} proc {} unavailable",
                    hex(xid),
                    call.program(),
                    call.version(),
                    call.procedure());
            out.accept(RpcReply.accepted(xid, Rpc.PROC_UNAVAIL));
            return true;
        }
        if (cred instanceof RpcCredential.None && call.procedure() != 0 && program.requiresAuthSys(call.procedure())) {
            out.accept(RpcReply.authError(xid, Rpc.AUTH_TOOWEAK));
            return true;
        }
        Consumer<RpcReply> reply = out;
        RpcReplyCache.Execute cached = null;
        if (replyCache != null && program.nonIdempotent(call.version(), call.procedure())) {
            RpcReplyCache.Lookup found = replyCache.begin(RpcReplyCache.keyOf(call, remote));
            if (found instanceof RpcReplyCache.Duplicate dup) {
                log.debug(
                        "rpc xid {} from {}: duplicate of prog {} proc {}, answered from the reply cache",
                        hex(xid),
                        remote,
                        call.program(),
                        call.procedure());
                dup.reply().thenAccept(out);
                return true;
            }
            cached = (RpcReplyCache.Execute) found;
            RpcReplyCache.Execute entry = cached;
            reply = r -> {
                entry.complete(r.detached()); // a duplicate is answered later from the copy
                out.accept(r);
            };
        }
        RpcRequest req =
                new RpcRequest(xid, call.program(), call.version(), call.procedure(), cred, call.args(), remote, local);
        Consumer<RpcReply> sink = reply;
        try {
            Runnable task = () -> invoke(proc, req, sink);
            if (lane instanceof SerialLane serial
                    && program.quick(
                            call.version(), call.procedure(), call.args().remaining())) {
                serial.runNowOrQueue(task);
            } else {
                lane.execute(task);
            }
        } catch (RejectedExecutionException e) {
            log.warn("rpc xid {} from {}: server busy, answering SYSTEM_ERR", hex(xid), remote);
            RpcReply busy = RpcReply.accepted(xid, Rpc.SYSTEM_ERR);
            if (cached != null) {
                cached.abandon(busy);
            }
            out.accept(busy);
        }
        return true;
    }

    private static void invoke(RpcProcedure proc, RpcRequest req, Consumer<RpcReply> out) {
        int xid = req.xid();
        CompletableFuture<XdrEncodable> result;
        try {
            result = proc.call(req);
        } catch (XdrException e) {
            log.debug(
                    "rpc xid {} prog {} proc {}: garbage args: {}",
                    hex(xid),
                    req.program(),
                    req.procedure(),
                    e.getMessage());
            out.accept(RpcReply.accepted(xid, Rpc.GARBAGE_ARGS));
            return;
        } catch (RuntimeException | Error e) {
            // an Error such as OutOfMemoryError too: the caller gets an answer, the lane goes on
            log.error("rpc xid {} prog {} proc {} failed", hex(xid), req.program(), req.procedure(), e);
            out.accept(RpcReply.accepted(xid, Rpc.SYSTEM_ERR));
            return;
        }
        result.whenComplete((body, err) -> {
            RpcReply reply;
            if (err != null) {
                log.error("rpc xid {} prog {} proc {} failed", hex(xid), req.program(), req.procedure(), err);
                reply = RpcReply.accepted(xid, Rpc.SYSTEM_ERR);
            } else {
                try {
                    reply = RpcReply.success(xid, body);
                } catch (RuntimeException | Error e) {
                    if (body != null && body.payload() != null) {
                        body.payload().release();
                    }
                    log.error(
                            "rpc xid {} prog {} proc {}: cannot encode reply",
                            hex(xid),
                            req.program(),
                            req.procedure(),
                            e);
                    reply = RpcReply.accepted(xid, Rpc.SYSTEM_ERR);
                }
            }
            out.accept(reply);
        });
    }

    static String hex(int xid) {
        return "0x" + Integer.toHexString(xid);
    }
}
