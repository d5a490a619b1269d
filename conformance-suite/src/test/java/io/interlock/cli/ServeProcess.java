package io.interlock.cli;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code interlock serve} as a real process on ephemeral ports (its portmapper bound on one too),
 * and the first line it printed: the ready line the ITs check and take the endpoints from.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern ENDPOINT = Pattern.compile("(\\w+)=([^\\s:]+):(\\d+)");

    private final Process process;
    private final String firstLine;

    private ServeProcess(Process process, String firstLine) {
        this.process = process;
        this.firstLine = firstLine;
    }

    /** Starts serve with every port ephemeral and {@code extraArgs}; waits up to 60 s for its first line. */
    static ServeProcess start(String... extraArgs) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                InterlockCli.class.getName(),
                "serve",
                "--smb-port",
                "0",
                "--nfs-port",
                "0",
                "--mount-port",
                "0",
                "--portmap",
                "bind",
                "--portmap-port",
                "0"));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                        try {
                            return out.readLine();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .get(60, TimeUnit.SECONDS);
            return new ServeProcess(p, line);
        } catch (Exception e) {
            stop(p);
            throw e;
        }
    }

    /**
     * Starts serve as the admin ITs use it: NLM grace off, Interlock's NLM callback, and the admin
     * endpoint on an ephemeral port with its token written to {@code token}.
     */
    static ServeProcess startWithAdmin(Path token) throws Exception {
        return start(
                "--nlm-grace",
                "0s",
                "--nlm-callback",
                "interlock",
                "--admin",
                "0",
                "--admin-token-file",
                token.toString());
    }

    /**
     * The address-target options that reach this server: {@code --smb}, {@code --nfs} with every
     * RPC port, and {@code --admin} with the token file {@code token}.
     */
    List<String> targetArgs(Path token) {
        Map<String, Integer> port = new LinkedHashMap<>();
        endpoints().forEach((name, at) -> port.put(name, at.getPort()));
        return List.of(
                "--smb",
                "smb://interlock:interlock@127.0.0.1:" + port.get("smb") + "/share",
                "--nfs",
                "nfs://127.0.0.1:" + port.get("nfs") + "/share?mount=" + port.get("mount") + "&nlm=" + port.get("nlm")
                        + "&portmap=" + port.get("portmap"),
                "--admin",
                "127.0.0.1:" + port.get("admin"),
                "--admin-token-file",
                token.toString());
    }

    /** The first line serve printed (null if it printed none). */
    String firstLine() {
        return firstLine;
    }

    /** The endpoints the first line names ({@code smb=127.0.0.1:PORT ...}), by name. */
    Map<String, InetSocketAddress> endpoints() {
        Map<String, InetSocketAddress> eps = new LinkedHashMap<>();
        Matcher m = ENDPOINT.matcher(firstLine);
        while (m.find()) {
            eps.put(m.group(1), new InetSocketAddress(m.group(2), Integer.parseInt(m.group(3))));
        }
        return eps;
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        p.destroy();
        await().atMost(Duration.ofSeconds(20)).until(() -> !p.isAlive());
    }
}
