package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.Run;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two whole catalog runs at the same time in one JVM, each against an embedded server of its own:
 * both pass every scenario. Before the engine had its own NFS client, nfs-client-java asked the
 * portmapper on port 111 (which at most one of the servers could own) and shared one connection
 * per (server, port) across the JVM, and most NFS scenarios of the second run ended in ERROR.
 */
class ConcurrentCatalogRunsIT {

    private static Run runCatalog(long seed) throws Exception {
        try (EmbeddedTarget target = EmbeddedTarget.start()) {
            NfsEndpoint n = target.nfs().orElseThrow();
            assertThat(n.portmapPort()).as("own portmapper, not 111").isNotEqualTo(NfsEndpoint.PORTMAP_PORT);
            assertThat(n.hasExplicitPorts()).isTrue();
            return ScenarioRunner.run(ScenarioCatalog.load(), target, seed);
        }
    }

    @Test
    void twoCatalogRuns_concurrentOwnServers_bothPassEveryScenario() throws Exception {
        int size = ScenarioCatalog.load().size();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Run> a = pool.submit(() -> runCatalog(1));
            Future<Run> b = pool.submit(() -> runCatalog(2));
            for (Run run : List.of(a.get(10, TimeUnit.MINUTES), b.get(10, TimeUnit.MINUTES))) {
                for (ScenarioResult r : run.scenarios()) {
                    System.out.printf(
                            "seed %d %-14s %-34s %5d ms  %s%n",
                            run.seed(), r.verdict(), r.id(), r.durationMillis(), r.reason());
                }
                assertThat(run.scenarios()).hasSize(size);
                assertThat(run.scenarios()).allSatisfy(r -> assertThat(r.verdict())
                        .as("seed " + run.seed() + " " + r.id() + ": " + r.reason())
                        .isEqualTo(r.id().equals("xp-lost-write-notify") ? Verdict.EXPECTED_FAIL : Verdict.PASS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
