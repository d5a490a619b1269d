package io.interlock.scenarios.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.interlock.scenarios.gen.ChoiceStream;
import io.interlock.scenarios.gen.ProgramGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program written as catalog YAML reads back as the same program. */
class ScenarioYamlTest {

    @Test
    void write_everyCatalogScenario_readsBackEqual() {
        for (Scenario s : ScenarioCatalog.load()) {
            String yaml = ScenarioYaml.write(s, List.of("round trip"));
            assertThat(ScenarioCatalog.parse(yaml, s.id())).as(yaml).isEqualTo(s);
        }
    }

    @Test
    void write_generatedProgramsWithSchedule_readBackEqual() {
        ProgramGenerator g = new ProgramGenerator(ProgramGenerator.Settings.defaults());
        for (long seed = 1; seed <= 200; seed++) {
            ChoiceStream cs = ChoiceStream.fromSeed(seed);
            Scenario s = g.generate(cs, "explore-" + seed)
                    .withSchedule(cs.choices().encode())
                    .named("explore-" + seed + "-shrunk", "R-XP-1: a \"quoted\" title: with colons");
            String yaml = ScenarioYaml.write(s, List.of());
            assertThat(ScenarioCatalog.parse(yaml, s.id())).as(yaml).isEqualTo(s);
        }
    }

    @Test
    void scalar_yamlSpecialStrings_quoted() {
        assertThat(ScenarioYaml.scalar("f")).isEqualTo("f");
        assertThat(ScenarioYaml.scalar("d/e")).isEqualTo("d/e");
        assertThat(ScenarioYaml.scalar("true")).isEqualTo("\"true\"");
        assertThat(ScenarioYaml.scalar("12")).isEqualTo("\"12\"");
        assertThat(ScenarioYaml.scalar("a: b")).isEqualTo("\"a: b\"");
        assertThat(ScenarioYaml.scalar("")).isEqualTo("\"\"");
    }

    @Test
    void parse_malformedSchedule_refused() {
        Scenario s = ScenarioCatalog.load().get(0);
        String yaml = ScenarioYaml.write(s, List.of()) + "schedule: \"not choices!\"\n";
        assertThatThrownBy(() -> ScenarioCatalog.parse(yaml, "bad")).isInstanceOf(IllegalArgumentException.class);
    }
}
