package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Debian's smbclient (Samba 4.17) against the real server on an ephemeral port. */
class Smb2SmbclientIT {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");
    private static Smb2TestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient not installed at /usr/bin/smbclient");
        server = new Smb2TestServer();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Exit status and combined output of one smbclient run. */
    record Run(int exit, String output) {}

    private Run smbclient(String password, String commands, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                SMBCLIENT.toString(),
                "//127.0.0.1/share",
                "-p",
                String.valueOf(server.port()),
                "-U",
                "interlock%" + password,
                "-c",
                commands));
        cmd.addAll(List.of(extra));
        Path conf = tmp.resolve("smb.conf");
        Files.writeString(conf, "[global]\n");
        cmd.addAll(List.of("-s", conf.toString()));
        Process p = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("smbclient finished").isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"default", "SMB2", "SMB3", "SMB3_00", "SMB2_02"})
    void putGetListRenameRm_64MiB_roundTripsByteIdentical(String protocol) throws Exception {
        byte[] data = new byte[64 * 1024 * 1024];
        new Random(7).nextBytes(data);
        String f = "big-" + protocol + ".bin";
        Files.write(tmp.resolve(f), data);
        String[] extra = protocol.equals("default") ? new String[0] : new String[] {"-m", protocol};

        Run put = smbclient(
                "interlock", "put " + f + "; get " + f + " back.bin; ls; rename " + f + " moved.bin; ls", extra);
        assertThat(put.exit()).as(put.output()).isZero();
        assertThat(put.output()).contains(f).contains("moved.bin").doesNotContain("NT_STATUS");
        assertThat(Files.mismatch(tmp.resolve(f), tmp.resolve("back.bin"))).isEqualTo(-1L);

        Run rm = smbclient("interlock", "rm moved.bin; ls", extra);
        assertThat(rm.exit()).as(rm.output()).isZero();
        assertThat(rm.output()).doesNotContain("moved.bin").doesNotContain("NT_STATUS");
    }

    @Test
    void mkdirCdAllinfo_nestedDirectory_works() throws Exception {
        Files.writeString(tmp.resolve("small.txt"), "hello interlock\n");
        Run r = smbclient(
                "interlock",
                "mkdir sub; cd sub; put small.txt; allinfo small.txt; ls; get small.txt copy.txt; rm small.txt; cd ..; rmdir sub; ls");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("small.txt").contains("create_time").doesNotContain("NT_STATUS");
        assertThat(Files.readString(tmp.resolve("copy.txt"))).isEqualTo("hello interlock\n");
        assertThat(server.fs.readDirectory(server.fs.root(), 0, 100).entries())
                .noneMatch(e -> e.name().equals("sub"));
    }

    @Test
    void connect_wrongPassword_failsWithLogonFailure() throws Exception {
        Run r = smbclient("wrong", "ls");
        assertThat(r.exit()).isNotZero();
        assertThat(r.output()).contains("NT_STATUS_LOGON_FAILURE");
    }
}
