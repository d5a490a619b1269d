package io.interlock.scenarios.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PathMappingTest {
    @Test
    void identity_pathsUnchanged() {
        assertThat(PathMapping.IDENTITY.smb("d/f")).isEqualTo("d/f");
        assertThat(PathMapping.IDENTITY.nfs("/d/f")).isEqualTo("d/f");
        assertThat(PathMapping.parse("")).isEqualTo(PathMapping.IDENTITY);
    }

    @Test
    void parse_shareRootInsideExport_prefixesNfsOnly() {
        PathMapping m = PathMapping.parse(":/data/");
        assertThat(m.smb("f")).isEqualTo("f");
        assertThat(m.nfs("f")).isEqualTo("data/f");
        assertThat(m.toString()).isEqualTo(":data");
    }

    @Test
    void under_scratchDirectory_appendedOnBothSides() {
        PathMapping m = new PathMapping("a", "b/c").under("interlock-1/s2");
        assertThat(m.smb("f")).isEqualTo("a/interlock-1/s2/f");
        assertThat(m.nfs("d/f")).isEqualTo("b/c/interlock-1/s2/d/f");
        assertThat(PathMapping.IDENTITY.under("x").smb("")).isEqualTo("x");
    }

    @Test
    void parse_withoutColonOrWithDotDot_rejected() {
        assertThatThrownBy(() -> PathMapping.parse("data")).hasMessageContaining("SMBDIR:NFSDIR");
        assertThatThrownBy(() -> PathMapping.parse(":a/../b")).hasMessageContaining("invalid directory");
        assertThatThrownBy(() -> PathMapping.parse("a//b:")).hasMessageContaining("invalid directory");
    }
}
