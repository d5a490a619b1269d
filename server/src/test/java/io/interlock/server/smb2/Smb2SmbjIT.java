package io.interlock.server.smb2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hierynomus.msdtyp.AccessMask;
import com.hierynomus.mserref.NtStatus;
import com.hierynomus.msfscc.FileAttributes;
import com.hierynomus.msfscc.fileinformation.FileAllInformation;
import com.hierynomus.msfscc.fileinformation.FileIdBothDirectoryInformation;
import com.hierynomus.mssmb2.SMB2CreateDisposition;
import com.hierynomus.mssmb2.SMB2Dialect;
import com.hierynomus.mssmb2.SMB2ShareAccess;
import com.hierynomus.mssmb2.SMBApiException;
import com.hierynomus.smbj.SMBClient;
import com.hierynomus.smbj.SmbConfig;
import com.hierynomus.smbj.auth.AuthenticationContext;
import com.hierynomus.smbj.connection.Connection;
import com.hierynomus.smbj.session.Session;
import com.hierynomus.smbj.share.DiskShare;
import com.hierynomus.smbj.share.File;
import io.interlock.server.runtime.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** smbj 0.14.0 against the real server on an ephemeral port. */
class Smb2SmbjIT {
    private static Smb2TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new Smb2TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> configs() {
        return Stream.of(
                Arguments.of(
                        "3.1.1",
                        SmbConfig.builder().withDialects(SMB2Dialect.SMB_3_1_1).build()),
                Arguments.of(
                        "3.0.2",
                        SmbConfig.builder().withDialects(SMB2Dialect.SMB_3_0_2).build()),
                Arguments.of(
                        "3.0",
                        SmbConfig.builder().withDialects(SMB2Dialect.SMB_3_0).build()),
                Arguments.of(
                        "2.1",
                        SmbConfig.builder().withDialects(SMB2Dialect.SMB_2_1).build()),
                Arguments.of(
                        "2.0.2",
                        SmbConfig.builder().withDialects(SMB2Dialect.SMB_2_0_2).build()),
                Arguments.of(
                        "3.1.1+signing",
                        SmbConfig.builder()
                                .withDialects(SMB2Dialect.SMB_3_1_1)
                                .withSigningRequired(true)
                                .build()),
                Arguments.of(
                        "3.0+signing",
                        SmbConfig.builder()
                                .withDialects(SMB2Dialect.SMB_3_0)
                                .withSigningRequired(true)
                                .build()),
                Arguments.of(
                        "2.1+signing",
                        SmbConfig.builder()
                                .withDialects(SMB2Dialect.SMB_2_1)
                                .withSigningRequired(true)
                                .build()));
    }

    private static SmbConfig timeouts(SmbConfig c) {
        return SmbConfig.builder()
                .withDialects(c.getSupportedDialects())
                .withSigningRequired(c.isSigningRequired())
                .withTimeout(20, TimeUnit.SECONDS)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void fileOperations_dialect_roundTripWorks(String name, SmbConfig cfg) throws Exception {
        String dir = "d" + name.replace('.', '_').replace('+', '_');
        try (SMBClient client = new SMBClient(timeouts(cfg));
                Connection conn = client.connect("127.0.0.1", server.port());
                Session session = conn.authenticate(new AuthenticationContext(
                        ServerConfig.DEFAULT_USER, ServerConfig.DEFAULT_PASSWORD.toCharArray(), ""));
                DiskShare share = (DiskShare) session.connectShare("share")) {
            share.mkdir(dir);
            assertThat(share.folderExists(dir)).isTrue();

            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new Random(42).nextBytes(data);
            String path = dir + "\\file.bin";
            try (File f = share.openFile(
                    path,
                    EnumSet.of(AccessMask.GENERIC_WRITE, AccessMask.GENERIC_READ),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_CREATE,
                    null)) {
                try (OutputStream out = f.getOutputStream()) {
                    out.write(data);
                }
            }
            try (File f = share.openFile(
                    path.toUpperCase(),
                    EnumSet.of(AccessMask.GENERIC_READ),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN,
                    null)) {
                try (InputStream in = f.getInputStream()) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                FileAllInformation info = f.getFileInformation();
                assertThat(info.getStandardInformation().getEndOfFile()).isEqualTo(data.length);
                assertThat(info.getBasicInformation().getFileAttributes()
                                & FileAttributes.FILE_ATTRIBUTE_DIRECTORY.getValue())
                        .isZero();
            }

            List<FileIdBothDirectoryInformation> list = share.list(dir);
            assertThat(list)
                    .extracting(FileIdBothDirectoryInformation::getFileName)
                    .contains(".", "..", "file.bin");
            assertThat(list.stream()
                            .filter(e -> e.getFileName().equals("file.bin"))
                            .findFirst()
                            .orElseThrow()
                            .getEndOfFile())
                    .isEqualTo(data.length);

            try (File f = share.openFile(
                    path,
                    EnumSet.of(AccessMask.DELETE, AccessMask.GENERIC_WRITE),
                    null,
                    SMB2ShareAccess.ALL,
                    SMB2CreateDisposition.FILE_OPEN,
                    null)) {
                f.rename(dir + "\\renamed.bin");
            }
            assertThat(share.fileExists(path)).isFalse();
            assertThat(share.fileExists(dir + "\\renamed.bin")).isTrue();
            assertThat(share.getFileInformation(dir + "\\renamed.bin")
                            .getStandardInformation()
                            .getEndOfFile())
                    .isEqualTo(data.length);

            assertThatThrownBy(() -> share.rmdir(dir, false))
                    .isInstanceOf(SMBApiException.class)
                    .satisfies(e -> assertThat(((SMBApiException) e).getStatus())
                            .isEqualTo(NtStatus.STATUS_DIRECTORY_NOT_EMPTY));
            share.rm(dir + "\\renamed.bin");
            assertThat(share.fileExists(dir + "\\renamed.bin")).isFalse();
            share.rmdir(dir, false);
            assertThat(share.folderExists(dir)).isFalse();
            assertThat(share.getShareInformation().getTotalSpace()).isPositive();
        }
    }

    @Test
    void authenticate_wrongPassword_failsWithLogonFailure() throws Exception {
        try (SMBClient client = new SMBClient(timeouts(SmbConfig.createDefaultConfig()));
                Connection conn = client.connect("127.0.0.1", server.port())) {
            assertThatThrownBy(() -> conn.authenticate(
                            new AuthenticationContext(ServerConfig.DEFAULT_USER, "wrong".toCharArray(), "")))
                    .isInstanceOf(SMBApiException.class)
                    .satisfies(e ->
                            assertThat(((SMBApiException) e).getStatus()).isEqualTo(NtStatus.STATUS_LOGON_FAILURE));
        }
    }

    @Test
    void connectShare_unknownShare_failsWithBadNetworkName() throws Exception {
        try (SMBClient client = new SMBClient(timeouts(SmbConfig.createDefaultConfig()));
                Connection conn = client.connect("127.0.0.1", server.port());
                Session session = conn.authenticate(new AuthenticationContext(
                        ServerConfig.DEFAULT_USER, ServerConfig.DEFAULT_PASSWORD.toCharArray(), ""))) {
            assertThatThrownBy(() -> session.connectShare("nope"))
                    .isInstanceOf(SMBApiException.class)
                    .satisfies(e ->
                            assertThat(((SMBApiException) e).getStatus()).isEqualTo(NtStatus.STATUS_BAD_NETWORK_NAME));
        }
    }
}
