package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.ops.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioCatalogTest {

    @Test
    void load_bundledCatalog_containsXpWriteBreaksLease() {
        Scenario s = ScenarioCatalog.find("xp-write-breaks-lease").orElseThrow();
        assertThat(s.requirements()).containsExactly("R-XP-1");
        assertThat(s.clients()).containsOnlyKeys("A", "B");
        assertThat(s.steps())
                .extracting(Step::name)
                .containsExactly(
                        "smb.open", "smb.write", "nfs.write", "smb.await-break", "smb.ack", "join", "smb.close");
        assertThat(s.steps().get(2).async()).isTrue();
        assertThat(s.expectations()).extracting(Expectation::expect).containsExactly("break", "content", "content");
    }

    @Test
    void index_catalogDirectory_listsEveryYamlFileAndIdsMatchFileNames() throws IOException {
        Path dir = Path.of("src/main/resources/catalog");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")))
                    .containsExactlyInAnyOrderElementsOf(ScenarioCatalog.index());
        }
        for (Scenario s : ScenarioCatalog.load()) {
            assertThat(ScenarioCatalog.index()).contains(s.id() + ".yaml");
        }
    }

    private static final String HEAD = "id: t\ntitle: t\nclients: {A: {protocol: smb}}\n";

    @Test
    void parse_unknownOp_isRejectedWithStepId() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "steps: [{id: s1, client: A, op: smb.fly}]", "x"))
                .hasMessageContaining("s1")
                .hasMessageContaining("unknown op smb.fly");
    }

    @Test
    void parse_stepOfUnknownClient_isRejected() {
        assertThatThrownBy(
                        () -> ScenarioCatalog.parse(HEAD + "steps: [{id: s1, client: Z, op: smb.open, path: f}]", "x"))
                .hasMessageContaining("unknown client Z");
    }

    @Test
    void parse_nfsOpOnSmbClient_isRejected() {
        assertThatThrownBy(
                        () -> ScenarioCatalog.parse(HEAD + "steps: [{id: s1, client: A, op: nfs.write, path: f}]", "x"))
                .hasMessageContaining("the op needs nfs");
    }

    @Test
    void parse_breakBeforeUnknownStep_isRejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(
                        HEAD + "expectations: [{expect: break, client: A, to: NONE, before: nope}]", "x"))
                .hasMessageContaining("unknown step nope");
    }

    @Test
    void parse_misspelledKey_isRejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "stepz: []", "x")).hasMessageContaining("stepz");
    }

    @Test
    void parse_serverSettingsAndDetects_areRead() {
        Scenario s = ScenarioCatalog.find("xp-lost-write-notify").orElseThrow();
        assertThat(s.server().breakPolicy()).isEqualTo("notify");
        assertThat(s.expectFailure()).isEqualTo("lost-write");
        assertThat(s.clients().get("A").isCaching()).isTrue();
        assertThat(s.clients().get("A").flushDelay()).hasMillis(500);
        assertThat(ScenarioCatalog.find("xp-lost-write-wait").orElseThrow().detectedFaults())
                .contains(io.interlock.server.faults.Fault.BREAK_AFTER_DATA_CHANGE);
    }

    @Test
    void parse_unknownFaultPoint_isRejectedListingTheNames() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "detects: [SKIP_EVERYTHING]", "x"))
                .hasMessageContaining("unknown fault point 'SKIP_EVERYTHING'")
                .hasMessageContaining("SKIP_NFS_BREAK");
    }

    @Test
    void parse_unknownBreakPolicy_isRejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "server: {breakPolicy: maybe}", "x"))
                .hasMessageContaining("unknown break policy 'maybe'");
    }

    @Test
    void parse_ackWithoutAwaitBreak_isRejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "steps: [{id: s1, client: A, op: smb.ack}]", "x"))
                .hasMessageContaining("smb.ack needs an earlier smb.await-break of A");
    }

    @Test
    void parse_expectFailureWithoutThatExpectation_isRejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "expectFailure: lost-write", "x"))
                .hasMessageContaining("expectFailure lost-write names no expectation");
    }

    @Test
    void parse_flushDelayWithoutCaching_isRejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse("id: x\nclients: {A: {protocol: smb, flushDelay: PT1S}}\n", "x"))
                .hasMessageContaining("flushDelay needs caching: true");
    }

    @Test
    void statusMatches_alternatives_matchAnyCaseInsensitively() {
        Scenario s = ScenarioCatalog.find("xp-failed-op-breaks-nothing").orElseThrow();
        Step w = s.steps().stream()
                .filter(x -> x.id().equals("b-write-dir"))
                .findFirst()
                .orElseThrow();
        assertThat(w.statusMatches("NFS3ERR_INVAL")).isTrue();
        assertThat(w.statusMatches("nfs3err_isdir")).isTrue();
        assertThat(w.statusMatches("NFS3ERR_NOENT")).isFalse();
        assertThat(w.statusMatches(null)).isFalse();
    }
}
