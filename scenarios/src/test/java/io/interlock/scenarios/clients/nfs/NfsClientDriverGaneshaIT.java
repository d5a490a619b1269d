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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nfs-client-java {@link NfsClientDriver} against nfs-ganesha: the {@link NfsClientContract},
 * and the engine reaching ganesha through a host-only target (the driver's case). The library asks
 * the portmapper on port 111, so this skips outside a private netns (see {@link GaneshaPeer}).
 */
class NfsClientDriverGaneshaIT extends NfsClientContract {
    private static GaneshaPeer ganesha;
    private static NfsClientDriver nfs;

    @BeforeAll
    static void start() throws Exception {
        ganesha = GaneshaPeer.startOrSkip();
        nfs = NfsClientDriver.connect("127.0.0.1", ganesha.exportPath());
    }

    @AfterAll
    static void stop() throws Exception {
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
    }

    @Test
    void engine_hostOnlyTarget_recordsEveryStepAndFailsOnlyTheMissingRemove() throws Exception {
        String yaml = new String(
                NfsClientDriverGaneshaIT.class
                        .getResourceAsStream("/scenarios/nfs-namespace.yaml")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        Scenario s = ScenarioCatalog.parse(yaml, "nfs-namespace.yaml");
        ScenarioResult r =
                ScenarioRunner.runOne(s, AddressTarget.of("127.0.0.1", 0, "share", "u", "p", ganesha.exportPath()), 1);
        System.out.println(r.verdict() + " " + r.reason());
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.reason()).isEqualTo("step rm-missing (nfs.remove) failed: NFS3ERR_NOENT");
        assertThat(r.history().stream().filter(e -> e.kind() == EventKind.OK).map(HistoryEvent::step))
                .contains("w1", "w2", "r1", "mv", "c1", "rm", "expect:content:nfs:n2");
    }
}
