package io.interlock.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.cli.InterlockCli;
import io.interlock.reports.BaselineFile;
import io.interlock.reports.Run;
import io.interlock.reports.RunJson;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.targets.local.LocalPeersTarget;
import io.interlock.scenarios.targets.local.PeerVariant;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CI's check of the real peers: {@code interlock run --target V --baseline baselines/V.yaml} for
 * both Samba + ganesha variants, where root and the packages are present (as on CI; elsewhere it
 * skips with the reason). The run must pass: every failure is one the committed baseline lists
 * (KNOWN_FAIL), no listed failure has started to pass (XPASS), nothing errors, and every SKIPPED
 * names a capability the target lacks, not a harness problem.
 */
class LocalTargetsBaselineIT {
    /** The reasons a scenario may be skipped on these targets: each a missing capability. */
    private static final Pattern CAPABILITY = Pattern.compile("^(target offers no (SMB2 leasing|directory leases)"
            + "|the scenario needs server settings .* cannot apply"
            + "|share\\.add needs an admin endpoint).*");

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"samba+ganesha", "samba+ganesha:kernel-oplocks"})
    void run_localTarget_passesAgainstItsCommittedBaseline(String target) throws Exception {
        PeerVariant v = PeerVariant.byId(target).orElseThrow();
        var why = LocalPeersTarget.unavailable(v);
        assumeTrue(why.isEmpty(), () -> why.orElse(""));
        Path baseline = Path.of("..", "baselines", BaselineFile.fileName(target));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int exit = InterlockCli.commandLine(new PrintWriter(o, true), new PrintWriter(e, true))
                .execute(
                        "run",
                        "--target",
                        target,
                        "--suite",
                        "none",
                        "--baseline",
                        baseline.toString(),
                        "--out",
                        out.toString());
        Run run = RunJson.read(out.resolve("run.json"));
        StringBuilder verdicts = new StringBuilder();
        for (ScenarioResult r : run.scenarios()) {
            verdicts.append('\n')
                    .append(r.verdict())
                    .append(' ')
                    .append(r.id())
                    .append(' ')
                    .append(r.failedChecks())
                    .append(": ")
                    .append(r.reason());
        }
        assertThat(exit).as(o + e.toString() + verdicts).isZero();
        assertThat(run.count(Verdict.KNOWN_FAIL) + run.count(Verdict.PASS))
                .as(verdicts.toString())
                .isPositive();
        for (ScenarioResult r : run.scenarios()) {
            assertThat(r.verdict())
                    .as(r.id() + ": " + r.reason())
                    .isIn(List.of(Verdict.PASS, Verdict.EXPECTED_FAIL, Verdict.KNOWN_FAIL, Verdict.SKIPPED));
            if (r.verdict() == Verdict.SKIPPED) {
                assertThat(r.reason()).as(r.id()).matches(CAPABILITY);
            }
        }
    }
}
