package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.ops.NlmLockOp;
import io.interlock.scenarios.ops.NlmTestOp;
import io.interlock.scenarios.ops.SmbLockOp;
import io.interlock.scenarios.ops.Step;
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
        NlmLockOp lock = (NlmLockOp) l.op();
        assertThat(lock.block()).isTrue();
        assertThat(lock.exclusive()).as("absent = exclusive").isNull();
        assertThat(lock.length()).isEqualTo(10);
        assertThat(lock.describe()).contains("exclusive 5+10").contains("block");
        assertThat(((NlmTestOp) s.steps().get(1).op()).exclusive()).isFalse();
        assertThat(((SmbLockOp) s.steps().get(3).op()).describe()).contains("exclusive 0+3");
        assertThat(s.steps().get(4).client()).isNull();
        assertThat(Step.of(l.toMap())).isEqualTo(l);
    }

    @Test
    void parse_engineStepsWithoutTheirFields_rejected() {
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, op: share.add}\n", "t"))
                .hasMessageContaining("needs a share name");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, op: server.breaks, trigger: LOCK}\n", "t"))
                .hasMessageContaining("trigger and count");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, client: N, op: nlm.lock}\n", "t"))
                .hasMessageContaining("needs a path");
        assertThatThrownBy(() -> ScenarioCatalog.parse(HEAD + "  - {id: a, client: A, op: nlm.lock, path: f}\n", "t"))
                .hasMessageContaining("is an smb client; the op needs nlm");
    }

    @Test
    void parse_unknownField_isRejectedNamingIt() {
        assertThatThrownBy(() ->
                        ScenarioCatalog.parse(HEAD + "  - {id: a, client: N, op: nlm.lock, path: f, bogus: 1}\n", "t"))
                .hasMessageContaining("bogus");
    }

    @Test
    void msDtypGuid_swapsTheFirstThreeFields() {
        UUID u = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(StepContext.msDtypGuid(u)).isEqualTo(UUID.fromString("33221100-5544-7766-8899-aabbccddeeff"));
    }
}
