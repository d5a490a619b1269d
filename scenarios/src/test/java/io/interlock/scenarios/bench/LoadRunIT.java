package io.interlock.scenarios.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.server.app.InterlockServer;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The build's load test: 16 clients (8 SMB, 8 NFS) for exactly 60 s against the embedded server.
 * No private write may be lost, every shared read must return something that was written there,
 * no operation may fail, and the server's RSS is sampled throughout.
 */
class LoadRunIT {
    @Test
    void sixteenClientsSixtySeconds_noLostWrite_noError() throws Exception {
        ServerConfig cfg = ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0);
        try (InterlockServer srv = InterlockServer.start(cfg)) {
            LoadTarget target = new LoadTarget(
                    srv.endpoints().smb(),
                    "share",
                    "interlock",
                    "interlock",
                    srv.endpoints().nfs(),
                    srv.endpoints().mount(),
                    LoadTarget::selfRssKiB);
            LoadReport r = new LoadRun(target, 16, Duration.ofSeconds(60), 1).run();
            System.out.println(r.render());
            assertThat(r.errors()).as("failed operations").isEmpty();
            assertThat(r.lostWrites())
                    .as("private reads that missed the client's own last write")
                    .isZero();
            assertThat(r.badSharedReads())
                    .as("shared reads of something nobody wrote there")
                    .isZero();
            assertThat(r.latencies().keySet())
                    .contains(
                            "smb.write.private",
                            "smb.read.private",
                            "smb.write.shared",
                            "smb.read.shared",
                            "nfs.write.private",
                            "nfs.read.private",
                            "nfs.write.shared",
                            "nfs.read.shared");
            assertThat(r.ops()).as("operations in 60 s").isGreaterThan(1_000);
            assertThat(r.rss()).as("RSS samples").hasSizeGreaterThanOrEqualTo(30);
        }
    }
}
