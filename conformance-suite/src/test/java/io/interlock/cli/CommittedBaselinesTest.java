package io.interlock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.Baseline;
import io.interlock.reports.BaselineFile;
import io.interlock.scenarios.engine.Scenario;
import io.interlock.scenarios.engine.ScenarioCatalog;
import io.interlock.scenarios.targets.Targets;
import io.interlock.suite.SuiteArea;
import io.interlock.suite.SuiteRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The baselines in {@code baselines/} are claims about real servers: each parses, is named after a
 * known target, and every entry names a catalog scenario that cites its requirement, with a reason
 * someone wrote (no drafted "TO CHECK" left) and a link.
 */
class CommittedBaselinesTest {
    static final Path DIR = Path.of("..", "baselines");

    static List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    static final String SUITE = "suite:";

    /** The requirement IDs that the suite test {@code suite:AREA/TEST} cites (empty if there is no such test). */
    static List<String> suiteRequirements(String id) {
        String rest = id.substring(SUITE.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return List.of();
        }
        SuiteArea area = SuiteArea.of(rest.substring(0, slash));
        String test = rest.substring(slash + 1);
        return SuiteRun.testMethods(area.suiteClass()).stream()
                .filter(m -> m.getName().equals(test))
                .findFirst()
                .map(SuiteRun::requirements)
                .orElse(List.of());
    }

    @Test
    void baselines_bothSambaGaneshaVariants_committed() {
        assertThat(DIR.resolve(BaselineFile.fileName("samba+ganesha"))).isRegularFile();
        assertThat(DIR.resolve(BaselineFile.fileName("samba+ganesha:kernel-oplocks")))
                .isRegularFile();
    }

    @Test
    void baselines_everyEntry_namesACatalogScenarioItsRequirementAReasonAndALink() throws Exception {
        Map<String, Scenario> catalog =
                ScenarioCatalog.load().stream().collect(Collectors.toMap(Scenario::id, Function.identity()));
        List<Path> files = files();
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            Baseline b = BaselineFile.read(f);
            assertThat(Targets.kinds()).as(f + ": target").contains(b.target());
            assertThat(f.getFileName().toString()).isEqualTo(BaselineFile.fileName(b.target()));
            assertThat(b.known()).as(f + ": entries").isNotEmpty();
            for (Baseline.Entry e : b.known()) {
                String where = f.getFileName() + " " + e.name();
                assertThat(e.scenario()).as(where).isNotNull();
                if (e.scenario().startsWith(SUITE)) {
                    // a conformance-suite result: suite:AREA/TEST must be a test citing the requirement
                    assertThat(suiteRequirements(e.scenario())).as(where).contains(e.requirement());
                } else {
                    assertThat(catalog).as(where).containsKey(e.scenario());
                    assertThat(catalog.get(e.scenario()).requirements())
                            .as(where)
                            .contains(e.requirement());
                }
                assertThat(e.reason()).as(where).doesNotContain(Baseline.TO_CHECK.strip());
                assertThat(e.link()).as(where).startsWith("https://");
                if (e.property() != null && e.property().startsWith("step:")) {
                    String step = e.property().substring("step:".length());
                    assertThat(catalog.get(e.scenario()).steps()).as(where).anyMatch(s -> s.id().equals(step));
                }
            }
        }
    }
}
