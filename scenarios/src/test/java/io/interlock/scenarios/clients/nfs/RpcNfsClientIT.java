package io.interlock.scenarios.clients.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.clients.ClientActivity;
import io.interlock.scenarios.targets.EmbeddedTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import io.interlock.server.runtime.PortmapMode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcNfsClient} against our embedded server with its portmapper <em>off</em>: every
 * {@link NfsClient} method and status works on the explicit MOUNT and NFS ports alone, so the
 * client cannot have asked a portmapper. Plus what only this client promises: one connection of
 * its own per instance, and its {@link ClientActivity} reports.
 */
class RpcNfsClientIT extends NfsClientContract {
    private static EmbeddedTarget target;
    private static NfsEndpoint endpoint;
    private static RpcNfsClient client;

    @BeforeAll
    static void start() throws Exception {
        target = EmbeddedTarget.start(EmbeddedTarget.ephemeralConfig().withPortmap(PortmapMode.OFF, 0));
        endpoint = target.nfs().orElseThrow();
        assertThat(endpoint.portmapPort()).as("no portmapper runs").isZero();
        assertThat(endpoint.hasExplicitPorts()).isTrue();
        client = connect(NfsClientOptions.defaults(42));
    }

    private static RpcNfsClient connect(NfsClientOptions o) throws IOException {
        return RpcNfsClient.connect(
                endpoint.address(endpoint.mountPort()), endpoint.address(endpoint.nfsPort()), endpoint.exportPath(), o);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected NfsClient client() {
        return client;
    }

    @Test
    void endpointConnect_explicitPorts_isOurOwnClient() throws Exception {
        try (NfsClient c = endpoint.connect(NfsClientOptions.defaults(7))) {
            assertThat(c).isInstanceOf(RpcNfsClient.class);
            String d = freshDir();
            c.write(d + "/e", 0, ascii("via endpoint"));
            assertThat(text(client.read(d + "/e"))).isEqualTo("via endpoint");
        }
    }

    @Test
    void connect_unknownExport_failsNamingTheMountStatus() {
        assertThatThrownBy(() -> RpcNfsClient.connect(
                        endpoint.address(endpoint.mountPort()),
                        endpoint.address(endpoint.nfsPort()),
                        "/no-such-share",
                        NfsClientOptions.defaults(1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("MNT /no-such-share")
                .hasMessageMatching(".*MNT3ERR_(NOENT|ACCES).*");
    }

    @Test
    void twoClients_eachHasItsOwnConnection_andSeesTheOthersWrites() throws Exception {
        try (RpcNfsClient a = connect(NfsClientOptions.defaults(100));
                RpcNfsClient b = connect(NfsClientOptions.defaults(200))) {
            assertThat(a.localAddress()).isNotEqualTo(b.localAddress()).isNotEqualTo(client.localAddress());
            String d = freshDir();
            a.write(d + "/shared", 0, ascii("from a"));
            assertThat(text(b.read(d + "/shared"))).isEqualTo("from a");
            a.close();
            // closing one client leaves the other's connection alone
            b.write(d + "/shared", 0, ascii("FROM B"));
            assertThat(text(client.read(d + "/shared"))).isEqualTo("FROM B");
            assertThatThrownBy(() -> a.read(d + "/shared")).isInstanceOf(IOException.class);
        }
    }

    /** Records every report in order, with the thread that made it. */
    private static final class Recorder implements ClientActivity {
        final List<String> events = new ArrayList<>();
        long wrote;
        long consumed;

        @Override
        public synchronized void wrote(InetSocketAddress local, int n) {
            events.add("wrote " + local.getPort());
            wrote += n;
        }

        @Override
        public synchronized void consumed(InetSocketAddress local, int n) {
            events.add("consumed " + local.getPort());
            consumed += n;
        }

        @Override
        public synchronized void blocking(Future<?> awaited) {
            events.add("blocking " + (awaited == null ? "socket" : "future"));
        }

        @Override
        public synchronized void unblocked() {
            events.add("unblocked");
        }

        synchronized List<String> events() {
            return new ArrayList<>(events);
        }
    }

    @Test
    void activity_everyCall_wroteThenBlockingThenUnblockedBeforeConsumed() throws Exception {
        Recorder r = new Recorder();
        try (RpcNfsClient c = connect(NfsClientOptions.defaults(300).withActivity(r))) {
            int nfsPort = c.localAddress().getPort();
            List<String> atConnect = r.events();
            // MNT on its own connection, then FSINFO on the NFS connection: two calls
            assertThat(atConnect).hasSize(8);
            assertThat(atConnect.get(0)).startsWith("wrote ").isNotEqualTo("wrote " + nfsPort);
            assertThat(atConnect.subList(4, 8))
                    .containsExactly("wrote " + nfsPort, "blocking socket", "unblocked", "consumed " + nfsPort);
            String d = freshDir();
            c.write(d + "/act", 0, ascii("x")); // LOOKUP d, LOOKUP act (NOENT), CREATE, WRITE
            List<String> after = r.events().subList(8, r.events().size());
            assertThat(after).hasSize(4 * 4);
            for (int i = 0; i < after.size(); i += 4) {
                assertThat(after.subList(i, i + 4))
                        .containsExactly("wrote " + nfsPort, "blocking socket", "unblocked", "consumed " + nfsPort);
            }
            assertThat(r.wrote).isPositive();
            assertThat(r.consumed).isPositive();
        }
    }
}
