package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
                .extracting(Step::op)
                .containsExactly(
                        "smb.open", "smb.write", "nfs.write", "smb.await-break", "smb.ack", "join", "smb.close");
        assertThat(s.steps().get(2).isAsync()).isTrue();
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
                .hasMessageContaining("not a smb op");
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
}
