package io.interlock.cli;

import io.interlock.reports.Reports;
import io.interlock.reports.Run;
import io.interlock.reports.RunJson;
import io.interlock.reports.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code interlock report RUN.json... --out DIR}: renders run.json files again, merging several
 * (e.g. the shards of one CI pipeline) into one report whose results keep their targets. Writes
 * run.json (the merged run), report.html, junit.xml and summary.md. Exits 0 once the report is
 * written, whatever the verdicts; {@code --check} makes a failing run exit 1, as {@code run} does.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Render run.json files (merging several into one) as HTML, JUnit XML and Markdown.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RUN.json", description = "run.json files (or directories holding one).")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Report directory (default ${DEFAULT-VALUE}).")
    Path out = Path.of("interlock-report");

    @Option(
            names = "--check",
            description = "Exit 1 if any scenario failed or errored (or passed against its baseline).")
    boolean check;

    @Option(
            names = "--baseline",
            paramLabel = "FILE",
            description = "Judge the results by a baseline (known failures): KNOWN_FAIL and XPASS verdicts.")
    Path baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Run> runs = new ArrayList<>();
        for (Path p : inputs) {
            runs.add(read(p));
        }
        Run merged = Run.merge(runs);
        io.interlock.reports.Baseline known = RunCommand.readBaseline(baseline);
        if (known != null) {
            merged = known.apply(merged);
        }
        Path html = write(merged, out);
        PrintWriter o = spec.commandLine().getOut();
        long passed = merged.count(Verdict.PASS) + merged.count(Verdict.EXPECTED_FAIL);
        long failed = merged.count(Verdict.FAIL) + merged.count(Verdict.ERROR);
        o.printf(
                "interlock: %d scenarios from %d run%s on %d target%s: %d passed, %d failed, %d skipped%n",
                merged.scenarios().size(),
                runs.size(),
                runs.size() == 1 ? "" : "s",
                merged.targets().size(),
                merged.targets().size() == 1 ? "" : "s",
                passed,
                failed,
                merged.count(Verdict.SKIPPED));
        o.println("report: " + html);
        o.flush();
        return check && !merged.passed() ? 1 : 0;
    }

    /**
     * Writes the run's reports into {@code out} (run.json, report.html, junit.xml, summary.md) and
     * returns the path of report.html, for the "report:" line every command prints.
     */
    static Path write(Run run, Path out) {
        try {
            Reports.writeAll(run, out);
        } catch (IOException e) {
            throw new UserError("cannot write the report to " + out + ": " + e.getMessage(), 1);
        }
        return out.resolve(Reports.HTML).toAbsolutePath().normalize();
    }

    private static Run read(Path p) {
        Path file = Files.isDirectory(p) ? p.resolve(Reports.RUN_JSON) : p;
        try {
            return RunJson.read(file);
        } catch (NoSuchFileException e) {
            throw new UserError("run file not found: " + file, 2);
        } catch (IOException e) {
            String why = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new UserError("cannot read " + file + " as run.json: " + why, 2);
        }
    }
}
