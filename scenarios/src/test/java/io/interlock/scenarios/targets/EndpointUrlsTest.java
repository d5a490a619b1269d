package io.interlock.scenarios.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointUrlsTest {
    @Test
    void smb_fullUrl_allParts() {
        SmbEndpoint e = EndpointUrls.smb("smb://alice:s%40cret@nas1.example.org:4445/data");
        assertThat(e).isEqualTo(new SmbEndpoint("nas1.example.org", 4445, "data", "alice", "s@cret"));
    }

    @Test
    void smb_noPort_445() {
        assertThat(EndpointUrls.smb("smb://u:p@10.0.0.5/share").port()).isEqualTo(445);
    }

    @Test
    void smb_missingShareUserOrScheme_explained() {
        assertThatThrownBy(() -> EndpointUrls.smb("smb://u:p@host")).hasMessageContaining("names one share");
        assertThatThrownBy(() -> EndpointUrls.smb("smb://u:p@host/a/b")).hasMessageContaining("names one share");
        assertThatThrownBy(() -> EndpointUrls.smb("smb://host/share")).hasMessageContaining("needs a user");
        assertThatThrownBy(() -> EndpointUrls.smb("cifs://u:p@host/share")).hasMessageContaining("smb://");
    }

    @Test
    void smb_errorMessage_hidesThePassword() {
        assertThatThrownBy(() -> EndpointUrls.smb("smb://u:topsecret@host"))
                .hasMessageNotContaining("topsecret")
                .hasMessageContaining("u:***@host");
    }

    @Test
    void nfs_explicitPorts_allKept() {
        EndpointUrls.NfsAddress a = EndpointUrls.nfs("nfs://10.0.0.5:2050/export/data?mount=20048&nlm=4045");
        assertThat(a).isEqualTo(new EndpointUrls.NfsAddress("10.0.0.5", "/export/data", 2050, 20048, 4045, 111));
    }

    @Test
    void nfs_mountWithoutNfsPort_2049() {
        assertThat(EndpointUrls.nfs("nfs://h/e?mount=635").nfsPort()).isEqualTo(2049);
    }

    @Test
    void nfs_hostOnly_everythingThroughThePortmapper() {
        EndpointUrls.NfsAddress a = EndpointUrls.nfs("nfs://h/e?portmap=1111");
        assertThat(a.nfsPort()).isZero();
        assertThat(a.mountPort()).isZero();
        assertThat(a.portmapPort()).isEqualTo(1111);
    }

    @Test
    void nfs_unknownParameterOrBadPort_explained() {
        assertThatThrownBy(() -> EndpointUrls.nfs("nfs://h/e?mountport=1")).hasMessageContaining("mountport");
        assertThatThrownBy(() -> EndpointUrls.nfs("nfs://h/e?mount=70000")).hasMessageContaining("1-65535");
    }
}
