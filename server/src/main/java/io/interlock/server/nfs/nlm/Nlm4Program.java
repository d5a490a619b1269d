package io.interlock.server.nfs.nlm;

import io.interlock.server.rpc.RpcProcedure;
import io.interlock.server.rpc.RpcProgram;
import io.interlock.server.rpc.RpcProgramId;
import io.interlock.server.rpc.RpcRequest;
import io.interlock.server.rpc.XdrEncodable;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NLM program 100021 version 4 (RFC 1813 §6; XNFS ch. 10): the procedure table and its one error
 * funnel ({@link #statusOf}). Arguments that do not decode are GARBAGE_ARGS; a known refusal is its
 * nlm4_stats (DEBUG); anything unexpected is NLM4_FAILED, logged at ERROR.
 *
 * <p>The _MSG procedures are answered with an empty reply at once; their result goes back as the
 * matching _RES call to the client's NLM service (R-NLM-13); a blocked LOCK_MSG is later granted
 * with GRANTED_MSG, whose answer comes back as GRANTED_RES. Incoming _RES calls are accepted and
 * dropped, except GRANTED_RES, which may refuse a grant (only from the host the grant went to).
 * CANCEL and UNLOCK are bound to the owner's host ({@link NlmCallers}). SHARE/UNSHARE (DOS share reservations)
 * are not supported: NLM4_FAILED. Versions 1 and 3 (32-bit offsets) are not served.
 */
public final class Nlm4Program implements RpcProgram {
    private static final Logger log = LoggerFactory.getLogger(Nlm4Program.class);

    public static final int PROGRAM = 100021;
    public static final int VERSION = 4;

    private final Map<Nlm4Procedure, RpcProcedure> table = new EnumMap<>(Nlm4Procedure.class);
    private final NlmCallbacks callbacks;

    Nlm4Program(Nlm4LockHandler lock, Nlm4TestHandler test, NlmGrants grants, NlmCallbacks callbacks) {
        this.callbacks = callbacks;
        table.put(Nlm4Procedure.NULL, req -> CompletableFuture.completedFuture(XdrEncodable.VOID));
        table.put(Nlm4Procedure.TEST, req -> testRes(test, Nlm4TestArgs.decode(req.args()))
                .thenApply(r -> r));
        table.put(Nlm4Procedure.LOCK, req -> lockRes(lock, Nlm4LockArgs.decode(req.args()), req, true, false)
                .thenApply(r -> r));
        table.put(Nlm4Procedure.NM_LOCK, req -> lockRes(lock, Nlm4LockArgs.decode(req.args()), req, false, false)
                .thenApply(r -> r));
        table.put(Nlm4Procedure.CANCEL, req -> {
            Nlm4CancArgs a = Nlm4CancArgs.decode(req.args());
            return res(a.cookie(), () -> CompletableFuture.completedFuture(lock.cancel(a, req.remote())));
        });
        table.put(Nlm4Procedure.UNLOCK, req -> {
            Nlm4UnlockArgs a = Nlm4UnlockArgs.decode(req.args());
            return res(a.cookie(), () -> CompletableFuture.completedFuture(test.unlock(a, req.remote())));
        });
        table.put(Nlm4Procedure.GRANTED, req -> {
            // we are no client: there is no blocked request of ours to grant
            Nlm4TestArgs a = Nlm4TestArgs.decode(req.args());
            return CompletableFuture.completedFuture(new Nlm4Res(a.cookie(), Nlm4Stats.NLM4_DENIED));
        });
        asyncMsg(Nlm4Procedure.TEST_MSG, req -> testRes(test, Nlm4TestArgs.decode(req.args())));
        asyncMsg(Nlm4Procedure.LOCK_MSG, req -> lockRes(lock, Nlm4LockArgs.decode(req.args()), req, true, true));
        asyncMsg(Nlm4Procedure.CANCEL_MSG, req -> {
            Nlm4CancArgs a = Nlm4CancArgs.decode(req.args());
            return res(a.cookie(), () -> CompletableFuture.completedFuture(lock.cancel(a, req.remote())));
        });
        asyncMsg(Nlm4Procedure.UNLOCK_MSG, req -> {
            Nlm4UnlockArgs a = Nlm4UnlockArgs.decode(req.args());
            return res(a.cookie(), () -> CompletableFuture.completedFuture(test.unlock(a, req.remote())));
        });
        table.put(Nlm4Procedure.GRANTED_MSG, req -> {
            Nlm4TestArgs.decode(req.args());
            log.debug("NLM GRANTED_MSG from {} ignored: we hold no blocked requests", req.remote());
            return CompletableFuture.completedFuture(XdrEncodable.VOID);
        });
        for (Nlm4Procedure p : new Nlm4Procedure[] {
            Nlm4Procedure.TEST_RES, Nlm4Procedure.LOCK_RES, Nlm4Procedure.CANCEL_RES, Nlm4Procedure.UNLOCK_RES
        }) {
            table.put(p, req -> {
                log.debug("NLM {} from {} dropped: we send no _MSG requests", p, req.remote());
                return CompletableFuture.completedFuture(XdrEncodable.VOID);
            });
        }
        table.put(Nlm4Procedure.GRANTED_RES, req -> {
            grants.onGrantedRes(Nlm4Res.decode(req.args()), req.remote());
            return CompletableFuture.completedFuture(XdrEncodable.VOID);
        });
        RpcProcedure share = req -> {
            Nlm4ShareArgs a = Nlm4ShareArgs.decode(req.args());
            log.debug("NLM SHARE/UNSHARE from {}: not supported", a.callerName());
            return CompletableFuture.completedFuture(new Nlm4ShareRes(a.cookie(), Nlm4Stats.NLM4_FAILED, 0));
        };
        table.put(Nlm4Procedure.SHARE, share);
        table.put(Nlm4Procedure.UNSHARE, share);
        table.put(Nlm4Procedure.FREE_ALL, req -> {
            Nlm4Notify n = Nlm4Notify.decode(req.args());
            test.freeAll(n.name());
            return CompletableFuture.completedFuture(XdrEncodable.VOID);
        });
    }

    private interface Call<T> {
        CompletableFuture<T> run() throws Nlm4Exception;
    }

    private static CompletableFuture<Nlm4TestRes> testRes(Nlm4TestHandler test, Nlm4TestArgs a) {
        try {
            return CompletableFuture.completedFuture(test.test(a));
        } catch (Nlm4Exception e) {
            log.debug("NLM TEST {}: {}", a.alock(), e.getMessage());
            return CompletableFuture.completedFuture(Nlm4TestRes.of(a.cookie(), e.stat()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Nlm4TestRes.of(a.cookie(), statusOf(e)));
        }
    }

    private static CompletableFuture<XdrEncodable> lockRes(
            Nlm4LockHandler lock, Nlm4LockArgs a, RpcRequest req, boolean mayBlock, boolean async) {
        return res(a.cookie(), () -> lock.lock(a, req.remote(), req.version(), mayBlock, async));
    }

    private static CompletableFuture<XdrEncodable> res(byte[] cookie, Call<Nlm4Stats> call) {
        CompletableFuture<Nlm4Stats> f;
        try {
            f = call.run();
        } catch (Nlm4Exception | RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.handle((s, err) -> (XdrEncodable) new Nlm4Res(cookie, err == null ? s : statusOf(err)));
    }

    /** A _MSG procedure: reply void now, send the result as the _RES call when it is known. */
    private void asyncMsg(Nlm4Procedure p, Function<RpcRequest, CompletableFuture<? extends XdrEncodable>> sync) {
        table.put(p, req -> {
            CompletableFuture<? extends XdrEncodable> result = sync.apply(req);
            result.thenAccept(body -> callbacks
                    .call(req.remote(), req.version(), p.resultProcedure(), body)
                    .whenComplete((r, err) -> {
                        if (err != null) {
                            log.info("NLM {} to {} failed: {}", p.resultProcedure(), req.remote(), err.getMessage());
                        }
                    }));
            return CompletableFuture.completedFuture(XdrEncodable.VOID);
        });
    }

    /** The error funnel: an nlm4_stats for any failure. */
    static Nlm4Stats statusOf(Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof Nlm4Exception n) {
            log.debug("NLM: {}", n.getMessage());
            return n.stat();
        }
        log.error("NLM request failed unexpectedly", e);
        return Nlm4Stats.NLM4_FAILED;
    }

    @Override
    public RpcProgramId id() {
        return RpcProgramId.of(PROGRAM, VERSION);
    }

    @Override
    public RpcProcedure procedure(int version, int procedure) {
        Nlm4Procedure p = Nlm4Procedure.of(procedure);
        return p == null ? null : table.get(p);
    }
}
