package io.interlock.scenarios.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.admin.AdminApi;
import io.interlock.server.admin.AdminServer;
import io.interlock.server.admin.AdminToken;
import io.interlock.server.app.InterlockServer;
import io.interlock.server.faults.Fault;
import io.interlock.server.runtime.BreakPolicy;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine's side of the admin endpoint against a running server: RemoteAdmin and AdminSetup. */
class RemoteAdminIT {
    private static ServerConfig config() {
        return ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0);
    }

    @Test
    void adminSetup_scenarioSettings_appliedThroughTheEndpointAndUndoneAtClose() throws Exception {
        AdminToken token = AdminToken.random();
        try (InterlockServer s = InterlockServer.start(config());
                AdminServer endpoint = AdminServer.start(
                        AdminApi.of(s), token, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            RemoteAdmin admin = RemoteAdmin.of("127.0.0.1:" + endpoint.address().getPort(), token.value());
            SmbEndpoint smb = new SmbEndpoint("127.0.0.1", s.endpoints().smb().getPort(), "share", "u", "p");
            AddressTarget target = AddressTarget.withAdmin("serve", smb, null, admin);
            assertThat(target.capabilities().admin()).isTrue();
            ServerSettings settings = new ServerSettings("notify", Duration.ofSeconds(1), List.of("SKIP_NFS_BREAK"));
            String share;
            try (TargetSetup setup = target.setup(settings)) {
                assertThat(setup.skipReason()).isEmpty();
                share = setup.smb().orElseThrow().share();
                assertThat(s.shares().get(share).orElseThrow().breakPolicy()).isEqualTo(BreakPolicy.NOTIFY);
                assertThat(s.faults().on(Fault.SKIP_NFS_BREAK)).isTrue();
                assertThat(s.locks().config().breakTimeout()).isEqualTo(Duration.ofSeconds(1));
                TargetAdmin scoped = setup.admin().orElseThrow();
                scoped.addShare("extra1");
                assertThat(s.shares().get("extra1")).isPresent();
                assertThat(scoped.breaks("WRITE").count()).isZero();
            }
            assertThat(s.shares().get(share)).isEmpty();
            assertThat(s.shares().get("extra1")).isEmpty();
            assertThat(s.faults().on(Fault.SKIP_NFS_BREAK)).isFalse();
            try (TargetSetup plain = target.setup(ServerSettings.NONE)) {
                // the next scenario without a timeout gets the server's own timeout back
                assertThat(s.locks().config().breakTimeout()).isEqualTo(Duration.ofSeconds(35));
                assertThat(plain.admin().orElseThrow().lease(java.util.UUID.randomUUID(), java.util.UUID.randomUUID()))
                        .isEmpty();
            }
        }
    }

    @Test
    void remoteAdmin_wrongToken_saysSo() throws Exception {
        try (InterlockServer s = InterlockServer.start(config());
                AdminServer endpoint = AdminServer.start(
                        AdminApi.of(s),
                        AdminToken.random(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            RemoteAdmin admin =
                    RemoteAdmin.of("http://127.0.0.1:" + endpoint.address().getPort(), "x".repeat(32));
            assertThatThrownBy(admin::faults).hasMessageContaining("refused the token");
        }
    }
}
