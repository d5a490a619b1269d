package io.interlock.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.app.Endpoints;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes written through one protocol read back identical through the other, with the outside
 * peers (Debian smbclient and libnfs-utils) as clients of the embedded server.
 */
class CrossProtocolBytesIT {
    private static final int SIZE = 64 << 20;

    private static InterlockServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws Exception {
        server = InterlockServer.start(ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String nfsUrl(String file) {
        Endpoints e = server.endpoints();
        return "nfs://127.0.0.1/share/" + file + "?version=3&nfsport=" + e.nfs().getPort() + "&mountport="
                + e.mount().getPort();
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

    private Path randomFile(String name, long seed) throws Exception {
        byte[] data = new byte[SIZE];
        new Random(seed).nextBytes(data);
        Path p = tmp.resolve(name);
        Files.write(p, data);
        return p;
    }

    private static String sha256(Path p) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(Files.readAllBytes(p)));
    }

    @Test
    void smbPut_nfsGet_bytesIdentical() throws Exception {
        ExternalTool.require("smbclient");
        ExternalTool.require("nfs-cp");
        Path src = randomFile("smb-src.bin", 1);
        var put = ExternalTool.run(tmp, 300, smbclient("put smb-src.bin x-smb.bin"));
        assertThat(put.exit()).as(put.output()).isZero();

        Path back = tmp.resolve("via-nfs.bin");
        var get = ExternalTool.run(tmp, 300, List.of("nfs-cp", nfsUrl("x-smb.bin"), back.toString()));
        assertThat(get.exit()).as(get.output()).isZero();
        assertThat(Files.size(back)).isEqualTo(SIZE);
        assertThat(sha256(back)).isEqualTo(sha256(src));
    }

    @Test
    void nfsPut_smbGet_bytesIdentical() throws Exception {
        ExternalTool.require("smbclient");
        ExternalTool.require("nfs-cp");
        Path src = randomFile("nfs-src.bin", 2);
        var put = ExternalTool.run(tmp, 300, List.of("nfs-cp", src.toString(), nfsUrl("x-nfs.bin")));
        assertThat(put.exit()).as(put.output()).isZero();

        var get = ExternalTool.run(tmp, 300, smbclient("get x-nfs.bin via-smb.bin"));
        assertThat(get.exit()).as(get.output()).isZero();
        Path back = tmp.resolve("via-smb.bin");
        assertThat(Files.size(back)).isEqualTo(SIZE);
        assertThat(sha256(back)).isEqualTo(sha256(src));
    }
}
