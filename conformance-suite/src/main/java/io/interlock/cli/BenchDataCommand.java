package io.interlock.cli;

import io.interlock.scenarios.bench.DataBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code interlock bench data}: put and get of one large file over SMB and NFS, with the bench's own
 * clients and with smbclient / nfs-cp where they are on the PATH.
 */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Put and get of a large file over SMB and NFS (smbj, the bench's NFS client, smbclient,"
                + " nfs-cp); wall time per transfer.")
final class BenchDataCommand implements Callable<Integer> {
    @Mixin
    BenchOptions bench;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            description = "Bytes per file, e.g. 256M, 1G (default ${DEFAULT-VALUE}).")
    String size = "256M";

    @Option(
            names = "--clients",
            paramLabel = "LIST",
            split = ",",
            description = "Which clients: smbj, nfs, smbclient, nfs-cp (default: all; missing tools are skipped).")
    List<String> clients = new ArrayList<>();

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Where the local copies for smbclient and nfs-cp go (default: the temp directory).")
    Path workDir;

    @Option(
            names = "--no-warmup",
            description = "Time the cold first transfers too (by default round 1 first runs every transfer once"
                    + " untimed).")
    boolean noWarmup;

    @Override
    public Integer call() {
        long bytes;
        try {
            bytes = ServerOptions.parseSize(size);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "interlock-bench-data");
        DataBench w;
        try {
            w = new DataBench(bytes, dir, clients, !noWarmup);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        return bench.run(w, 3);
    }
}
