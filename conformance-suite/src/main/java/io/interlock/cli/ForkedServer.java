package io.interlock.cli;

import io.interlock.scenarios.bench.ProcessMemory;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.Target;
import io.interlock.server.runtime.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded server in a JVM of its own ({@code bench --fork}): {@code interlock serve} on
 * ephemeral ports without a portmapper, started from this JVM's classpath with the JVM options
 * {@code serve} is deployed with ({@link ServeJvmOptions}), so that its memory and CPU are its own,
 * as a peer server's are. The target is its {@code interlock ready} line; its log
 * goes to a file. Closing it stops the process.
 */
final class ForkedServer implements Target {
    private static final long READY_TIMEOUT_MS = 60_000;

    private final Process process;
    private final Path log;
    private final SmbEndpoint smb;
    private final NfsEndpoint nfs;

    private ForkedServer(Process process, Path log, SmbEndpoint smb, NfsEndpoint nfs) {
        this.process = process;
        this.log = log;
        this.smb = smb;
        this.nfs = nfs;
    }

    /**
     * Starts {@code interlock serve} with {@code serverArgs} (the bench's server options) and every
     * port ephemeral; {@code cfg} is the same configuration, for the share and user names.
     */
    static ForkedServer start(List<String> serverArgs, ServerConfig cfg) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(ServeJvmOptions.forFork());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), InterlockCli.class.getName(), "serve"));
        cmd.addAll(serverArgs);
        cmd.addAll(List.of("--smb-port", "0", "--nfs-port", "0", "--mount-port", "0", "--portmap", "off"));
        Path log = Files.createTempFile("interlock-bench-server-", ".log");
        Process p = new ProcessBuilder(cmd)
                .redirectError(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        try {
            Map<String, String> ready = readyLine(p, log);
            String share = cfg.shares().get(0).name();
            String[] smbAt = ready.get("smb").split(":");
            String[] nfsAt = ready.get("nfs").split(":");
            String[] mountAt = ready.get("mount").split(":");
            SmbEndpoint smb = new SmbEndpoint(
                    smbAt[0],
                    Integer.parseInt(smbAt[1]),
                    share,
                    cfg.users().get(0).name(),
                    cfg.users().get(0).password());
            NfsEndpoint nfs = new NfsEndpoint(
                    nfsAt[0], "/" + share, Integer.parseInt(nfsAt[1]), Integer.parseInt(mountAt[1]), 0, 0);
            return new ForkedServer(p, log, smb, nfs);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e instanceof IOException io ? io : new IOException("forked server: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readyLine(Process p, Path log) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        String line;
        // the server prints nothing else on stdout; a dead process ends the stream
        while ((line = out.readLine()) != null) {
            if (line.startsWith("interlock ready ")) {
                Map<String, String> m = new HashMap<>();
                for (String kv : line.substring("interlock ready ".length()).split(" ")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        m.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                }
                if (m.containsKey("smb") && m.containsKey("nfs") && m.containsKey("mount")) {
                    return m;
                }
                throw new IOException("forked server's ready line lacks smb/nfs/mount: " + line);
            }
            if (System.currentTimeMillis() > deadline) {
                break;
            }
        }
        String tail = Files.exists(log) ? Files.readString(log) : "";
        throw new IOException("forked server did not get ready"
                + (tail.isBlank() ? "" : ": " + tail.substring(Math.max(0, tail.length() - 2000))));
    }

    /** The server process, for its memory. */
    ProcessMemory memory() {
        return new ProcessMemory(process.pid(), "the forked server's JVM");
    }

    @Override
    public String describe() {
        return "embedded server in its own JVM (pid " + process.pid() + ") " + smb + " " + nfs;
    }

    @Override
    public Optional<SmbEndpoint> smb() {
        return Optional.of(smb);
    }

    @Override
    public Optional<NfsEndpoint> nfs() {
        return Optional.of(nfs);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file left behind
        }
    }
}
