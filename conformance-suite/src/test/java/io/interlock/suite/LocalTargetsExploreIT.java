package io.interlock.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.cli.InterlockCli;
import io.interlock.reports.Run;
import io.interlock.reports.RunJson;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.local.LocalPeersTarget;
import io.interlock.scenarios.targets.local.PeerVariant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A short {@code interlock explore} against the real peers (where root and the packages are
 * present; elsewhere it skips with the reason): the programs run to a verdict on real time, and
 * every failure is a reference model rule the server broke (or a hang), reported with its repro
 * line against the same target, never a harness error. Which rules Samba and nfs-ganesha break is
 * the README's business (Targets, Local Samba + nfs-ganesha); this test does not pin it.
 */
class LocalTargetsExploreIT {
    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"samba+ganesha", "samba+ganesha:kernel-oplocks"})
    void explore_localTarget_everyFailureIsARuleWithARepro(String target) throws Exception {
        PeerVariant v = PeerVariant.byId(target).orElseThrow();
        var why = LocalPeersTarget.unavailable(v);
        assumeTrue(why.isEmpty(), () -> why.orElse(""));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit = InterlockCli.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
                .execute(
                        "explore",
                        "--target",
                        target,
                        "--runs",
                        "2",
                        "--seed",
                        "3",
                        "--ops",
                        "5..15",
                        "--keep-going",
                        "--shrink-runs",
                        "2",
                        "--out",
                        out.toString());
        assertThat(exit).as(o + e.toString()).isIn(0, 1);
        assertThat(o.toString()).contains("no lockstep").containsPattern("(?m)^explore: 2 programs, \\d failed");
        Run run = RunJson.read(out.resolve("run.json"));
        for (ScenarioResult r : run.scenarios()) {
            assertThat(r.verdict()).as(r.id() + ": " + r.reason()).isIn(Verdict.PASS, Verdict.FAIL);
            if (r.verdict() == Verdict.FAIL) {
                assertThat(r.reason()).as(r.id()).matches("(?s)^(R-[A-Z]+-\\d+|the program hangs).*");
                assertThat(r.repro())
                        .startsWith("interlock replay --choices ")
                        .contains("--max-wait 5000ms")
                        .endsWith("--target " + target);
            }
        }
    }
}
