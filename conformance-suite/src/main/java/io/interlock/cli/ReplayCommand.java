package io.interlock.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code interlock replay SCENARIO --seed N}: runs one scenario again exactly as a failure printed it. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay one scenario with a seed.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario id, as in the repro line.")
    String scenario;

    @Option(names = "--seed", paramLabel = "N", required = true, description = "The seed from the repro line.")
    long seed;

    @Mixin
    RunCommand.Options options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return options.execute(
                RunCommand.select(List.of(scenario)), seed, spec.commandLine().getOut());
    }
}
