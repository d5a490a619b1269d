package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.List;

/**
 * A pure model of a correct server (STYLE.md 14): {@link #allowed} and {@link #apply} are all it
 * offers. No I/O, no clock, no threads; the state is an immutable value.
 *
 * <p>For an input, the rules of one area run ({@link SmbCreateRules}, {@link SmbRules}, {@link
 * Breaks} for acks, {@link NfsRules}, {@link NlmRules}, {@link ShareRules}, {@link Releases} for time
 * and disconnects), then everything the input freed completes ({@link Releases#settle}), then due
 * GRANTED callbacks are expected. Where the catalogs leave the server a choice the evaluation
 * branches, and every combination of choices is one {@link Branch} of the {@link Prediction}.
 */
public final class ReferenceModel {
    /** Evaluations per input beyond which the input counts as unmodelled (too many interleavings). */
    static final int MAX_RUNS = 4096;

    /**
     * What a correct server must, may and must not emit in reaction to {@code input} in state
     * {@code state}, branch by branch, each with the state that follows. Unmodelled when the model
     * does not know the input, or no longer knows the state.
     */
    public Prediction allowed(ModelState state, ModelInput input) {
        if (state.unknown() != null) {
            return Prediction.unmodelled("the model state is unknown since an unmodelled input: " + state.unknown());
        }
        Explorer explorer = new Explorer();
        List<Branch> branches = new ArrayList<>();
        int runs = 0;
        do {
            if (++runs > MAX_RUNS) {
                return Prediction.unmodelled("more than " + MAX_RUNS + " possible orders of completion");
            }
            Step s = new Step(state, explorer);
            try {
                dispatch(s, input);
                Releases.settle(s);
                Releases.flushGrants(s);
            } catch (Unmodelled u) {
                return Prediction.unmodelled(describe(input) + ": " + u.getMessage());
            }
            if (HeldOp.isSmb(input) && !s.held.containsKey(((ModelInput.Request) input).req())) {
                allowInterim(s, ((ModelInput.Request) input).req());
            }
            Branch b = s.toBranch();
            if (branches.stream().noneMatch(b::sameOutcome)) {
                branches.add(b);
            }
        } while (explorer.next());
        return Prediction.of(branches);
    }

    /**
     * The state after {@code input} given what the server emitted: the first branch the observed
     * outputs satisfy. When several branches fit the observation their states may differ (e.g. the
     * order of two WRITEs released together): this returns the first; {@link WindowChecker} keeps
     * all of them. When none fits, the closest branch's state (fewest violations). Unmodelled inputs
     * leave a state marked unknown.
     */
    public ModelState apply(ModelState state, ModelInput input, List<ModelOutput> observed) {
        Prediction p = allowed(state, input);
        if (p.isUnmodelled()) {
            return state.unknown() != null ? state : state.asUnknown(p.unmodelled());
        }
        Branch best = null;
        int fewest = Integer.MAX_VALUE;
        for (Branch b : p.branches()) {
            int n = BranchMatcher.match(b, new Window(-1, input, observed)).size();
            if (n == 0) {
                return b.next();
            }
            if (n < fewest) {
                fewest = n;
                best = b;
            }
        }
        return best.next();
    }

    /** An SMB request that completes in its own window may still have sent an interim response. */
    private static void allowInterim(Step s, long req) {
        for (Expect e : s.expects) {
            if (e instanceof Expect.Interim i && i.req() == req) {
                return;
            }
        }
        s.expects.add(new Expect.Interim("R-SMB-65", req, true));
    }

    private static void dispatch(Step s, ModelInput in) {
        if (in instanceof ModelInput.Unknown u) {
            throw Step.unmodelled("unknown request: " + u.description());
        } else if (in instanceof ModelInput.SmbLeaseAck a) {
            Breaks.ackLease(s, a);
        } else if (in instanceof ModelInput.SmbOplockAck a) {
            Breaks.ackOplock(s, a);
        } else if (in instanceof ModelInput.SmbClose c) {
            SmbRules.close(s, c);
        } else if (in instanceof ModelInput.SmbUnlock u) {
            SmbRules.unlock(s, u);
        } else if (in instanceof ModelInput.TimePasses t) {
            Releases.timePasses(s, t);
        } else if (in instanceof ModelInput.Disconnect d) {
            Releases.disconnect(s, d);
        } else if (in instanceof ModelInput.NlmTest t) {
            NlmRules.test(s, t);
        } else if (in instanceof ModelInput.NlmUnlock u) {
            NlmRules.unlock(s, u);
        } else if (in instanceof ModelInput.NlmCancel c) {
            NlmRules.cancel(s, c);
        } else if (in instanceof ModelInput.NlmFreeAll f) {
            NlmRules.freeAll(s, f);
        } else if (in instanceof ModelInput.NfsLookup l) {
            NfsRules.lookup(s, l.req(), l.path(), false);
        } else if (in instanceof ModelInput.NfsGetattr g) {
            NfsRules.lookup(s, g.req(), g.path(), true);
        } else if (in instanceof ModelInput.StaleHandle h) {
            s.quietRule = h.nlm() ? "R-NLM-12" : "R-NFS-3";
            s.reply(s.quietRule, h.req(), h.nlm() ? Status.NLM4_STALE_FH : Status.NFS3ERR_STALE);
        } else if (in instanceof ModelInput.ShareAdd a) {
            ShareRules.add(s, a);
        } else if (in instanceof ModelInput.ShareRemove r) {
            ShareRules.remove(s, r);
        } else if (in instanceof ModelInput.ShareDisable d) {
            ShareRules.enable(s, d.name(), d.req(), false);
        } else if (in instanceof ModelInput.ShareEnable e) {
            ShareRules.enable(s, e.name(), e.req(), true);
        } else if (in instanceof ModelInput.ShareEnum e) {
            ShareRules.enumerate(s, e);
        } else if (in instanceof ModelInput.Request r) {
            if (s.held.containsKey(r.req())) {
                throw Step.unmodelled("request id " + r.req() + " is already outstanding");
            }
            run(s, r, null);
        } else {
            throw Step.unmodelled("input " + in);
        }
    }

    /** Runs a request that can be held, first time ({@code prior} null) or on release. */
    private static void run(Step s, ModelInput.Request in, HeldOp prior) {
        s.proceedRule = null;
        if (in instanceof ModelInput.SmbCreate c) {
            SmbCreateRules.create(s, c, prior);
        } else if (in instanceof ModelInput.SmbRead r) {
            SmbRules.read(s, r, prior);
        } else if (in instanceof ModelInput.SmbWrite w) {
            SmbRules.write(s, w, prior);
        } else if (in instanceof ModelInput.SmbSetEndOfFile e) {
            SmbRules.setEndOfFile(s, e, prior);
        } else if (in instanceof ModelInput.SmbLock l) {
            SmbRules.lock(s, l, prior);
        } else if (in instanceof ModelInput.NfsRead r) {
            NfsRules.read(s, r, prior);
        } else if (in instanceof ModelInput.NfsWrite w) {
            NfsRules.write(s, w, prior);
        } else if (in instanceof ModelInput.NfsSetSize a) {
            NfsRules.setSize(s, a, prior);
        } else if (in instanceof ModelInput.NfsCreate c) {
            NfsRules.create(s, c, prior);
        } else if (in instanceof ModelInput.NfsMkdir m) {
            NfsRules.mkdir(s, m, prior);
        } else if (in instanceof ModelInput.NfsRemove r) {
            NfsRules.remove(s, r, prior);
        } else if (in instanceof ModelInput.NfsRmdir r) {
            NfsRules.rmdir(s, r, prior);
        } else if (in instanceof ModelInput.NfsRename r) {
            NfsRules.rename(s, r, prior);
        } else if (in instanceof ModelInput.NfsLink l) {
            NfsRules.link(s, l, prior);
        } else if (in instanceof ModelInput.NlmLock l) {
            NlmRules.lock(s, l, prior);
        } else {
            throw Step.unmodelled("request " + in);
        }
    }

    /** Runs a held request again now that what it waited for has happened. */
    static void rerun(Step s, HeldOp h) {
        run(s, h.input(), h);
    }

    /** A short description of an input for messages: its type and request id. */
    static String describe(ModelInput in) {
        String type = in.getClass().getSimpleName();
        return in instanceof ModelInput.Request r ? type + " req " + r.req() : type;
    }
}
