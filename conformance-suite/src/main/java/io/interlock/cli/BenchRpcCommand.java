package io.interlock.cli;

import io.interlock.scenarios.bench.RpcBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interlock bench rpc}: small-operation latency (NFS GETATTR, LOOKUP, 4 KiB READ and WRITE;
 * SMB CREATE+CLOSE, 4 KiB READ and WRITE), p50, p99 and p99.9, one call at a time.
 */
@Command(
        name = "rpc",
        mixinStandardHelpOptions = true,
        description = "Small-operation latency over NFS and SMB (p50, p99, p99.9), one call at a time.")
final class BenchRpcCommand implements Callable<Integer> {
    @Mixin
    BenchOptions bench;

    @Option(
            names = "--ops",
            paramLabel = "N",
            description = "Timed calls per operation per round (default ${DEFAULT-VALUE}).")
    int ops = 2000;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Untimed calls per operation first (default ${DEFAULT-VALUE}).")
    int warmup = 500;

    @Override
    public Integer call() {
        if (ops < 1 || warmup < 0) {
            throw new UserError("--ops must be at least 1 and --warmup at least 0", 2);
        }
        return bench.run(new RpcBench(ops, warmup), 3);
    }
}
