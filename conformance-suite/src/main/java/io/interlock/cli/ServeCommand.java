package io.interlock.cli;

import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interlock serve}: runs the server alone until interrupted. Once every listener is up it
 * prints exactly one line, {@code interlock ready smb=HOST:PORT nfs=HOST:PORT ...}, on stdout.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the reference SMB + NFS server.")
final class ServeCommand implements Callable<Integer> {
    private static volatile boolean serving;

    @Mixin
    ServerOptions server;

    @Option(names = "--verbose", description = "Debug logging.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    static boolean keepsRunning() {
        return serving;
    }

    @Override
    public Integer call() throws Exception {
        Logging.verbose(verbose);
        Logging.serving();
        ServerConfig cfg = server.toConfig(ServerConfig.defaults());
        InterlockServer srv;
        try {
            srv = InterlockServer.start(cfg);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), 1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            srv.close();
                            stopped.countDown();
                        },
                        "interlock-shutdown"));
        spec.commandLine().getOut().println(srv.endpoints().readyLine());
        spec.commandLine().getOut().flush();
        serving = true;
        stopped.await();
        return 0;
    }
}
