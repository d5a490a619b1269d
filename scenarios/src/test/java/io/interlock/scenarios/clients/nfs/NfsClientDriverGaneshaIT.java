package io.interlock.scenarios.clients.nfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.reports.EventKind;
import io.interlock.reports.HistoryEvent;
import io.interlock.reports.ScenarioResult;
import io.interlock.reports.Verdict;
import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.engine.ScenarioRunner;
import io.interlock.scenarios.peers.GaneshaPeer;
import io.interlock.scenarios.targets.AddressTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The NFSv3 driver against nfs-ganesha; needs port 111, so it skips outside a private netns. */
class NfsClientDriverGaneshaIT {
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

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void writeAtOffsets_newFile_readsBackWholeContent() throws Exception {
        assertThat(nfs.write("w.txt", 0, ascii("hello"))).isEqualTo(5);
        assertThat(nfs.write("w.txt", 5, ascii(" world"))).isEqualTo(6);
        assertThat(new String(nfs.read("w.txt"), StandardCharsets.US_ASCII)).isEqualTo("hello world");
        NfsAttrs a = nfs.getattr("w.txt");
        System.out.println("ganesha attrs: " + a);
        assertThat(a.size()).isEqualTo(11);
        assertThat(a.uid()).isBetween(0L, 0xFFFFFFFFL);
        assertThat(ganesha.exportDir().resolve("w.txt")).hasContent("hello world");
    }

    @Test
    void renameThenRemove_existingFile_movesAndDeletes() throws Exception {
        nfs.write("r1.txt", 0, ascii("x"));
        nfs.rename("r1.txt", "r2.txt");
        assertThat(nfs.exists("r1.txt")).isFalse();
        assertThat(nfs.read("r2.txt")).isEqualTo(ascii("x"));
        nfs.remove("r2.txt");
        assertThat(nfs.exists("r2.txt")).isFalse();
    }

    @Test
    void createGuarded_existingFile_failsWithExist() throws Exception {
        nfs.create("c.txt");
        assertThatThrownBy(() -> nfs.create("c.txt"))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(NfsClientDriver.statusOf(e)).isEqualTo("NFS3ERR_EXIST"));
    }

    @Test
    void engine_nfsScenario_recordsEveryStepAndFailsOnlyTheMissingRemove() throws Exception {
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

    @Test
    void remove_missingFile_reportsNoent() {
        assertThatThrownBy(() -> nfs.remove("missing.txt"))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(NfsClientDriver.statusOf(e)).isEqualTo("NFS3ERR_NOENT"));
    }
}
