package io.interlock.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code interlock bench}: workloads against a server, one subcommand each: {@code data} (large
 * transfers), {@code rpc} (small-operation latency), {@code break} (cross-protocol break latency),
 * {@code load} (mixed load with verified reads).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks and load tests against a server (embedded by default).",
        subcommands = {
            BenchDataCommand.class,
            BenchRpcCommand.class,
            BenchBreakCommand.class,
            BenchLoadCommand.class,
            CommandLine.HelpCommand.class
        })
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a workload is required (data, rpc, break, load)");
    }
}
