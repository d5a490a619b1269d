package io.interlock.scenarios.targets.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PeerConfTest {
    private static final PeerLayout LAYOUT = new PeerLayout(Path.of("/tmp/peers-1"));

    @Test
    void sambaConf_stock_bindsTheAddressAndKeepsKernelOplocksOff() {
        String c = new SambaConf(LAYOUT, "10.254.0.2", 445, false).render();
        assertThat(c)
                .contains("interfaces = 10.254.0.2\n  bind interfaces only = yes")
                .contains("kernel oplocks = no")
                .contains("smb2 leases = yes")
                .contains("vfs objects = streams_xattr")
                .contains("[share]\n  path = /tmp/peers-1/share")
                .contains("log file = /tmp/peers-1/samba/log/log.%m");
    }

    @Test
    void sambaConf_kernelOplocks_asSambaDocumentsForOtherProtocols() {
        String c = new SambaConf(LAYOUT, "0.0.0.0", 445, true).render();
        assertThat(c)
                .contains("kernel oplocks = yes")
                .contains("posix locking = yes")
                .doesNotContain("interfaces =");
    }

    @Test
    void ganeshaConf_fixedPortsGracelessPseudoMount() {
        String c = new GaneshaConf(LAYOUT, "10.254.0.2", new PeerPorts(445, 2049, 20048, 4045)).render();
        assertThat(c)
                .contains("NFS_Port = 2049;")
                .contains("MNT_Port = 20048;")
                .contains("NLM_Port = 4045;")
                .contains("Enable_NLM = true;")
                .contains("Bind_addr = 10.254.0.2;")
                .contains("Mount_Path_Pseudo = true;")
                .contains("Graceless = true;")
                .contains("RecoveryRoot = /tmp/peers-1/ganesha-recovery;")
                .contains("Path = /tmp/peers-1/share;")
                .contains("Pseudo = /share;")
                .contains("Name = VFS;");
    }

    @Test
    void addresses_slots_distinctSlash30s() {
        assertThat(NetNamespace.addresses(0)).containsExactly("10.254.0.1", "10.254.0.2");
        assertThat(NetNamespace.addresses(1)).containsExactly("10.254.0.5", "10.254.0.6");
        assertThat(NetNamespace.addresses(64)).containsExactly("10.254.1.1", "10.254.1.2");
        assertThat(NetNamespace.addresses(16383)).containsExactly("10.254.255.253", "10.254.255.254");
    }

    @Test
    void variants_idsAndServers() {
        assertThat(PeerVariant.ids())
                .containsExactly("samba+ganesha", "samba+ganesha:kernel-oplocks", "samba", "ganesha");
        assertThat(PeerVariant.byId("samba"))
                .hasValueSatisfying(v -> assertThat(v.ganesha()).isFalse());
        assertThat(LocalPeersTarget.capabilities(PeerVariant.SAMBA_GANESHA_KERNEL_OPLOCKS)
                        .breakPolicies())
                .containsExactly("wait");
        assertThat(LocalPeersTarget.capabilities(PeerVariant.GANESHA).sharedNamespace())
                .isFalse();
    }
}
