package io.interlock.cli;

import io.interlock.scenarios.bench.LoadReport;
import io.interlock.scenarios.bench.LoadRun;
import io.interlock.scenarios.bench.LoadTarget;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interlock bench load --clients N --duration D}: mixed SMB and NFS clients on private and
 * shared files against the embedded server (started on ephemeral ports with the given server
 * options); prints ops/s, latency percentiles, errors, lost writes and the server's RSS over
 * time. Exits 1 when a read lost a write or returned something nobody wrote, or an operation
 * failed.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Mixed SMB + NFS load with verified reads; reports ops/s, latency, errors and server RSS.")
final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--clients", paramLabel = "N", description = "Simulated clients, half SMB, half NFS (default 16).")
    int clients = 16;

    @Option(names = "--duration", paramLabel = "DURATION", description = "How long, e.g. 60s, 10m (default 60s).")
    String duration = "60s";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the clients' operation mix (default 1).")
    long seed = 1;

    @Mixin
    ServerOptions server;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logging.verbose(false);
        if (clients < 1) {
            throw new UserError("--clients must be at least 1", 2);
        }
        Duration d;
        try {
            d = ServerOptions.parseDuration(duration);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        ServerConfig cfg = server.toConfig(ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0));
        PrintWriter out = spec.commandLine().getOut();
        try (InterlockServer srv = InterlockServer.start(cfg)) {
            String share = cfg.shares().get(0).name();
            LoadTarget target = new LoadTarget(
                    srv.endpoints().smb(),
                    share,
                    cfg.users().get(0).name(),
                    cfg.users().get(0).password(),
                    srv.endpoints().nfs(),
                    srv.endpoints().mount(),
                    LoadTarget::selfRssKiB);
            out.println("bench load: " + clients + " clients for " + d + " against the embedded server ("
                    + srv.endpoints().readyLine() + ")");
            out.flush();
            LoadReport r = new LoadRun(target, clients, d, seed).run();
            out.print(r.render());
            out.flush();
            boolean ok = r.lostWrites() == 0 && r.badSharedReads() == 0 && r.errorCount() == 0;
            return ok ? 0 : 1;
        } catch (IOException e) {
            throw new UserError(e.getMessage(), 1);
        }
    }
}
