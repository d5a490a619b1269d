package io.interlock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code interlock bench}: workloads against a server. Each workload is a subcommand ({@code load}
 * today; {@code data}, {@code rpc}, {@code break} can join it the same way).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks and load tests against a server (embedded by default).",
        subcommands = {BenchRpcCommand.class, BenchLoadCommand.class, CommandLine.HelpCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a workload is required (load)");
    }
}
