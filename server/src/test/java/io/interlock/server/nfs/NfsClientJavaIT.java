package io.interlock.server.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.io.NfsFileInputStream;
import com.emc.ecs.nfsclient.nfs.io.NfsFileOutputStream;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import io.interlock.server.runtime.PortmapMode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nfs-client-java 1.1.0 (com.emc.ecs:nfs-client) against our server. The library always asks the
 * portmapper on 127.0.0.1:111 (spec R-H-1), so the server runs with portmap AUTO on 111: it binds
 * its own portmapper when 111 is free (CI, or a private netns: {@code unshare -n}), or registers
 * with a running rpcbind; when neither works the test is skipped with the reason.
 */
class NfsClientJavaIT {
    private static NfsTestServers servers;
    private static Nfs3 nfs;

    @BeforeAll
    static void start() throws Exception {
        servers = new NfsTestServers(PortmapMode.AUTO, 111);
        int port = NfsTestServers.getPort(new InetSocketAddress("127.0.0.1", 111), 100003, 3);
        Assumptions.assumeTrue(
                port == servers.endpoints.nfs().getPort(),
                "port 111 can be neither bound nor used through rpcbind (GETPORT(NFS v3) at 127.0.0.1:111 gave "
                        + port + ", our NFS port is " + servers.endpoints.nfs().getPort()
                        + "); run inside `unshare -n` or as root with rpcbind running");
        nfs = new Nfs3("127.0.0.1", "/share", new CredentialUnix(0, 0, null), 3);
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void fileOperations_throughNfsClientJava_work() throws Exception {
        Nfs3File dir = new Nfs3File(nfs, "/dir");
        dir.mkdir();
        assertThat(new Nfs3File(nfs, "/dir").isDirectory()).isTrue();

        Nfs3File file = new Nfs3File(nfs, "/dir/data.bin");
        assertThat(file.createNewFile()).isTrue();
        byte[] data = new byte[1024 * 1024];
        new Random(7).nextBytes(data);
        try (OutputStream out = new NfsFileOutputStream(file)) {
            out.write(data);
        }
        assertThat(new Nfs3File(nfs, "/dir/data.bin").length()).isEqualTo(data.length);

        ByteArrayOutputStream back = new ByteArrayOutputStream();
        try (InputStream in = new NfsFileInputStream(new Nfs3File(nfs, "/dir/data.bin"))) {
            in.transferTo(back);
        }
        assertThat(back.toByteArray()).isEqualTo(data);

        for (int i = 0; i < 40; i++) {
            new Nfs3File(nfs, "/dir/f" + i).createNewFile();
        }
        assertThat(new Nfs3File(nfs, "/dir").list()).hasSize(41).contains("data.bin", "f0", "f39");

        Nfs3File renamed = new Nfs3File(nfs, "/dir/renamed.bin");
        assertThat(file.renameTo(renamed)).isTrue();
        assertThat(new Nfs3File(nfs, "/dir/data.bin").exists()).isFalse();
        assertThat(new Nfs3File(nfs, "/dir/renamed.bin").length()).isEqualTo(data.length);

        new Nfs3File(nfs, "/dir/renamed.bin").delete();
        assertThat(new Nfs3File(nfs, "/dir/renamed.bin").exists()).isFalse();
        assertThat(new Nfs3File(nfs, "/dir").list()).hasSize(40);
    }
}
