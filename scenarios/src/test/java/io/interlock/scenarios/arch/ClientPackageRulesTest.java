package io.interlock.scenarios.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's clients are the far side of the wire: they share no code with the server (its
 * codecs, RPC layer or lock manager), so a bug cannot hide by being on both sides (ARCHITECTURE.md
 * §2), and they do not reach back into the engine or the targets that use them.
 */
class ClientPackageRulesTest {
    private static final String CLIENTS = "io.interlock.scenarios.clients..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.interlock.scenarios");
    }

    static ArchRule clientsUseNoServerCode() {
        return noClasses()
                .that()
                .resideInAPackage(CLIENTS)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.interlock.server..")
                .because("the engine's clients share no codec or RPC code with the server");
    }

    static ArchRule clientsStayBelowEngineAndTargets() {
        return noClasses()
                .that()
                .resideInAPackage(CLIENTS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.interlock.scenarios.engine..", "io.interlock.scenarios.targets..")
                .because("clients are used by the engine and targets, never the other way round");
    }

    @Test
    void clients_dependOnNoServerPackage() {
        clientsUseNoServerCode().check(classes);
    }

    @Test
    void clients_dependOnNeitherEngineNorTargets() {
        clientsStayBelowEngineAndTargets().check(classes);
    }

    @Test
    void rules_detectViolation() {
        // targets.EmbeddedTarget does use the server: the same rule over targets must fail
        JavaClasses targets = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.interlock.scenarios.targets");
        assertThatThrownBy(() -> noClasses()
                        .that()
                        .resideInAPackage("io.interlock.scenarios.targets..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage("io.interlock.server..")
                        .check(targets))
                .isInstanceOf(AssertionError.class);
    }
}
