package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code interlock serve} as a real process: the ready line names live listeners. */
class ServeCommandIT {
    private static final Pattern ENDPOINT = Pattern.compile("(\\w+)=([^\\s:]+):(\\d+)");

    @Test
    void serve_ephemeralPorts_printsOneReadyLineNamingLiveListeners() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(
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
                        "0"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String line = first.get(60, TimeUnit.SECONDS);
            assertThat(line).startsWith("interlock ready ");
            Map<String, InetSocketAddress> eps = new LinkedHashMap<>();
            Matcher m = ENDPOINT.matcher(line);
            while (m.find()) {
                eps.put(m.group(1), new InetSocketAddress(m.group(2), Integer.parseInt(m.group(3))));
            }
            assertThat(eps).containsKeys("smb", "nfs", "mount", "portmap", "nlm");
            for (var e : eps.entrySet()) {
                try (Socket s = new Socket()) {
                    s.connect(e.getValue(), 5000);
                    assertThat(s.isConnected()).as(e.getKey()).isTrue();
                }
            }
        } finally {
            p.destroy();
            await().atMost(Duration.ofSeconds(20)).until(() -> !p.isAlive());
        }
    }
}
