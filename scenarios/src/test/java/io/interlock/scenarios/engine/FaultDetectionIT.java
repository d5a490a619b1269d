package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.server.faults.Fault;
import io.interlock.server.runtime.BreakPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The suite's detection rate: every catalog scenario that declares {@code detects: [FAULT, ...]} is
 * run on the embedded server once as is (it must PASS, or EXPECTED_FAIL where predicted) and once
 * per declared fault point with that fault switched on (it must FAIL: the bug is caught). Prints
 * the scenario × fault table and, per fault, how many scenarios catch it; every fault point must be
 * caught by at least one scenario. A scenario the target cannot run (SKIPPED, e.g. no SMB2 LOCK)
 * makes no claim and is listed as such.
 *
 * <p>Break timeout 2 s (scenarios may ask for less) so faults that leave a break unacknowledged
 * cost seconds, not the MS-SMB2 35 s. Everything on ephemeral ports; port 111 plays no part.
 */
class FaultDetectionIT {
    private static final Duration BREAK_TIMEOUT = Duration.ofSeconds(2);

    @Test
    void declaredFaults_enabledOneAtATime_eachTurnsTheVerdictToFail() throws Exception {
        try (EmbeddedTarget target =
                EmbeddedTarget.start(EmbeddedTarget.ephemeralConfig().withBreaks(BREAK_TIMEOUT, BreakPolicy.WAIT))) {
            assumeTrue(target.smb().isPresent(), "embedded server has no SMB service yet: " + target.describe());
            assumeTrue(target.nfs().isPresent(), "embedded server has no NFS service yet: " + target.describe());

            Map<String, Map<Fault, String>> table = new LinkedHashMap<>();
            Map<Fault, Integer> caughtBy = new EnumMap<>(Fault.class);
            List<String> problems = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Scenario s : ScenarioCatalog.load()) {
                if (s.detects().isEmpty()) {
                    continue;
                }
                Map<Fault, String> row = new EnumMap<>(Fault.class);
                table.put(s.id(), row);
                ScenarioResult base = ScenarioRunner.runOne(s, target, 1);
                if (base.verdict() == Verdict.SKIPPED) {
                    // the target cannot run it at all (e.g. no SMB2 LOCK yet): no detection claim
                    s.detectedFaults().forEach(f -> row.put(f, "n/a(SKIPPED)"));
                    skipped.add(s.id() + ": " + base.reason());
                    System.out.printf("%-32s %-24s %-13s %s%n", s.id(), "(no fault)", base.verdict(), base.reason());
                    continue;
                }
                boolean baseOk = base.verdict() == Verdict.PASS || base.verdict() == Verdict.EXPECTED_FAIL;
                if (!baseOk) {
                    problems.add(s.id() + " without faults: " + base.verdict() + " " + base.reason());
                }
                System.out.printf("%-32s %-24s %-13s %s%n", s.id(), "(no fault)", base.verdict(), base.reason());
                for (Fault f : s.detectedFaults()) {
                    ScenarioResult r =
                            ScenarioRunner.runOne(s.withServer(s.server().withFault(f)), target, 1, true);
                    boolean caught = r.verdict() == Verdict.FAIL;
                    row.put(f, caught ? "caught" : "MISSED(" + r.verdict() + ")");
                    if (caught) {
                        caughtBy.merge(f, 1, Integer::sum);
                    } else {
                        problems.add(s.id() + " with " + f + ": " + r.verdict() + " " + r.reason());
                    }
                    System.out.printf("%-32s %-24s %-13s %s%n", s.id(), f, r.verdict(), r.reason());
                }
            }
            System.out.println(render(table, caughtBy, (System.nanoTime() - t0) / 1_000_000));
            skipped.forEach(x -> System.out.println("skipped: " + x));
            assertThat(caughtBy.keySet())
                    .as("fault points caught by at least one scenario")
                    .containsExactlyInAnyOrder(Fault.values());
            assertThat(problems)
                    .as("scenarios that missed a declared fault or failed without one")
                    .isEmpty();
        }
    }

    private static String render(Map<String, Map<Fault, String>> table, Map<Fault, Integer> caughtBy, long ms) {
        StringBuilder b = new StringBuilder("\nDetection table (scenario x fault; '-' = not declared)\n");
        b.append(String.format("%-32s", "scenario"));
        for (Fault f : Fault.values()) {
            b.append(String.format(" %-24s", f));
        }
        b.append('\n');
        for (Map.Entry<String, Map<Fault, String>> row : table.entrySet()) {
            b.append(String.format("%-32s", row.getKey()));
            for (Fault f : Fault.values()) {
                b.append(String.format(" %-24s", row.getValue().getOrDefault(f, "-")));
            }
            b.append('\n');
        }
        int detected = 0;
        for (Fault f : Fault.values()) {
            int n = caughtBy.getOrDefault(f, 0);
            if (n > 0) {
                detected++;
            }
            b.append(String.format("%-32s caught by %d scenario(s)%n", f, n));
        }
        b.append(String.format(
                "detection rate: %d of %d fault points caught by at least one scenario (%d ms)%n",
                detected, Fault.values().length, ms));
        return b.toString();
    }
}
