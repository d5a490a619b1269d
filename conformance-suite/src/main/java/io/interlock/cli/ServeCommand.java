package io.interlock.cli;

import io.interlock.server.admin.AdminApi;
import io.interlock.server.admin.AdminServer;
import io.interlock.server.admin.AdminToken;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.core.time.SystemServerClock;
import io.interlock.server.nfs.nlm.NlmConfig;
import io.interlock.server.runtime.ServerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code interlock serve}: runs the server alone until interrupted. Once every listener is up and
 * has answered one loopback call ({@link InterlockServer#checkListeners}) it prints exactly one line, {@code interlock ready smb=HOST:PORT nfs=HOST:PORT ...}, on stdout. With
 * {@code --admin PORT} it also serves the admin endpoint on 127.0.0.1 (fault points, break timeout,
 * shares, break counters, lease table; bearer token from {@code --admin-token-file}), so that
 * {@code interlock run --smb ... --nfs ... --admin 127.0.0.1:PORT} can run every scenario against it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the reference SMB + NFS server.")
final class ServeCommand implements Callable<Integer> {
    /** Where the admin token goes by default (created with owner-only permissions). */
    static final String DEFAULT_TOKEN_FILE = "interlock-admin.token";

    private static volatile boolean serving;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--admin",
            paramLabel = "PORT",
            description = "Serve the admin endpoint on 127.0.0.1:PORT (0 = ephemeral); off by default.")
    Integer adminPort;

    @Option(
            names = "--admin-token-file",
            paramLabel = "FILE",
            description = "The admin token: read if the file exists, else a new one is written there"
                    + " (owner-only). Default " + DEFAULT_TOKEN_FILE + ".")
    Path adminTokenFile;

    @Option(
            names = "--nlm-grace",
            paramLabel = "DURATION",
            description = "NLM grace period after start, e.g. 0s (default 90s).")
    String nlmGrace;

    @Option(
            names = "--nlm-callback",
            paramLabel = "PROGRAM",
            description = "Program the server calls GRANTED back on: standard (100021, as lockd) or interlock"
                    + " (0x20000021, the engine's callback listener on the server's own host). Default standard.")
    String nlmCallback;

    @Option(names = "--verbose", description = "Debug logging.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    static boolean keepsRunning() {
        return serving;
    }

    NlmConfig nlmConfig() {
        NlmConfig n = NlmConfig.defaults();
        try {
            if (nlmGrace != null) {
                n = n.withGrace(ServerOptions.parseDuration(nlmGrace));
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 2);
        }
        if (nlmCallback != null) {
            n = switch (nlmCallback.toLowerCase(Locale.ROOT)) {
                case "standard" -> n.withCallbackProgram(NlmConfig.NLM_PROGRAM);
                case "interlock" -> n.withCallbackProgram(NlmConfig.INTERLOCK_CALLBACK_PROGRAM);
                default ->
                    throw new UserError(
                            "unknown --nlm-callback '" + nlmCallback + "' (one of: standard, interlock)", 2);
            };
        }
        return n;
    }

    @Override
    public Integer call() throws Exception {
        Logging.verbose(verbose);
        Logging.serving();
        ServerConfig cfg = server.toConfig(ServerConfig.defaults());
        NlmConfig nlm = nlmConfig();
        if (adminPort != null && (adminPort < 0 || adminPort > 65535)) {
            throw new UserError("--admin needs a port 0-65535, got " + adminPort, 2);
        }
        InterlockServer srv;
        try {
            srv = InterlockServer.start(cfg, new SystemServerClock(), nlm);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), 1);
        }
        try {
            srv.checkListeners(Duration.ofSeconds(10));
        } catch (IOException e) {
            srv.close();
            throw new UserError("a listener did not answer its own loopback call: " + e.getMessage(), 1);
        }
        AdminServer admin = null;
        Path tokenFile = adminTokenFile != null ? adminTokenFile : Path.of(DEFAULT_TOKEN_FILE);
        if (adminPort != null) {
            try {
                AdminToken token = AdminToken.fromFile(tokenFile);
                admin = AdminServer.start(
                        AdminApi.of(srv), token, new InetSocketAddress(InetAddress.getLoopbackAddress(), adminPort));
            } catch (IOException | IllegalArgumentException e) {
                srv.close();
                throw new UserError("admin endpoint: " + e.getMessage(), 1);
            }
        }
        AdminServer adminServer = admin;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (adminServer != null) {
                                adminServer.close();
                            }
                            srv.close();
                            stopped.countDown();
                        },
                        "interlock-shutdown"));
        String ready = srv.endpoints().readyLine();
        if (adminServer != null) {
            ready += " admin=" + adminServer.address().getAddress().getHostAddress() + ":"
                    + adminServer.address().getPort() + " admin-token-file="
                    + tokenFile.toAbsolutePath().normalize();
        }
        spec.commandLine().getOut().println(ready);
        spec.commandLine().getOut().flush();
        serving = true;
        stopped.await();
        return 0;
    }
}
