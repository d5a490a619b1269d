package io.interlock.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequirementCatalogTest {
    @Test
    void bundled_index_holdsEveryGroupInCatalogOrder() {
        RequirementCatalog c = RequirementCatalog.bundled();
        assertThat(c.groups().stream().map(RequirementCatalog.Group::name))
                .containsExactly("SMB", "XP", "NFS", "MNT", "RPC", "PMAP", "NLM", "NSM", "CACHE");
        assertThat(c.size()).isEqualTo(124);
        assertThat(c.find("R-XP-7").orElseThrow().title()).contains("Wait policy");
        assertThat(c.find("R-SMB-85")).isPresent();
        assertThat(c.find("R-CACHE-7").orElseThrow().group()).isEqualTo("CACHE");
        assertThat(c.find("R-H-1"))
                .as("harness constraints are not target requirements")
                .isEmpty();
    }

    @Test
    void parse_wellFormed_keepsOrderAndTitles() {
        RequirementCatalog c = RequirementCatalog.parse(
                "# comment\n\ngroup XP Cross\nR-XP-2  second one\nR-XP-1 first\ngroup NFS N\nR-NFS-1 x\n");
        assertThat(c.requirements().stream().map(RequirementCatalog.Requirement::id))
                .containsExactly("R-XP-2", "R-XP-1", "R-NFS-1");
        assertThat(c.find("R-XP-2").orElseThrow().title()).isEqualTo("second one");
    }

    @Test
    void parse_undeclaredGroup_rejected() {
        assertThatThrownBy(() -> RequirementCatalog.parse("group XP x\nR-NFS-1 y\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2")
                .hasMessageContaining("NFS");
    }

    @Test
    void parse_duplicateOrMalformed_rejected() {
        assertThatThrownBy(() -> RequirementCatalog.parse("group XP x\nR-XP-1 a\nR-XP-1 b\n"))
                .hasMessageContaining("duplicate R-XP-1");
        assertThatThrownBy(() -> RequirementCatalog.parse("group XP x\nXP-1 a\n"))
                .hasMessageContaining("expected 'R-PREFIX-n title'");
        assertThatThrownBy(() -> RequirementCatalog.parse("group XP x\nR-XP-1\n"))
                .hasMessageContaining("line 2");
    }

    @Test
    void groupOf_idShapes_prefixOrOther() {
        assertThat(RequirementCatalog.groupOf("R-XP-12")).isEqualTo("XP");
        assertThat(RequirementCatalog.groupOf("R-CACHE-1")).isEqualTo("CACHE");
        assertThat(RequirementCatalog.groupOf("xp-1")).isEqualTo(RequirementCatalog.OTHER);
        assertThat(RequirementCatalog.groupOf("R-XP-")).isEqualTo(RequirementCatalog.OTHER);
    }

    @Test
    void idOrder_numbers_sortNumerically() {
        List<String> ids = new ArrayList<>(List.of("R-XP-10", "R-XP-2", "R-XP-1"));
        ids.sort(RequirementCatalog.ID_ORDER);
        assertThat(ids).containsExactly("R-XP-1", "R-XP-2", "R-XP-10");
    }
}
