package io.interlock.scenarios.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.ops.PauseOp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Programs are a pure function of the choices, well formed, within the campaign's bounds. */
class ProgramGeneratorTest {
    private final ProgramGenerator gen =
            new ProgramGenerator(ProgramGenerator.Settings.defaults().withOps(5, 20));

    @Test
    void generate_sameChoices_sameProgram() {
        for (long seed = 1; seed <= 100; seed++) {
            ChoiceStream a = ChoiceStream.fromSeed(seed);
            Scenario p = gen.generate(a, "p");
            Scenario q = gen.generate(ChoiceStream.replay(a.choices()), "p");
            assertThat(q).isEqualTo(p);
        }
    }

    @Test
    void generate_manySeeds_withinBoundsAndEveryClientActs() {
        Set<String> names = new HashSet<>();
        for (long seed = 1; seed <= 500; seed++) {
            Scenario p = gen.generate(ChoiceStream.fromSeed(seed), "p"); // the constructor validates it
            assertThat(p.steps()).hasSizeBetween(5, 20);
            assertThat(p.clients()).hasSizeBetween(1, 4);
            for (String c : p.clients().keySet()) {
                assertThat(p.steps()).as(c).anyMatch(s -> c.equals(s.client()));
            }
            p.steps().forEach(s -> names.add(s.name()));
        }
        // the campaign reaches every kind of operation it is meant to mix
        assertThat(names)
                .contains(
                        "smb.open",
                        "smb.write",
                        "smb.read",
                        "smb.lock",
                        "smb.unlock",
                        "smb.close",
                        "nfs.write",
                        "nfs.read",
                        "nfs.setattr",
                        "nfs.create",
                        "nfs.remove",
                        "nfs.rename",
                        "nfs.mkdir",
                        "nfs.rmdir",
                        "nfs.link",
                        "nlm.lock",
                        "nlm.test",
                        "nlm.unlock",
                        "share.add",
                        "share.list",
                        "pause");
    }

    @Test
    void generate_allZeroChoices_theSimplestProgram() {
        Scenario p = gen.generate(ChoiceStream.replay(Choices.empty()), "p");
        assertThat(p.steps()).hasSize(5);
        assertThat(p.clients()).hasSize(1);
        assertThat(p.steps()).noneMatch(s -> s.op() instanceof PauseOp);
        assertThat(List.copyOf(p.clients().values()).get(0).protocol()).isEqualTo("smb");
    }
}
