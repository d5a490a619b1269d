package io.interlock.scenarios.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving target names without starting anything real. */
class TargetsTest {
    @TempDir
    Path dir;

    private final AtomicInteger embeddedStarts = new AtomicInteger();

    private Target fakeEmbedded() {
        embeddedStarts.incrementAndGet();
        return new UnavailableTarget("embedded", "test stand-in");
    }

    @Test
    void open_default_startsTheEmbeddedTarget() throws Exception {
        Target t = Targets.open(Targets.Request.named(null), null, this::fakeEmbedded);
        assertThat(embeddedStarts).hasValue(1);
        assertThat(t.describe()).startsWith("embedded");
    }

    @Test
    void open_addressTarget_mapsPathsAndOffersBothProtocols() throws Exception {
        Target t = Targets.open(
                new Targets.Request(null, "smb://u:p@h/s", "nfs://h/e?mount=635", ":data", null, null),
                null,
                this::fakeEmbedded);
        assertThat(t).isInstanceOf(AddressTarget.class);
        assertThat(t.capabilities().paths()).isEqualTo(new PathMapping("", "data"));
        assertThat(t.capabilities().admin()).isFalse();
        assertThat(t.describe())
                .contains("smb://u@h:445/s")
                .contains("paths=:data")
                .doesNotContain(":p@");
        assertThat(embeddedStarts).hasValue(0);
    }

    @Test
    void open_namedEntryOfATargetsFile_resolvesKindAndAddress() throws Exception {
        Path f = dir.resolve("targets.yaml");
        Files.writeString(
                f,
                """
                targets:
                  nas1:
                    smb: smb://alice:pw@nas1/data
                    pathMap: ":exports/data"
                  local:
                    kind: embedded
                """);
        TargetFile file = TargetFile.read(f);
        Target nas = Targets.open(Targets.Request.named("nas1"), file, this::fakeEmbedded);
        assertThat(nas.describe()).startsWith("nas1 address smb://alice@nas1:445/data");
        assertThat(nas.nfs()).isEmpty();
        Targets.open(Targets.Request.named("local"), file, this::fakeEmbedded);
        assertThat(embeddedStarts).hasValue(1);
    }

    @Test
    void read_entryWithKindAndAddress_rejected() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "targets:\n  x:\n    kind: samba\n    smb: smb://a:b@h/s\n");
        assertThatThrownBy(() -> TargetFile.read(f)).hasMessageContaining("not both");
    }

    @Test
    void open_unknownName_listsKindsAndFileNames() throws Exception {
        Path f = dir.resolve("t.yaml");
        Files.writeString(f, "targets:\n  nas1:\n    smb: smb://a:b@h/s\n");
        assertThatThrownBy(() -> Targets.open(Targets.Request.named("nas2"), TargetFile.read(f), this::fakeEmbedded))
                .hasMessageContaining("unknown target 'nas2'")
                .hasMessageContaining("samba+ganesha")
                .hasMessageContaining("nas1");
    }

    @Test
    void open_containerOfASingleServer_rejected() {
        assertThatThrownBy(() -> Targets.open(Targets.Request.named("container:samba"), null, this::fakeEmbedded))
                .hasMessageContaining("unknown target 'container:samba'");
    }

    @Test
    void open_pathMapWithoutAddress_rejected() {
        assertThatThrownBy(() -> Targets.open(
                        new Targets.Request("samba", null, null, ":x", null, null), null, this::fakeEmbedded))
                .hasMessageContaining("--path-map and --admin go with --smb/--nfs");
    }

    @Test
    void unavailable_everyScenarioSkippedWithTheReason() throws Exception {
        UnavailableTarget t = new UnavailableTarget("samba+ganesha", "needs root");
        try (TargetSetup s = t.setup(ServerSettings.NONE)) {
            assertThat(s.skipReason()).hasValue("needs root");
        }
    }
}
