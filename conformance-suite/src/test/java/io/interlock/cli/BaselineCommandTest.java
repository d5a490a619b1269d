package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.Baseline;
import io.interlock.reports.BaselineFile;
import io.interlock.reports.Run;
import io.interlock.reports.RunJson;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code interlock baseline write}: a draft from a run, readable as a baseline that covers the run. */
class BaselineCommandTest {
    @TempDir
    Path dir;

    private static ScenarioResult result(String id, Verdict v, String... checks) {
        return new ScenarioResult(
                        id,
                        "title " + id,
                        List.of("R-XP-1"),
                        v,
                        "reason of " + id,
                        "interlock replay " + id + " --seed 1",
                        1,
                        5,
                        List.of())
                .withFailedChecks(List.of(checks));
    }

    @Test
    void write_failingRun_draftsOneEntryPerFailureThatCoversTheRun() throws Exception {
        Run run = new Run(
                Instant.EPOCH,
                "samba+ganesha (local)",
                1,
                List.of(
                        result("xp-write-breaks-lease", Verdict.FAIL, "break"),
                        result("smb-open-breaks-write-lease", Verdict.PASS),
                        result("xp-nlm-smb-byte-range", Verdict.ERROR, "error")));
        Path runJson = dir.resolve("run.json");
        RunJson.write(run, runJson);
        Path out = dir.resolve("draft.yaml");
        Cli.Result r =
                Cli.run("baseline", "write", dir.toString(), "--target", "samba+ganesha", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("2 known failures drafted to " + out);
        String yaml = Files.readString(out);
        assertThat(yaml).startsWith("# Known failures of samba+ganesha").contains(Baseline.TO_CHECK.strip());
        Baseline b = BaselineFile.parse(yaml, out.toString());
        assertThat(b.target()).isEqualTo("samba+ganesha");
        assertThat(b.known())
                .extracting(Baseline.Entry::scenario)
                .containsExactly("xp-write-breaks-lease", "xp-nlm-smb-byte-range");
        assertThat(b.apply(run).passed()).isTrue();
    }

    @Test
    void write_missingRun_oneLine() {
        Cli.Result r = Cli.run("baseline", "write", dir.resolve("nope.json").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("run file not found");
    }

    @Test
    void baseline_withoutSubcommand_saysWhich() {
        Cli.Result r = Cli.run("baseline");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("write");
    }

    @Test
    void report_withBaseline_listedFailureIsKnownAndTheCheckPasses() throws Exception {
        Run run = new Run(
                Instant.EPOCH, "samba+ganesha", 1, List.of(result("xp-write-breaks-lease", Verdict.FAIL, "break")));
        RunJson.write(run, dir.resolve("run.json"));
        Path baseline = dir.resolve("b.yaml");
        Files.writeString(
                baseline,
                "target: samba+ganesha\nknown:\n  - scenario: xp-write-breaks-lease\n    requirement: R-XP-1\n"
                        + "    reason: ganesha breaks no SMB lease\n    link: https://example.org\n");
        Cli.Result without = Cli.run(
                "report",
                dir.resolve("run.json").toString(),
                "--out",
                dir.resolve("a").toString(),
                "--check");
        assertThat(without.exit()).isEqualTo(1);
        Cli.Result with = Cli.run(
                "report",
                dir.resolve("run.json").toString(),
                "--out",
                dir.resolve("b").toString(),
                "--check",
                "--baseline",
                baseline.toString());
        assertThat(with.exit()).as(with.out() + with.err()).isZero();
        assertThat(RunJson.read(dir.resolve("b/run.json")).scenarios().get(0).verdict())
                .isEqualTo(Verdict.KNOWN_FAIL);
    }
}
