package io.interlock.scenarios.engine;

import io.interlock.scenarios.targets.SmbEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The share list as Samba's {@code smbclient -L} sees it (an outside peer opening a fresh IPC$
 * srvsvc pipe per run): the disk shares. Skipped where smbclient is not installed.
 */
final class SmbclientShareList {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Path> SMBCLIENT =
            List.of(Path.of("/usr/bin/smbclient"), Path.of("/usr/local/bin/smbclient"));

    private SmbclientShareList() {}

    static List<String> list(SmbEndpoint e) throws IOException, InterruptedException {
        Path tool = SMBCLIENT.stream()
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new ScenarioSkip("smbclient is not installed (looked in " + SMBCLIENT + ")"));
        Path dir = Files.createTempDirectory("interlock-smbclient");
        try {
            Path conf = dir.resolve("smb.conf");
            Files.writeString(conf, "[global]\n");
            List<String> cmd = List.of(
                    tool.toString(),
                    "-L",
                    "//" + e.host(),
                    "-p",
                    String.valueOf(e.port()),
                    "-U",
                    e.user() + "%" + e.password(),
                    "-g",
                    "-s",
                    conf.toString());
            Process p = new ProcessBuilder(cmd)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IOException("smbclient -L did not finish within " + TIMEOUT);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            List<String> disks = new ArrayList<>();
            for (String line : text.split("\n")) {
                String[] f = line.strip().split("\\|", -1);
                if (f.length >= 2 && f[0].equals("Disk")) {
                    disks.add(f[1]);
                }
            }
            if (p.exitValue() != 0 && disks.isEmpty()) {
                throw new IOException("smbclient -L exited " + p.exitValue() + ": " + text.strip());
            }
            return disks;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
