package io.interlock.cli;

import io.interlock.scenarios.bench.BreakBench;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interlock bench break}: cross-protocol break latency. An SMB client holds an RWH lease, an
 * NFS client sends WRITE, READ, REMOVE or RENAME; the times from the NFS call to the LEASE_BREAK and
 * from the ack to the NFS reply, p50, p99 and p99.9. A server without SMB2 leasing (or every server,
 * with {@code --oplock}) is measured with a BATCH oplock and its OPLOCK_BREAK instead. The embedded
 * server runs on the real clock.
 */
@Command(
        name = "break",
        mixinStandardHelpOptions = true,
        description = "Cross-protocol break latency: NFS WRITE/READ/REMOVE/RENAME against an SMB RWH lease"
                + " (NFS call -> LEASE_BREAK, ack -> NFS reply; p50, p99, p99.9). A server without SMB2"
                + " leasing is measured with a BATCH oplock.")
final class BenchBreakCommand implements Callable<Integer> {
    @Mixin
    BenchOptions bench;

    @Option(
            names = "--ops",
            paramLabel = "N",
            description = "Timed breaks per operation per round (default ${DEFAULT-VALUE}).")
    int ops = 500;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Untimed breaks per operation first, the operations taking turns (default"
                    + " ${DEFAULT-VALUE}): until both JVMs' compilers are done with the paths; after 1000"
                    + " they were still busy and p99 showed it.")
    int warmup = 5000;

    @Option(
            names = "--break-wait",
            paramLabel = "DURATION",
            description = "How long to wait for a LEASE_BREAK before counting it missing (default ${DEFAULT-VALUE}).")
    String breakWait = "2s";

    @Option(
            names = "--oplock",
            description = "Measure with a BATCH oplock (OPLOCK_BREAK) on every server, not only on those"
                    + " that offer no SMB2 leasing.")
    boolean oplock;

    @Override
    public Integer call() {
        Duration wait;
        try {
            wait = ServerOptions.parseDuration(breakWait);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (ops < 1 || warmup < 0) {
            throw new UserError("--ops must be at least 1 and --warmup at least 0", 2);
        }
        return bench.run(new BreakBench(ops, warmup, wait, oplock), 3);
    }
}
