package io.interlock.scenarios.targets.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.targets.local.GaneshaConf;
import io.interlock.scenarios.targets.local.LocalPeersTarget;
import io.interlock.scenarios.targets.local.PeerLayout;
import io.interlock.scenarios.targets.local.PeerPackages;
import io.interlock.scenarios.targets.local.PeerPorts;
import io.interlock.scenarios.targets.local.PeerVariant;
import io.interlock.scenarios.targets.local.SambaConf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container target runs what the local target runs: its bundled smb.conf files and
 * ganesha.conf are the local renderers' output for the container's layout, its Dockerfile
 * installs the local target's packages and exposes its ports, and its entrypoint starts the
 * daemons with the local target's command lines.
 */
class ContainerConfigTest {
    private static final PeerLayout LAYOUT = new PeerLayout(PeerLayout.CONTAINER_ROOT);

    private static String resource(String name) throws IOException {
        try (InputStream in =
                ContainerConfigTest.class.getClassLoader().getResourceAsStream(ContainerTarget.RESOURCES + name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void smbConf_stockAndKernelOplocks_equalTheLocalRenderer() throws IOException {
        assertThat(resource("smb.conf")).isEqualTo(new SambaConf(LAYOUT, "0.0.0.0", 445, false).render());
        assertThat(resource("smb-kernel-oplocks.conf")).isEqualTo(new SambaConf(LAYOUT, "0.0.0.0", 445, true).render());
        assertThat(resource("smb-kernel-oplocks.conf")).contains("kernel oplocks = yes", "posix locking = yes");
    }

    @Test
    void ganeshaConf_equalsTheLocalRenderer() throws IOException {
        assertThat(resource("ganesha.conf")).isEqualTo(new GaneshaConf(LAYOUT, "0.0.0.0", PeerPorts.STANDARD).render());
    }

    @Test
    void dockerfile_installsThePeerPackagesAndExposesThePorts() throws IOException {
        String dockerfile = resource("Dockerfile");
        Matcher m = Pattern.compile("--no-install-recommends\\s*\\\\?\\s*\\n\\s*([^\\\\\\n]+)")
                .matcher(dockerfile);
        assertThat(m.find()).as("an apt-get install line").isTrue();
        assertThat(Arrays.asList(m.group(1).strip().split("\\s+")))
                .containsExactlyInAnyOrderElementsOf(PeerPackages.DEBIAN);
        PeerPorts p = PeerPorts.STANDARD;
        assertThat(dockerfile).contains("EXPOSE " + p.smb() + " " + p.nfs() + " " + p.mount() + " " + p.nlm() + " 111");
        assertThat(dockerfile).contains("FROM debian:");
        for (String f : List.of("smb.conf", "smb-kernel-oplocks.conf", "ganesha.conf", "entrypoint.sh")) {
            assertThat(dockerfile).contains(f);
        }
    }

    @Test
    void entrypoint_startsTheDaemonsAsTheLocalTargetDoes() throws IOException {
        String entry = resource("entrypoint.sh");
        for (String line : LocalPeersTarget.daemons(PeerVariant.SAMBA_GANESHA, LAYOUT)) {
            assertThat(entry).contains(line.replace(LAYOUT.smbConf().toString(), "\"$conf\""));
        }
        for (PeerVariant v : List.of(PeerVariant.SAMBA_GANESHA, PeerVariant.SAMBA_GANESHA_KERNEL_OPLOCKS)) {
            assertThat(entry).contains(v.id() + ")");
        }
    }
}
