package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import io.interlock.server.runtime.PortmapMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libnfs-utils (nfs-cp, nfs-ls, nfs-cat) against our server on ephemeral ports, addressed with
 * libnfs URL arguments {@code ?version=3&nfsport=N&mountport=M} (no portmapper needed). libnfs-utils
 * 4.0 has no rm/mv tool, so rename and remove go through nfs-client-java, which needs port 111 (that
 * test is skipped when 111 is unusable).
 */
class LibnfsIT {
    private static final Path NFS_CP = Path.of("/usr/bin/nfs-cp");
    private static final Path NFS_LS = Path.of("/usr/bin/nfs-ls");
    private static final Path NFS_CAT = Path.of("/usr/bin/nfs-cat");
    private static final int SIZE = 64 * 1024 * 1024;

    private static NfsTestServers servers;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(NFS_CP) && Files.isExecutable(NFS_LS) && Files.isExecutable(NFS_CAT),
                "libnfs-utils (nfs-cp, nfs-ls, nfs-cat) not installed");
        servers = new NfsTestServers(PortmapMode.AUTO, 111);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    private static String url(String path) {
        return "nfs://127.0.0.1/share" + path + "?version=3&nfsport="
                + servers.endpoints.nfs().getPort() + "&mountport="
                + servers.endpoints.mount().getPort();
    }

    /** Runs a tool; returns stdout; fails with stderr on a non-zero exit. */
    private byte[] run(String... cmd) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".bin");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " timed out");
        }
        assertThat(p.exitValue())
                .as("%s failed: %s", String.join(" ", cmd), Files.readString(err))
                .isZero();
        return Files.readAllBytes(out);
    }

    @Test
    void copy64MiB_upListAndBack_isByteIdentical() throws Exception {
        Path local = tmp.resolve("random.bin");
        byte[] data = new byte[SIZE];
        new Random(64).nextBytes(data);
        Files.write(local, data);

        run(NFS_CP.toString(), local.toString(), url("/big.bin"));

        String listing = new String(run(NFS_LS.toString(), url("")));
        assertThat(listing.lines().filter(l -> l.endsWith(" big.bin") || l.endsWith("\tbig.bin")))
                .as("nfs-ls output:%n%s", listing)
                .singleElement()
                .satisfies(l -> assertThat(List.of(l.trim().split("\\s+"))).contains(String.valueOf(SIZE)));

        byte[] cat = run(NFS_CAT.toString(), url("/big.bin"));
        assertThat(cat.length).isEqualTo(SIZE);
        assertThat(cat).isEqualTo(data);

        Path back = tmp.resolve("back.bin");
        run(NFS_CP.toString(), url("/big.bin"), back.toString());
        assertThat(Files.mismatch(local, back)).isEqualTo(-1L);
    }

    @Test
    void renameAndRemove_ofAFileCopiedByLibnfs_throughNfsClientJava() throws Exception {
        int port = NfsTestServers.getPort(new InetSocketAddress("127.0.0.1", 111), 100003, 3);
        Assumptions.assumeTrue(
                port == servers.endpoints.nfs().getPort(),
                "libnfs-utils 4.0 has no rm/mv; nfs-client-java needs our server on port 111, which is unusable here");
        Path local = tmp.resolve("small.txt");
        Files.writeString(local, "hello from libnfs\n");
        run(NFS_CP.toString(), local.toString(), url("/small.txt"));

        Nfs3 nfs = new Nfs3("127.0.0.1", "/share", new CredentialUnix(0, 0, null), 3);
        assertThat(new Nfs3File(nfs, "/small.txt").renameTo(new Nfs3File(nfs, "/moved.txt")))
                .isTrue();
        assertThat(new String(run(NFS_CAT.toString(), url("/moved.txt")))).isEqualTo("hello from libnfs\n");
        new Nfs3File(nfs, "/moved.txt").delete();
        String listing = new String(run(NFS_LS.toString(), url("")));
        assertThat(listing).doesNotContain("moved.txt").doesNotContain("small.txt");
    }
}
