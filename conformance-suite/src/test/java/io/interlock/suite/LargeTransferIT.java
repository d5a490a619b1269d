package io.interlock.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.app.Endpoints;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 256 MiB put and get through each protocol's outside peer (smbclient, libnfs nfs-cp), and across
 * protocols, byte-identical. Digests are streamed so the test itself holds no copy of the data.
 */
class LargeTransferIT {
    private static final long SIZE = 256L << 20;

    private InterlockServer server;

    @TempDir
    Path tmp;

    @BeforeEach
    void start() throws Exception {
        server = InterlockServer.start(ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path source() throws Exception {
        Path p = tmp.resolve("big.bin");
        Random r = new Random(256);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long done = 0; done < SIZE; done += chunk.length) {
                r.nextBytes(chunk);
                out.write(chunk);
            }
        }
        return p;
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(p), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private List<String> smbclient(String commands) {
        return List.of(
                "smbclient",
                "//127.0.0.1/share",
                "-p",
                String.valueOf(server.endpoints().smb().getPort()),
                "-U",
                "interlock%interlock",
                "-c",
                commands);
    }

    private String nfsUrl(String file) {
        Endpoints e = server.endpoints();
        return "nfs://127.0.0.1/share/" + file + "?version=3&nfsport=" + e.nfs().getPort() + "&mountport="
                + e.mount().getPort();
    }

    private static void ok(ExternalTool.Result r) {
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).doesNotContain("NT_STATUS_");
    }

    @Test
    void smbclient_put256MiB_getsItBackByteIdentical_andNfsReadsTheSameBytes() throws Exception {
        ExternalTool.require("smbclient");
        Path src = source();
        String want = sha256(src);
        ok(ExternalTool.run(tmp, 600, smbclient("put big.bin big.bin; get big.bin back-smb.bin")));
        assertThat(Files.size(tmp.resolve("back-smb.bin"))).isEqualTo(SIZE);
        assertThat(sha256(tmp.resolve("back-smb.bin"))).isEqualTo(want);

        ExternalTool.require("nfs-cp");
        ok(ExternalTool.run(
                tmp,
                600,
                List.of("nfs-cp", nfsUrl("big.bin"), tmp.resolve("back-nfs.bin").toString())));
        assertThat(sha256(tmp.resolve("back-nfs.bin"))).isEqualTo(want);
    }

    @Test
    void nfsCp_put256MiB_getsItBackByteIdentical_andSmbReadsTheSameBytes() throws Exception {
        ExternalTool.require("nfs-cp");
        Path src = source();
        String want = sha256(src);
        ok(ExternalTool.run(tmp, 600, List.of("nfs-cp", src.toString(), nfsUrl("n.bin"))));
        ok(ExternalTool.run(
                tmp,
                600,
                List.of("nfs-cp", nfsUrl("n.bin"), tmp.resolve("back-nfs.bin").toString())));
        assertThat(sha256(tmp.resolve("back-nfs.bin"))).isEqualTo(want);

        ExternalTool.require("smbclient");
        ok(ExternalTool.run(tmp, 600, smbclient("get n.bin back-smb.bin")));
        assertThat(Files.size(tmp.resolve("back-smb.bin"))).isEqualTo(SIZE);
        assertThat(sha256(tmp.resolve("back-smb.bin"))).isEqualTo(want);
    }
}
