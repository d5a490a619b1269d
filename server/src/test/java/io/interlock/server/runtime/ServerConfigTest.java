package io.interlock.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.faults.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaults_noFile_documentedValues() {
        ServerConfig c = ServerConfig.defaults();
        assertThat(c.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(c.smbPort()).isEqualTo(4445);
        assertThat(c.nfsPort()).isEqualTo(2049);
        assertThat(c.mountPort()).isEqualTo(20048);
        assertThat(c.nlmPort()).isZero();
        assertThat(c.portmap()).isEqualTo(PortmapMode.AUTO);
        assertThat(c.portmapPort()).isEqualTo(111);
        assertThat(c.breakTimeout()).isEqualTo(Duration.ofSeconds(35));
        assertThat(c.breakPolicy()).isEqualTo(BreakPolicy.WAIT);
        assertThat(c.guest()).isFalse();
        assertThat(c.signingRequired()).isFalse();
        assertThat(c.users()).containsExactly(new UserConfig("interlock", "interlock"));
        assertThat(c.shares()).containsExactly(ShareConfig.inMemory("share"));
        assertThat(c.faults()).isEmpty();
    }

    @Test
    void parse_emptyText_defaults() throws IOException {
        assertThat(ServerConfig.parse("")).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void ephemeral_allPortsZero() {
        ServerConfig c = ServerConfig.ephemeral();
        assertThat(List.of(c.smbPort(), c.nfsPort(), c.mountPort(), c.nlmPort()))
                .containsOnly(0);
    }

    @Test
    void load_fullFileWithKebabCaseKeys_allValuesRead() throws IOException {
        Path f = dir.resolve("interlock.yaml");
        Files.writeString(
                f,
                """
                bind-address: 0.0.0.0
                smb-port: 1445
                nfs-port: 12049
                mount-port: 0
                nlm-port: 4045
                portmap: rpcbind
                portmap-port: 1111
                break-timeout: PT5S
                break-policy: jukebox
                guest: true
                signing-required: true
                users: [{name: alice, password: secret}]
                shares: [{name: data, path: /srv/data, break-policy: notify}, {name: mem}]
                faults: [SKIP_NFS_BREAK, IGNORE_BREAK_ACK]
                """);
        ServerConfig c = ServerConfig.load(f);
        assertThat(c.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(c.smbPort()).isEqualTo(1445);
        assertThat(c.nfsPort()).isEqualTo(12049);
        assertThat(c.mountPort()).isZero();
        assertThat(c.nlmPort()).isEqualTo(4045);
        assertThat(c.portmap()).isEqualTo(PortmapMode.RPCBIND);
        assertThat(c.portmapPort()).isEqualTo(1111);
        assertThat(c.breakTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.breakPolicy()).isEqualTo(BreakPolicy.JUKEBOX);
        assertThat(c.guest()).isTrue();
        assertThat(c.signingRequired()).isTrue();
        assertThat(c.users()).containsExactly(new UserConfig("alice", "secret"));
        assertThat(c.shares())
                .containsExactly(new ShareConfig("data", "/srv/data", BreakPolicy.NOTIFY), ShareConfig.inMemory("mem"));
        assertThat(c.faults()).isEqualTo(Set.of(Fault.SKIP_NFS_BREAK, Fault.IGNORE_BREAK_ACK));
    }

    @Test
    void load_partialFile_restAreDefaults() throws IOException {
        Path f = dir.resolve("partial.yaml");
        Files.writeString(f, "smb-port: 0\nbreak-policy: notify\n");
        ServerConfig c = ServerConfig.load(f);
        assertThat(c.smbPort()).isZero();
        assertThat(c.breakPolicy()).isEqualTo(BreakPolicy.NOTIFY);
        assertThat(c.nfsPort()).isEqualTo(ServerConfig.DEFAULT_NFS_PORT);
        assertThat(c.shares()).isEqualTo(ServerConfig.defaults().shares());
        assertThat(c.users()).isEqualTo(ServerConfig.defaults().users());
    }

    @Test
    void parse_unknownKey_clearError() {
        assertThatThrownBy(() -> ServerConfig.parse("smb-port: 1\nsmb-prot: 2\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("smb-prot");
    }

    @Test
    void parse_camelCaseKey_rejectedAsUnknown() {
        assertThatThrownBy(() -> ServerConfig.parse("smbPort: 1\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("smbPort");
    }

    @Test
    void parse_badValue_ioException() {
        assertThatThrownBy(() -> ServerConfig.parse("smb-port: 70000\n")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ServerConfig.parse("break-policy: sometimes\n"))
                .isInstanceOf(IOException.class);
    }

    @Test
    void load_missingFile_ioExceptionNamesPath() {
        Path missing = dir.resolve("nope/interlock.yaml");
        assertThatThrownBy(() -> ServerConfig.load(missing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void constructor_portOutOfRange_rejected() {
        assertThatThrownBy(() -> ServerConfig.defaults().withPorts(-1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withers_changeOnlyTheirPart() {
        ServerConfig c = ServerConfig.defaults().withBreaks(Duration.ofSeconds(7), BreakPolicy.NOTIFY);
        assertThat(c.breakTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(c.breakPolicy()).isEqualTo(BreakPolicy.NOTIFY);
        assertThat(c.withPorts(1, 2, 3, 4).breakTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void parse_smbEncryptionKeys_areRead_andDefaultOff() throws Exception {
        ServerConfig c = ServerConfig.parse("encryption-required: true\nencrypted-shares: [Data, share]\n");
        org.assertj.core.api.Assertions.assertThat(c.encryptionRequired()).isTrue();
        org.assertj.core.api.Assertions.assertThat(c.encryptedShares()).containsExactlyInAnyOrder("Data", "share");
        org.assertj.core.api.Assertions.assertThat(ServerConfig.defaults().encryptionRequired())
                .isFalse();
        org.assertj.core.api.Assertions.assertThat(ServerConfig.parse("{}").encryptedShares())
                .isEmpty();
    }

    @Test
    void parse_partialLimitsBlock_restOfLimitsAreDefaults() throws Exception {
        ServerConfig c = ServerConfig.parse(
                "limits:\n  idle-timeout: PT2M\n  max-connections: 50\n" + "  memory-capacity: 268435456\n");
        assertThat(c.limits().idleTimeout()).isEqualTo(java.time.Duration.ofMinutes(2));
        assertThat(c.limits().maxConnections()).isEqualTo(50);
        assertThat(c.limits().memoryCapacity()).isEqualTo(268435456L);
        assertThat(c.limits().effectiveMemoryCapacity()).isEqualTo(268435456L);
        assertThat(c.limits().loginTimeout()).isEqualTo(ServerLimits.DEFAULT_LOGIN_TIMEOUT);
        assertThat(c.limits().requestTimeout()).isEqualTo(ServerLimits.DEFAULT_REQUEST_TIMEOUT);
        assertThat(c.limits().preLoginMaxBytes()).isEqualTo(ServerLimits.DEFAULT_PRE_LOGIN_MAX_BYTES);
        assertThat(ServerConfig.parse("").limits()).isEqualTo(ServerLimits.defaults());
    }

    @Test
    void parse_limitsOff_zeroTimeouts_andBadValuesRefused() throws Exception {
        ServerConfig c = ServerConfig.parse("limits: {idle-timeout: 0, login-timeout: PT0S}\n");
        assertThat(c.limits().idleTimeout()).isZero();
        assertThat(c.limits().loginTimeout()).isZero();
        assertThatThrownBy(() -> ServerConfig.parse("limits: {max-connections: -1}\n"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ServerConfig.parse("limits: {pre-login-max-bytes: 10}\n"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> ServerConfig.parse("limits: {idle-timout: PT1M}\n"))
                .isInstanceOf(IOException.class);
    }
}
