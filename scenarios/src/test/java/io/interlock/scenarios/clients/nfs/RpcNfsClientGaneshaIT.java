package io.interlock.scenarios.clients.nfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.engine.ScenarioRunner;
import io.interlock.scenarios.peers.GaneshaPeer;
import io.interlock.scenarios.targets.AddressTarget;
import io.interlock.scenarios.targets.NfsEndpoint;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our own {@link RpcNfsClient} against nfs-ganesha (VFS backend, real files) on ganesha's explicit
 * MOUNT and NFS ports: the {@link NfsClientContract}, the data on ganesha's disk, and the engine
 * reaching ganesha through a target with explicit ports. ganesha.sh starts an rpcbind on port 111,
 * so {@link GaneshaPeer} runs only inside a private network namespace (see its Javadoc); our
 * client never asks that rpcbind anything.
 */
class RpcNfsClientGaneshaIT extends NfsClientContract {
    private static GaneshaPeer ganesha;
    private static RpcNfsClient nfs;

    @BeforeAll
    static void start() throws Exception {
        ganesha = GaneshaPeer.startOrSkip();
        nfs = RpcNfsClient.connect(
                new InetSocketAddress("127.0.0.1", ganesha.mountPort()),
                new InetSocketAddress("127.0.0.1", ganesha.nfsPort()),
                ganesha.exportPath(),
                NfsClientOptions.defaults(11));
    }

    @AfterAll
    static void stop() throws Exception {
        if (nfs != null) {
            nfs.close();
        }
        if (ganesha != null) {
            ganesha.close();
        }
    }

    @Override
    protected NfsClient client() {
        return nfs;
    }

    @Test
    void write_newFile_landsOnGaneshasDisk() throws Exception {
        String d = freshDir();
        nfs.write(d + "/w.txt", 0, ascii("hello"));
        nfs.write(d + "/w.txt", 5, ascii(" world"));
        assertThat(ganesha.exportDir().resolve(d).resolve("w.txt")).hasContent("hello world");
        nfs.link(d + "/w.txt", d + "/hard");
        assertThat(ganesha.exportDir().resolve(d).resolve("hard")).hasContent("hello world");
    }

    @Test
    void engine_explicitPortsTarget_recordsEveryStepAndFailsOnlyTheMissingRemove() throws Exception {
        String yaml = new String(
                RpcNfsClientGaneshaIT.class
                        .getResourceAsStream("/scenarios/nfs-namespace.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        Scenario s = ScenarioCatalog.parse(yaml, "nfs-namespace.yaml");
        // portmap 0: the engine is told there is no portmapper, so it can only use the ports
        NfsEndpoint n =
                new NfsEndpoint("127.0.0.1", ganesha.exportPath(), ganesha.nfsPort(), ganesha.mountPort(), 0, 0);
        ScenarioResult r = ScenarioRunner.runOne(s, new AddressTarget(null, n), 1);
        System.out.println(r.verdict() + " " + r.reason());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).isEqualTo("step rm-missing (nfs.remove) failed: NFS3ERR_NOENT");
        assertThat(r.history().stream().filter(e -> e.kind() == EventKind.OK).map(HistoryEvent::step))
                .contains("w1", "w2", "r1", "mv", "c1", "rm", "expect:content:nfs:n2");
    }
}
