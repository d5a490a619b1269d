package io.interlock.cli;

import io.interlock.scenarios.bench.BenchReport;
import io.interlock.scenarios.bench.BenchResult;
import io.interlock.scenarios.bench.BenchRun;
import io.interlock.scenarios.bench.BenchTarget;
import io.interlock.scenarios.bench.BenchWorkload;
import io.interlock.scenarios.bench.ProcessMemory;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.Target;
import io.interlock.scenarios.targets.Targets;
import io.interlock.scenarios.targets.UnavailableTarget;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code bench} workload takes: the target ({@code --target}, {@code --smb}/{@code --nfs},
 * embedded by default, with the embedded server's options), {@code --vs} for a second target run
 * in the same process alternating with the first, the rounds and the JSON file.
 */
final class BenchOptions {
    @Mixin
    TargetOptions target;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--vs",
            paramLabel = "TARGET",
            description = "A second target (a kind such as samba+ganesha, or a --target-file name), run in the same"
                    + " process, alternating A B A B; ratios are A / B.")
    String vs;

    @Option(names = "--rounds", paramLabel = "N", description = "Rounds per target (default: the workload's).")
    Integer rounds;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "Where the results go as JSON (default bench-WORKLOAD.json).")
    Path json;

    @Option(
            names = "--fork",
            description = "Run the embedded server in a JVM of its own (interlock serve), measured like a peer;"
                    + " its memory is then its own.")
    boolean fork;

    @Option(names = "--verbose", description = "Debug logging.")
    boolean verbose;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /**
     * Opens the targets, runs the workload ({@code defaultRounds} unless {@code --rounds} says), prints
     * the table and writes the JSON; exit code 0.
     */
    int run(BenchWorkload workload, int defaultRounds) {
        Logging.verbose(verbose);
        int n = rounds != null ? rounds : defaultRounds;
        if (n < 1) {
            throw new UserError("--rounds must be at least 1", 2);
        }
        Targets.Request req = target.request();
        boolean anyEmbedded = Targets.isEmbedded(req) || Targets.EMBEDDED.equals(vs);
        if (!anyEmbedded && (server.anyGiven() || fork)) {
            throw new UserError(
                    "server options (--fork, --break-policy, --memory-capacity, ...) configure the embedded server;"
                            + " they do not apply to --target/--smb/--nfs",
                    2);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<BenchTarget> targets = new ArrayList<>();
        try {
            targets.add(open(req, label(req)));
            if (vs != null) {
                targets.add(open(Targets.Request.named(vs), vs));
            }
            for (BenchTarget t : targets) {
                out.println("bench " + workload.name() + ": " + t.label() + " = " + t.describe());
            }
            out.flush();
            BenchResult r = BenchRun.run(workload, targets, n, out);
            out.print(BenchReport.render(r));
            Path file = json != null ? json : Path.of("bench-" + workload.name() + ".json");
            BenchReport.write(r, file);
            out.println("results: " + file.toAbsolutePath().normalize());
            out.flush();
            return 0;
        } catch (IOException e) {
            throw new UserError(e.getMessage(), 1);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        } finally {
            for (BenchTarget t : targets) {
                t.close();
            }
        }
    }

    private static String label(Targets.Request req) {
        if (Targets.isEmbedded(req)) {
            return Targets.EMBEDDED;
        }
        return req.name() != null ? req.name() : Targets.ADDRESS;
    }

    private BenchTarget open(Targets.Request req, String label) throws IOException {
        ServerConfig cfg = server.toConfig(ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0));
        if (Targets.isEmbedded(req) && fork) {
            ForkedServer f = ForkedServer.start(serverArgs(), cfg);
            return new BenchTarget(label, f, f.memory());
        }
        Target t = Targets.open(req, target.file(), () -> EmbeddedTarget.start(cfg));
        if (t instanceof UnavailableTarget u) {
            throw new UserError(label + " is unavailable here: " + u.describe(), 1);
        }
        return new BenchTarget(label, t, Targets.isEmbedded(req) ? ProcessMemory.self() : null);
    }

    /** The server options as given on this command line, for the forked server. */
    private List<String> serverArgs() {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
            if (o.userObject() instanceof Field f && f.getDeclaringClass() == ServerOptions.class) {
                for (String v : o.originalStringValues()) {
                    args.add(o.longestName());
                    args.add(v);
                }
                if (o.originalStringValues().isEmpty()) {
                    args.add(o.longestName());
                }
            }
        }
        return args;
    }
}
