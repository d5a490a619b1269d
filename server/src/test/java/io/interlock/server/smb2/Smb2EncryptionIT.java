package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.interlock.server.core.vfs.memory.MemoryFileSystem;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.ServerConfig;
import io.interlock.server.runtime.Share;
import io.interlock.server.smb2.handlers.Smb2Options;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SMB 3.x encryption with smbj and smbclient, for every dialect and cipher they offer. */
class Smb2EncryptionIT {
    private static final Path SMBCLIENT = Path.of("/usr/bin/smbclient");

    @TempDir
    Path tmp;

    private static byte[] roundTrip(Smb2TestServer server, SmbConfig cfg, String share, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        try (SMBClient client = new SMBClient(cfg);
                Connection c = client.connect("127.0.0.1", server.port());
                Session s = c.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
                DiskShare d = (DiskShare) s.connectShare(share)) {
            try (File f = d.openFile(
                            "enc.bin",
                            EnumSet.of(AccessMask.GENERIC_ALL),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OVERWRITE_IF,
                            null);
                    OutputStream out = f.getOutputStream()) {
                out.write(data);
            }
            try (File f = d.openFile(
                            "enc.bin",
                            EnumSet.of(AccessMask.GENERIC_READ),
                            null,
                            SMB2ShareAccess.ALL,
                            SMB2CreateDisposition.FILE_OPEN,
                            null);
                    InputStream in = f.getInputStream()) {
                return in.readAllBytes();
            } finally {
                assertThat(s.shouldEncryptData())
                        .as("smbj encrypts this session")
                        .isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SMB_3_1_1", "SMB_3_0_2", "SMB_3_0"})
    void smbjEncryptData_roundTripsFile_andTrafficIsEncrypted(String dialect) throws Exception {
        try (Smb2TestServer server = new Smb2TestServer()) {
            SmbConfig cfg = SmbConfig.builder()
                    .withDialects(SMB2Dialect.valueOf(dialect))
                    .withEncryptData(true)
                    .build();
            byte[] back = roundTrip(server, cfg, "share", 3 * 1024 * 1024 + 17);
            assertThat(back).hasSize(3 * 1024 * 1024 + 17);
            Random r = new Random(3 * 1024 * 1024 + 17);
            byte[] want = new byte[back.length];
            r.nextBytes(want);
            assertThat(back).isEqualTo(want);
            assertThat(server.server.stats().decryptedFrames()).isGreaterThan(5);
            assertThat(server.server.stats().encryptedFrames()).isGreaterThan(5);
        }
    }

    @Test
    void encryptionRequired_capableClientEncrypts_incapableClientIsRefused() throws Exception {
        try (Smb2TestServer server = new Smb2TestServer(ServerConfig.ephemeral(), new Smb2Options(true, Set.of()))) {
            SmbConfig enc = SmbConfig.builder()
                    .withDialects(SMB2Dialect.SMB_3_1_1)
                    .withEncryptData(true)
                    .build();
            assertThat(roundTrip(server, enc, "share", 1000)).hasSize(1000);
            assertThat(server.server.stats().encryptedFrames()).isGreaterThan(3);
            // smbj offers no cipher unless asked to encrypt: it cannot meet the requirement
            SmbConfig plain =
                    SmbConfig.builder().withDialects(SMB2Dialect.SMB_3_1_1).build();
            try (SMBClient client = new SMBClient(plain);
                    Connection c = client.connect("127.0.0.1", server.port())) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                                c.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), "")))
                        .hasMessageContaining("STATUS_ACCESS_DENIED");
            }
        }
    }

    @Test
    void encryptionRequired_smbclientDefaultProtection_followsSessionFlag() throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient not installed at /usr/bin/smbclient");
        try (Smb2TestServer server = new Smb2TestServer(ServerConfig.ephemeral(), new Smb2Options(true, Set.of()))) {
            Files.writeString(tmp.resolve("a.txt"), "encrypted hello\n");
            String out = smbclient(server, "[global]\n", "put a.txt; get a.txt b.txt");
            assertThat(Files.readString(tmp.resolve("b.txt"))).isEqualTo("encrypted hello\n");
            assertThat(server.server.stats().encryptedFrames()).as(out).isGreaterThan(3);
        }
    }

    private String smbclient(Smb2TestServer server, String conf, String commands, String... extra) throws Exception {
        Path cf = tmp.resolve("smb.conf");
        Files.writeString(cf, conf);
        List<String> cmd = new ArrayList<>(List.of(
                SMBCLIENT.toString(),
                "//127.0.0.1/share",
                "-p",
                String.valueOf(server.port()),
                "-U",
                "interlock%interlock",
                "-s",
                cf.toString(),
                "-c",
                commands));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .directory(tmp.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("NT_STATUS");
        return out;
    }

    @Test
    void encryptedShare_treeConnectFlagMakesSmbjEncrypt() throws Exception {
        try (Smb2TestServer server =
                new Smb2TestServer(ServerConfig.ephemeral(), new Smb2Options(false, Set.of("secret")))) {
            server.shares.add(
                    new Share("secret", new MemoryFileSystem(server.clock.asJavaClock()), BreakPolicy.WAIT, true));
            SmbConfig cfg = SmbConfig.builder()
                    .withDialects(SMB2Dialect.SMB_3_0_2)
                    .withEncryptData(true)
                    .build();
            byte[] data = new byte[4000];
            try (SMBClient client = new SMBClient(cfg);
                    Connection c = client.connect("127.0.0.1", server.port());
                    Session s = c.authenticate(new AuthenticationContext("interlock", "interlock".toCharArray(), ""));
                    DiskShare d = (DiskShare) s.connectShare("secret")) {
                try (File f = d.openFile(
                                "x.bin",
                                EnumSet.of(AccessMask.GENERIC_ALL),
                                null,
                                SMB2ShareAccess.ALL,
                                SMB2CreateDisposition.FILE_OVERWRITE_IF,
                                null);
                        OutputStream out = f.getOutputStream()) {
                    out.write(data);
                }
                assertThat(d.list("")).extracting(x -> x.getFileName()).contains("x.bin");
            }
            assertThat(server.server.stats().encryptedFrames()).isGreaterThan(3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AES-128-GCM", "AES-128-CCM", "AES-256-GCM", "AES-256-CCM"})
    void smbclientEncrypt_eachCipher_putGetByteIdentical(String cipher) throws Exception {
        assumeTrue(Files.isExecutable(SMBCLIENT), "smbclient not installed at /usr/bin/smbclient");
        try (Smb2TestServer server = new Smb2TestServer()) {
            byte[] data = new byte[2 * 1024 * 1024 + 5];
            new Random(11).nextBytes(data);
            Files.write(tmp.resolve("up.bin"), data);
            smbclient(
                    server,
                    "[global]\nclient smb3 encryption algorithms = " + cipher + "\n",
                    "put up.bin; get up.bin down.bin; allinfo up.bin; ls",
                    "--client-protection=encrypt");
            assertThat(Files.mismatch(tmp.resolve("up.bin"), tmp.resolve("down.bin")))
                    .isEqualTo(-1L);
            assertThat(server.server.stats().encryptedFrames()).isGreaterThan(5);
        }
    }
}
