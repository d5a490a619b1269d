package io.interlock.cli;

import io.interlock.reports.Baseline;
import io.interlock.reports.BaselineFile;
import io.interlock.reports.Reports;
import io.interlock.reports.Run;
import io.interlock.reports.RunJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code interlock baseline write RUN.json}: drafts a baseline (known failures) from a run. */
@Command(
        name = "baseline",
        mixinStandardHelpOptions = true,
        description = "Known failures of a target, as data.",
        subcommands = {BaselineCommand.Write.class})
final class BaselineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (write)");
    }

    /**
     * Writes one entry per FAIL or ERROR of the run (and keeps the KNOWN_FAIL ones), each with the
     * scenario, the failed property when there is one, the first requirement and the failure as the
     * run reported it, marked to be checked against the spec before it is committed.
     */
    @Command(
            name = "write",
            mixinStandardHelpOptions = true,
            description = "Draft a baseline from a run: one entry per failing scenario, to check against the spec.")
    static final class Write implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN.json", description = "A run.json (or the directory holding one).")
        Path input;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: print).")
        Path out;

        @Option(
                names = "--target",
                paramLabel = "NAME",
                description = "The target the baseline is for (default: the run's target).")
        String target;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path file = Files.isDirectory(input) ? input.resolve(Reports.RUN_JSON) : input;
            Run run;
            try {
                run = RunJson.read(file);
            } catch (NoSuchFileException e) {
                throw new UserError("run file not found: " + file, 2);
            } catch (IOException e) {
                throw new UserError("cannot read " + file + " as run.json: " + e.getMessage(), 2);
            }
            String name = target != null ? target : run.target();
            Baseline draft = Baseline.draft(run, name);
            String yaml = BaselineFile.render(
                    draft,
                    "Known failures of " + name + ", drafted by 'interlock baseline write' from " + file + ".\n"
                            + "Check each entry against the spec: replace the \"" + Baseline.TO_CHECK.strip()
                            + "\" reason\n"
                            + "with why the target is at fault (the requirement's text), add a link, drop what is"
                            + " not the target's fault.\n"
                            + "Use: interlock run --target ... --baseline THIS_FILE");
            PrintWriter o = spec.commandLine().getOut();
            if (out == null) {
                o.print(yaml);
            } else {
                try {
                    Files.writeString(out, yaml);
                } catch (IOException e) {
                    throw new UserError("cannot write " + out + ": " + e.getMessage(), 1);
                }
                o.println("interlock: " + draft.known().size() + " known failures drafted to " + out);
            }
            o.flush();
            return 0;
        }
    }
}
