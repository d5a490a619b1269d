package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.Reports;
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

/** {@code interlock report}: re-renders and merges run.json files without starting a server. */
class ReportCommandTest {
    @TempDir
    Path dir;

    private static ScenarioResult result(String id, Verdict v, String req, String reason) {
        return new ScenarioResult(
                id,
                "title " + id,
                List.of(req),
                v,
                reason,
                "interlock replay " + id + " --seed 4",
                4,
                12,
                List.of(new HistoryEvent(0, "A", EventKind.INVOKE, "smb.open", "f RWH", "a-open", 1, Instant.EPOCH)));
    }

    private Path write(String name, Run run) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        RunJson.write(run, p);
        return p;
    }

    @Test
    void report_twoShards_mergedIntoOneReportKeepingTargets() throws Exception {
        Path a = write(
                "shard-1/run.json",
                new Run(
                        Instant.parse("2026-11-21T10:00:00Z"),
                        "embedded smb=127.0.0.1:1",
                        4,
                        List.of(result("xp-write-breaks-lease", Verdict.PASS, "R-XP-1", "all held"))));
        Path b = write(
                "shard-2/run.json",
                new Run(
                        Instant.parse("2026-11-21T10:01:00Z"),
                        "embedded smb=127.0.0.1:2",
                        4,
                        List.of(result("xp-read-breaks-write-caching", Verdict.FAIL, "R-XP-3", "no break"))));
        Path out = dir.resolve("merged");

        Cli.Result r = Cli.run("report", a.toString(), b.getParent().toString(), "--out", out.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("interlock: 2 scenarios from 2 runs on 2 targets: 1 passed, 1 failed, 0 skipped")
                .contains("report: " + out.resolve(Reports.HTML).toAbsolutePath());
        Run merged = RunJson.read(out.resolve(Reports.RUN_JSON));
        assertThat(merged.scenarios())
                .extracting(merged::targetOf)
                .containsExactly("embedded smb=127.0.0.1:1", "embedded smb=127.0.0.1:2");
        assertThat(merged.startedAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        String html = Files.readString(out.resolve(Reports.HTML));
        assertThat(html)
                .contains("<th>Targets</th>")
                .contains("<tr class=\"req req-FAIL\" data-status=\"FAIL\" data-group=\"XP\"><td>R-XP-3</td>");
        assertThat(Files.readString(out.resolve(Reports.JUNIT_XML)))
                .contains("<testsuite name=\"interlock embedded smb=127.0.0.1:1\"")
                .contains("<testsuite name=\"interlock embedded smb=127.0.0.1:2\"");
        assertThat(Files.readString(out.resolve(Reports.MARKDOWN)))
                .startsWith("# Interlock: FAILED")
                .contains("```sh\ninterlock replay xp-read-breaks-write-caching --seed 4\n```");
    }

    @Test
    void report_check_failingRunExits1() throws Exception {
        Path a = write(
                "run.json",
                new Run(Instant.EPOCH, "t", 1, List.of(result("x", Verdict.ERROR, "R-XP-1", "harness error"))));
        Cli.Result r = Cli.run("report", a.toString(), "--out", dir.resolve("o").toString(), "--check");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("0 passed, 1 failed");
    }

    @Test
    void report_singleRunInPlace_rerendersSameResults() throws Exception {
        Run run = new Run(Instant.EPOCH, "t", 1, List.of(result("x", Verdict.PASS, "R-XP-1", "ok")));
        Path a = write("out/run.json", run);
        Cli.Result r = Cli.run("report", a.toString(), "--out", a.getParent().toString());
        assertThat(r.exit()).isZero();
        assertThat(RunJson.read(a)).isEqualTo(run);
        assertThat(a.getParent().resolve(Reports.HTML)).isRegularFile();
    }

    @Test
    void report_missingFile_oneLineAndExit2() {
        Path missing = dir.resolve("nope.json");
        Cli.Result r =
                Cli.run("report", missing.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("interlock: run file not found: " + missing);
    }

    @Test
    void report_notRunJson_oneLineAndExit2() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ not json");
        Cli.Result r =
                Cli.run("report", bad.toString(), "--out", dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("interlock: cannot read " + bad + " as run.json: ");
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(dir.resolve("o")).doesNotExist();
    }

    @Test
    void report_noInput_usageError() {
        Cli.Result r = Cli.run("report", "--out", dir.resolve("o").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter").contains("interlock report --help");
    }
}
