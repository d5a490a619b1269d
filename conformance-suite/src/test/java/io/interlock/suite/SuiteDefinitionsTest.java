package io.interlock.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.interlock.reports.RequirementCatalog;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The suite classes keep the conventions the report and the launcher rely on. */
class SuiteDefinitionsTest {
    @Test
    void everySuiteTest_citesCatalogIdsAndIsNamedOperationConditionExpectation() {
        RequirementCatalog catalog = RequirementCatalog.bundled();
        Set<String> names = new HashSet<>();
        for (SuiteArea a : SuiteArea.values()) {
            List<Method> tests = SuiteRun.testMethods(a.suiteClass());
            assertThat(tests).as(a + " has tests").isNotEmpty();
            assertThat(a.suiteClass().getAnnotation(ExtendWith.class))
                    .as(a + " uses SuiteExtension")
                    .isNotNull();
            for (Method m : tests) {
                assertThat(names.add(m.getName()))
                        .as("test names are unique across suites (--test): " + m.getName())
                        .isTrue();
                assertThat(m.getName().split("_"))
                        .as(m.getName() + ": operation_condition_expectation")
                        .hasSize(3);
                List<String> ids = SuiteRun.requirements(m);
                assertThat(ids).as(m.getName() + " cites a requirement").isNotEmpty();
                for (String id : ids) {
                    assertThat(catalog.find(id))
                            .as(m.getName() + " cites " + id + ", which the catalog knows")
                            .isPresent();
                }
            }
        }
    }

    @Test
    void suiteArea_ofName_andIds() {
        assertThat(SuiteArea.of("SMB")).isEqualTo(SuiteArea.SMB);
        assertThat(SuiteRun.id(SuiteArea.NFS, "x_y_z")).isEqualTo("suite:nfs/x_y_z");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SuiteArea.of("nope"))
                .hasMessageContaining("unknown suite 'nope'")
                .hasMessageContaining("xp,smb,nfs,mount,rpc,pmap,nlm,nsm,cache");
    }
}
