package io.interlock.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.server.app.InterlockServer;
import io.interlock.server.faults.Fault;
import io.interlock.server.runtime.PortmapMode;
import io.interlock.server.runtime.ServerConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint over real HTTP on an ephemeral loopback port, in front of a running server. */
class AdminServerIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(InetSocketAddress a, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.getPort() + path))
                .timeout(Duration.ofSeconds(5))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ServerConfig config() {
        return ServerConfig.ephemeral().withPortmap(PortmapMode.OFF, 0);
    }

    @Test
    void request_withoutOrWithWrongToken_unauthorized() throws Exception {
        AdminToken token = AdminToken.random();
        try (InterlockServer s = InterlockServer.start(config());
                AdminServer admin = AdminServer.start(
                        AdminApi.of(s), token, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertThat(send(admin.address(), "GET", "/v1/status", null, null).statusCode())
                    .isEqualTo(401);
            assertThat(send(admin.address(), "GET", "/v1/status", "x".repeat(64), null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(send(admin.address(), "PUT", "/v1/faults/SKIP_NFS_BREAK", "wrong-token-0000", null)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(s.faults().on(Fault.SKIP_NFS_BREAK)).isFalse();
        }
    }

    @Test
    void request_withToken_changesTheRunningServer() throws Exception {
        AdminToken token = AdminToken.random();
        try (InterlockServer s = InterlockServer.start(config());
                AdminServer admin = AdminServer.start(
                        AdminApi.of(s), token, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String t = token.value();
            assertThat(send(admin.address(), "PUT", "/v1/faults/SKIP_NFS_BREAK", t, null)
                            .statusCode())
                    .isEqualTo(204);
            assertThat(s.faults().on(Fault.SKIP_NFS_BREAK)).isTrue();
            HttpResponse<String> added = send(admin.address(), "POST", "/v1/shares", t, "{\"name\":\"extra\"}");
            assertThat(added.statusCode()).isEqualTo(201);
            assertThat(added.body()).contains("\"nfsExport\":\"/extra\"");
            assertThat(s.shares().get("extra")).isPresent();
            HttpResponse<String> status = send(admin.address(), "GET", "/v1/status", t, null);
            assertThat(status.statusCode()).isEqualTo(200);
            assertThat(status.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(status.body())
                    .contains("\"faults\":[\"SKIP_NFS_BREAK\"]")
                    .contains("\"name\":\"extra\"");
        }
    }

    @Test
    void start_nonLoopbackAddress_refused() {
        assertThatThrownBy(() -> AdminServer.start(null, AdminToken.random(), new InetSocketAddress("0.0.0.0", 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("loopback only");
    }

    @Test
    void tokenFile_absent_createdOwnerOnlyThenReadBack(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("sub/admin.token");
        AdminToken first = AdminToken.fromFile(f);
        assertThat(Files.getPosixFilePermissions(f))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(AdminToken.fromFile(f).value()).isEqualTo(first.value());
        assertThat(first.matchesHeader("Bearer " + first.value())).isTrue();
        assertThat(first.matchesHeader("bearer " + first.value() + " ")).isTrue();
        assertThat(first.matchesHeader(first.value())).isFalse();
    }
}
