package io.interlock.scenarios.engine;

import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.targets.EmbeddedTarget;
import org.junit.jupiter.api.Test;

/** TEMPORARY: one catalog scenario in lockstep, with its history printed. */
class LockstepOneIT {
    @Test
    void one() throws Exception {
        String id = System.getenv().getOrDefault("SCENARIO", "xp-write-breaks-lease");
        try (EmbeddedTarget target = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            ScenarioResult r = ScenarioRunner.runOne(ScenarioCatalog.find(id).orElseThrow(), target, 1);
            System.out.println(r.verdict() + " " + r.reason());
            for (HistoryEvent e : r.history()) {
                System.out.println("    " + e.nanos() / 1_000_000 + "ms " + e.client() + " " + e.kind() + " " + e.op()
                        + " " + e.detail() + " [" + e.step() + "]");
            }
        }
    }
}
