package io.interlock.scenarios.targets.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.engine.ScenarioRunner;
import org.junit.jupiter.api.Test;

/** Scratch: runs the catalog against one variant and prints the verdicts (-Dinterlock.variant=...). */
class LocalPeersExploreIT {
    @Test
    void explore() throws Exception {
        String id = System.getProperty("interlock.variant");
        assumeTrue(id != null, "set -Dinterlock.variant");
        PeerVariant v = PeerVariant.byId(id).orElseThrow();
        assumeTrue(LocalPeersTarget.unavailable(v).isEmpty(), () -> LocalPeersTarget.unavailable(v)
                .get());
        try (LocalPeersTarget t = LocalPeersTarget.start(v)) {
            System.out.println("TARGET " + t.describe());
            var scenarios = ScenarioCatalog.load();
            String file = System.getProperty("interlock.scenarioFile");
            if (file != null) {
                scenarios = java.util.List.of(
                        ScenarioCatalog.parse(java.nio.file.Files.readString(java.nio.file.Path.of(file)), file));
            }
            String only = System.getProperty("interlock.scenario");
            if (only != null) {
                scenarios = scenarios.stream().filter(s -> s.id().equals(only)).toList();
            }
            Run run = ScenarioRunner.run(scenarios, t, 1);
            for (ScenarioResult r : run.scenarios()) {
                System.out.println("RESULT " + r.verdict() + " " + r.id() + " " + r.failedChecks() + ": " + r.reason());
                if (only != null || file != null) {
                    r.history()
                            .forEach(e -> System.out.println("  " + e.client() + " " + e.kind() + " " + e.op() + " "
                                    + e.detail() + " [" + e.step() + "] " + e.nanos() / 1_000_000));
                }
            }
        }
    }
}
