package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parsing and validation of the NLM, SMB LOCK, share and server-view steps. */
class StepLanguageTest {
    private static final String HEAD =
            """
            id: t
            clients:
              A: {protocol: smb}
              N: {protocol: nlm}
            steps:
            """;

    @Test
    void parse_nlmAndLockSteps_fieldsAndDefaults() {
        Scenario s = ScenarioCatalog.parse(
                HEAD
                        + """
              - {id: l, client: N, op: nlm.lock, path: f, offset: 5, length: 10, block: true, value: BLOCKED}
              - {id: t, client: N, op: nlm.test, path: f, exclusive: false, holder: "exclusive 0+10"}
              - {id: o, client: A, op: smb.open, path: f}
              - {id: k, client: A, op: smb.lock, path: f, length: 3}
              - {id: s, op: server.breaks, trigger: LOCK, count: 1}
              - {id: a, op: share.add, share: x}
              - {id: q, op: share.list, share: x, present: true}
            """,
                "t");
        Step l = s.steps().get(0);
        assertThat(l.isBlocking()).isTrue();
        assertThat(l.isExclusive()).isTrue();
        assertThat(l.lengthOrZero()).isEqualTo(10);
        assertThat(l.describeArgs()).contains("exclusive 5+10").contains("block");
        assertThat(s.steps().get(1).isExclusive()).isFalse();
        assertThat(s.steps().get(3).offsetOrZero()).isZero();
        assertThat(s.steps().get(4).client()).isNull();
    }

    @Test
    void parse_engineStepsWithoutTheirFields_rejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, op: share.add}\n", "t"))
                .hasMessageContaining("needs a share name");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, op: share.list, share: x}\n", "t"))
                .hasMessageContaining("present");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, op: server.breaks, trigger: LOCK}\n", "t"))
                .hasMessageContaining("trigger and count");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, client: N, op: nlm.lock}\n", "t"))
                .hasMessageContaining("needs a path");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, client: A, op: nlm.lock, path: f}\n", "t"))
                .hasMessageContaining("is not a smb op");
    }

    @Test
    void msDtypGuid_swapsTheFirstThreeFields() {
        UUID u = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(ExtraSteps.msDtypGuid(u)).isEqualTo(UUID.fromString("33221100-5544-7766-8899-aabbccddeeff"));
    }
}
