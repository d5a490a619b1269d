package io.interlock.scenarios.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Share administration and NetShareEnumAll through a newly opened IPC$ pipe. Once an add, remove,
 * disable or enable call has returned, every pipe opened afterwards lists exactly the enabled shares
 * (R-CACHE-1, R-CACHE-2, R-CACHE-3 for a new pipe), as a set, without IPC$, disabled shares hidden
 * (R-CACHE-5, the catalog's decided policy).
 */
final class ShareRules {
    private ShareRules() {}

    static void add(Step s, ModelInput.ShareAdd a) {
        s.quietRule = "R-CACHE-1";
        if (s.shares.containsKey(a.name())) {
            throw Step.unmodelled("adding the existing share " + a.name());
        }
        remember(s);
        s.shares.put(a.name(), true);
        s.reply("R-CACHE-1", a.req(), Status.OK);
    }

    static void remove(Step s, ModelInput.ShareRemove r) {
        s.quietRule = "R-CACHE-2";
        if (!s.shares.containsKey(r.name())) {
            s.reply("R-CACHE-2", r.req(), Status.NOT_FOUND);
            return;
        }
        remember(s);
        s.shares.remove(r.name());
        s.reply("R-CACHE-2", r.req(), Status.OK);
    }

    static void enable(Step s, String name, long req, boolean on) {
        s.quietRule = "R-CACHE-5";
        if (!s.shares.containsKey(name)) {
            s.reply("R-CACHE-5", req, Status.NOT_FOUND);
            return;
        }
        remember(s);
        s.shares.put(name, on);
        s.reply("R-CACHE-5", req, Status.OK);
    }

    static void enumerate(Step s, ModelInput.ShareEnum e) {
        s.quietRule = "R-CACHE-1";
        Set<String> enabled = new TreeSet<>();
        Set<String> disabled = new TreeSet<>();
        for (Map.Entry<String, Boolean> sh : s.shares.entrySet()) {
            (sh.getValue() ? enabled : disabled).add(sh.getKey());
        }
        s.reply(
                "R-CACHE-1",
                e.req(),
                Set.of(Status.STATUS_SUCCESS),
                new PayloadMatch.Shares(enabled, disabled, s.previousShares));
    }

    /** Keeps the listing before a change, to name a stale listing after it (R-CACHE-3). */
    private static void remember(Step s) {
        Set<String> enabled = new TreeSet<>();
        s.shares.forEach((n, on) -> {
            if (on) {
                enabled.add(n);
            }
        });
        s.previousShares = Set.copyOf(enabled);
    }
}
