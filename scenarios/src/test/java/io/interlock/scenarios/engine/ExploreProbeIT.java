package io.interlock.scenarios.engine;

import io.interlock.reports.HistoryEvent;
import io.interlock.scenarios.gen.ProgramGenerator;
import io.interlock.scenarios.targets.EmbeddedTarget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TEMPORARY: a short campaign, printed. FAULT env picks a fault; RUNS the number of programs. */
class ExploreProbeIT {
    @Test
    void probe() throws Exception {
        String fault = System.getenv().getOrDefault("FAULT", "");
        int runs = Integer.parseInt(System.getenv().getOrDefault("RUNS", "20"));
        try (EmbeddedTarget target = EmbeddedTarget.startLockstep(EmbeddedTarget.ephemeralConfig())) {
            ProgramGenerator.Settings g = ProgramGenerator.Settings.defaults()
                    .withOps(
                            Integer.parseInt(System.getenv().getOrDefault("MINOPS", "5")),
                            Integer.parseInt(System.getenv().getOrDefault("MAXOPS", "20")))
                    .withFaults(fault.isEmpty() ? List.of() : List.of(fault));
            Explorer.Settings s = new Explorer.Settings(
                    Long.parseLong(System.getenv().getOrDefault("SEED", "42")),
                    runs,
                    null,
                    g,
                    0,
                    1,
                    true,
                    150,
                    java.time.Duration.ofSeconds(60),
                    null);
            Explorer e = new Explorer(target, s, System::nanoTime);
            Explorer.Outcome o = e.explore(new Explorer.Listener() {
                @Override
                public void failed(int run, String signature, io.interlock.reports.ScenarioResult result) {
                    System.out.println("FAILED run " + run + " " + signature + ": " + result.reason());
                }
            });
            System.out.printf(
                    "runs=%d failures=%d millis=%d programs/min=%.0f%n",
                    o.runs(), o.failures().size(), o.millis(), o.programsPerMinute());
            for (Explorer.Failure f : o.failures()) {
                System.out.println(
                        "=== run " + f.run() + " " + f.signature() + " shrunk in " + f.shrinkRuns() + " runs "
                                + f.shrinkMillis() + " ms: "
                                + f.shrunkProgram().clients().size() + " clients, "
                                + f.shrunkProgram().steps().size() + " ops");
                f.shrunkProgram().steps().forEach(st -> System.out.println("    " + st.toMap()));
                System.out.println("    reason: " + f.shrunkResult().reason());
                System.out.println("    repro: " + f.shrunkResult().repro());
                if (System.getenv("HISTORY") != null) {
                    for (HistoryEvent ev : f.shrunkResult().history()) {
                        System.out.println(
                                "      " + ev.client() + " " + ev.kind() + " " + ev.op() + " " + ev.detail());
                    }
                }
            }
        }
    }
}
