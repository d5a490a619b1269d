package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.RunJson;
import io.interlock.reports.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code interlock explore} and {@code interlock replay --choices} end to end on the embedded
 * server: a fault point is found, shrunk and reported with every artifact; its repro line fails the
 * same way on every replay and passes without the fault; its regression scenario fails under
 * {@code run --scenario-file} with the fault and passes without it.
 */
class ExploreCommandIT {
    @TempDir
    Path tmp;

    @Test
    void explore_skipNfsBreak_foundShrunkReportedAndReplayable() throws Exception {
        Path out = tmp.resolve("explore");
        Cli.Result r = Cli.run(
                "explore",
                "--fault",
                "SKIP_NFS_BREAK",
                "--seed",
                "11",
                "--runs",
                "100",
                "--ops",
                "5..20",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^FAIL explore-\\d+: R-(XP|SMB)-\\d+");
        assertThat(r.out()).containsPattern("(?m)^explore: \\d+ programs, 1 failed");
        for (String f : new String[] {"run.json", "report.html", "junit.xml", "summary.md"}) {
            assertThat(out.resolve(f)).isNotEmptyFile();
        }
        var run = RunJson.read(out.resolve("run.json"));
        assertThat(run.scenarios()).singleElement().satisfies(s -> {
            assertThat(s.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(s.reason()).contains("shrunk from");
            assertThat(s.history()).anyMatch(e -> e.op().equals("original"));
        });
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("explore-");

        List<Path> files;
        try (Stream<Path> l = Files.list(out.resolve("explore"))) {
            files = l.sorted().toList();
        }
        assertThat(files).anyMatch(p -> p.toString().endsWith("-original.pcap"));
        assertThat(files).anyMatch(p -> p.toString().endsWith("-shrunk.pcap"));
        Path yaml = files.stream()
                .filter(p -> p.toString().endsWith(".yaml"))
                .findFirst()
                .orElseThrow();
        for (Path p : files) {
            if (p.toString().endsWith(".pcap")) {
                assertThat(Files.size(p)).as(p.toString()).isGreaterThan(24); // more than the header
            }
        }

        // the repro line: every replay fails the same way
        String repro = r.out()
                .lines()
                .filter(l -> l.contains("reproduce: "))
                .findFirst()
                .orElseThrow()
                .replaceFirst(".*reproduce: interlock ", "");
        assertThat(repro).startsWith("replay --choices ").contains("--fault SKIP_NFS_BREAK");
        List<String> args = new ArrayList<>(Arrays.asList(repro.split(" ")));
        args.addAll(List.of("--times", "5", "--out", tmp.resolve("replay").toString()));
        Cli.Result again = Cli.run(args.toArray(String[]::new));
        assertThat(again.exit()).as(again.out() + again.err()).isEqualTo(1);
        assertThat(again.out()).contains("every replay agrees").containsPattern("FAIL R-(XP|SMB)-\\d+=5");

        // the same choices without the fault: the server is correct, the program passes
        List<String> clean = new ArrayList<>(
                Arrays.asList(repro.replace(" --fault SKIP_NFS_BREAK", "").split(" ")));
        clean.addAll(List.of("--out", tmp.resolve("clean").toString()));
        Cli.Result control = Cli.run(clean.toArray(String[]::new));
        assertThat(control.exit()).as(control.out() + control.err()).isZero();
        assertThat(control.out()).startsWith("PASS ");

        // the regression scenario carries the interleaving: it fails with the fault, passes without
        Cli.Result regression = Cli.run(
                "run",
                "--scenario-file",
                yaml.toString(),
                "--fault",
                "SKIP_NFS_BREAK",
                "--out",
                tmp.resolve("reg").toString());
        assertThat(regression.exit()).as(regression.out() + regression.err()).isEqualTo(1);
        assertThat(regression.out()).contains("0 passed, 1 failed");
        Cli.Result regressionClean = Cli.run(
                "run",
                "--scenario-file",
                yaml.toString(),
                "--out",
                tmp.resolve("reg-clean").toString());
        assertThat(regressionClean.exit()).as(regressionClean.out()).isZero();
    }

    @Test
    void explore_badArguments_exit2WithOneLine() {
        Cli.Result fault =
                Cli.run("explore", "--smb", "smb://u:p@127.0.0.1:9/share", "--fault", "SKIP_NFS_BREAK", "--runs", "1");
        assertThat(fault.exit()).isEqualTo(2);
        assertThat(fault.err()).contains("--fault needs a server with fault points");
        Cli.Result policy =
                Cli.run("explore", "--smb", "smb://u:p@127.0.0.1:9/share", "--policy", "jukebox", "--runs", "1");
        assertThat(policy.exit()).isEqualTo(2);
        assertThat(policy.err()).contains("use --policy target");
        assertThat(Cli.run("explore", "--shard", "3/2").err()).contains("--shard: expected I/N");
        assertThat(Cli.run("explore", "--clients", "1..5").err()).contains("clients must be within 2..4");
        assertThat(Cli.run("explore", "--policy", "later").err()).contains("unknown break policy 'later'");
        assertThat(Cli.run("explore", "--time", "soon").err()).contains("--time: invalid duration");
        assertThat(Cli.run("replay").err()).contains("replay needs a SCENARIO");
        assertThat(Cli.run("replay", "--choices", "!!").err()).contains("--choices:");
        assertThat(Cli.run("replay", "--choices", "AA", "--break-timeout", "2s").err())
                .contains("only --fault applies");
    }
}
