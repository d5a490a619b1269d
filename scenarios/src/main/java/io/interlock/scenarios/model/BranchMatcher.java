package io.interlock.scenarios.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares a window's outputs with one branch of a prediction: each output must match an expected
 * output of the same identity (reply, interim, lease, oplock, GRANTED) and agree with it; every
 * required expectation must be met; a reply to a request that must stay held breaks the rule that
 * holds it ("break before effect"); any other unexpected output breaks the branch's quiet rule.
 */
final class BranchMatcher {
    private BranchMatcher() {}

    static List<Violation> match(Branch b, Window w) {
        List<Violation> out = new ArrayList<>();
        List<Expect> pool = b.outputs();
        boolean[] used = new boolean[pool.size()];
        String where = where(b, w);
        for (ModelOutput o : w.outputs()) {
            String id = Expect.identityOf(o);
            int hit = -1;
            for (int i = 0; i < pool.size(); i++) {
                if (!used[i] && pool.get(i).identity().equals(id)) {
                    hit = i;
                    break;
                }
            }
            if (hit >= 0) {
                used[hit] = true;
                Expect e = pool.get(hit);
                String diff = e.mismatch(o);
                if (!diff.isEmpty()) {
                    String rule = e.mismatchRule(o);
                    out.add(violation(rule, where + ": " + id + ": " + diff + " (" + rule + ")", w, reqOf(o)));
                }
                continue;
            }
            out.add(unexpected(b, w, o, where));
        }
        for (int i = 0; i < pool.size(); i++) {
            Expect e = pool.get(i);
            if (!used[i] && !e.optional()) {
                out.add(violation(
                        e.rule(),
                        where + ": expected " + e + " (" + e.rule() + "), not seen; the window had " + w.outputs(),
                        w,
                        e instanceof Expect.Reply r ? r.req() : e instanceof Expect.Interim in ? in.req() : -1));
            }
        }
        return out;
    }

    private static Violation unexpected(Branch b, Window w, ModelOutput o, String where) {
        if (o instanceof ModelOutput.Reply r) {
            String heldBy = b.held().get(r.req());
            if (heldBy != null && w.input() instanceof ModelInput.TimePasses && heldBy.startsWith("R-SMB")) {
                heldBy = "R-SMB-67"; // the ack timer is at least the break timeout: nothing early
            }
            if (heldBy != null) {
                return violation(
                        heldBy,
                        where + ": " + r + " came while request " + r.req()
                                + " must still be held: the breaks it needs are not acknowledged or timed out ("
                                + heldBy + ", break before effect)",
                        w,
                        r.req());
            }
            return violation(
                    "status-agreement",
                    where + ": " + r + " answers request " + r.req() + ", which is not outstanding",
                    w,
                    r.req());
        }
        if (o instanceof ModelOutput.Interim i) {
            return violation(
                    "R-SMB-65",
                    where + ": interim response for request " + i.req() + ", which does not go async here (R-SMB-65)",
                    w,
                    i.req());
        }
        String id = Expect.identityOf(o);
        String rule = o instanceof ModelOutput.NlmGranted ? "R-XP-10" : b.quietRuleFor(id);
        if (misdirected(b, o)) {
            rule = "R-SMB-50";
        }
        return violation(rule, where + ": unexpected " + o + " (" + rule + ")", w, -1);
    }

    /** A break the branch expects for the same lease key or handle, but to another client (R-SMB-50). */
    private static boolean misdirected(Branch b, ModelOutput o) {
        for (Expect e : b.outputs()) {
            if (o instanceof ModelOutput.LeaseBreak lb
                    && e instanceof Expect.LeaseBreak x
                    && x.key().equals(lb.key())
                    && !x.client().equals(lb.client())) {
                return true;
            }
            if (o instanceof ModelOutput.OplockBreak ob
                    && e instanceof Expect.OplockBreak x
                    && x.handle().equals(ob.handle())
                    && !x.client().equals(ob.client())) {
                return true;
            }
        }
        return false;
    }

    private static String where(Branch b, Window w) {
        String s = "window " + w.decision() + " (" + ReferenceModel.describe(w.input()) + ")";
        return b.choices().isEmpty() ? s : s + " [" + String.join("; ", b.choices()) + "]";
    }

    private static long reqOf(ModelOutput o) {
        if (o instanceof ModelOutput.Reply r) {
            return r.req();
        }
        return o instanceof ModelOutput.Interim i ? i.req() : -1;
    }

    private static Violation violation(String rule, String message, Window w, long req) {
        List<Long> reqs = new ArrayList<>();
        if (w.input() instanceof ModelInput.Request r) {
            reqs.add(r.req());
        }
        if (req >= 0 && !reqs.contains(req)) {
            reqs.add(req);
        }
        return new Violation(rule, rule + ": " + message, w.decision(), reqs);
    }
}
