package io.interlock.scenarios.targets.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.interlock.scenarios.clients.nfs.NfsClient;
import io.interlock.scenarios.clients.nfs.NfsClientOptions;
import io.interlock.scenarios.clients.smb.LeaseVersion;
import io.interlock.scenarios.clients.smb.SmbLeaseClient;
import io.interlock.scenarios.clients.smb.SmbOpen;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.scenarios.targets.ServerSettings;
import io.interlock.scenarios.targets.SmbEndpoint;
import io.interlock.scenarios.targets.TargetSetup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The local Samba + ganesha pair: both protocols see one tree from this JVM (host namespace, over
 * the veth pair), each scenario gets its own directory, and closing leaves no namespace, process
 * or directory behind. Skips without root or the packages, with the reason.
 */
class LocalPeersTargetIT {
    @Test
    void sambaGanesha_sharedTree_nfsWriteReadBySmbAndCleanTeardown() throws Exception {
        var why = LocalPeersTarget.unavailable(PeerVariant.SAMBA_GANESHA);
        assumeTrue(why.isEmpty(), () -> why.orElse(""));
        LocalPeersTarget t = LocalPeersTarget.start(PeerVariant.SAMBA_GANESHA);
        String ns;
        Path share;
        List<Long> pids;
        try {
            ns = t.describe().replaceAll(".*netns (interlock-\\d+).*", "$1");
            share = t.shareDir();
            pids = List.copyOf(nsPids(ns));
            assertThat(pids).as("rpcbind, statd, ganesha, smbd").hasSizeGreaterThanOrEqualTo(4);
            try (TargetSetup s1 = t.setup(ServerSettings.NONE);
                    TargetSetup s2 = t.setup(ServerSettings.NONE)) {
                String f1 = s1.paths().nfs("f");
                assertThat(f1).isNotEqualTo(s2.paths().nfs("f"));
                NfsEndpoint n = t.nfs().orElseThrow();
                // explicit ports: our own NFS client, no portmapper asked
                NfsClient nfs = n.connect(NfsClientOptions.defaults(1));
                try {
                    nfs.write(f1, 0, "from nfs".getBytes(StandardCharsets.UTF_8));
                } finally {
                    nfs.close();
                }
                SmbEndpoint e = t.smb().orElseThrow();
                try (SmbLeaseClient smb = SmbLeaseClient.connect(
                        e.host(),
                        e.port(),
                        e.share(),
                        e.user(),
                        e.password(),
                        UUID.randomUUID(),
                        Duration.ofSeconds(30))) {
                    SmbOpen o = smb.open(s1.paths().smb("f"), null, 0, LeaseVersion.V2, false);
                    assertThat(new String(smb.read(o, 0), StandardCharsets.UTF_8))
                            .isEqualTo("from nfs");
                    smb.close(o);
                }
            }
        } finally {
            t.close();
        }
        assertThat(Files.exists(share)).isFalse();
        assertThat(io.interlock.scenarios.targets.local.Commands.check(List.of("ip", "netns", "list")))
                .doesNotContain(ns);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("process " + pid + " of " + ns)
                    .isFalse();
        }
    }

    private static List<Long> nsPids(String ns) throws Exception {
        return java.util.Arrays.stream(
                        Commands.check(List.of("ip", "netns", "pids", ns)).split("\\s+"))
                .filter(x -> x.matches("\\d+"))
                .map(Long::valueOf)
                .toList();
    }
}
