package io.interlock.scenarios.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * STYLE.md 14 and the task: the model shares no code with the server (two independent
 * implementations that must agree), and is pure: no I/O, no clock, no threads, no randomness.
 */
class ModelIndependenceTest {
    private final JavaClasses model = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("io.interlock.scenarios.model");

    @Test
    void modelClasses_dependOnNothingOfTheServerOrTheRestOfTheEngine() {
        noClasses()
                .that()
                .resideInAPackage("io.interlock.scenarios.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.interlock.server..",
                        "io.interlock.scenarios.clients..",
                        "io.interlock.scenarios.engine..",
                        "io.interlock.scenarios.targets..")
                .check(model);
    }

    @Test
    void modelClasses_noIoClockThreadsOrRandomness() {
        noClasses()
                .that()
                .resideInAPackage("io.interlock.scenarios.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.net..", "java.util.concurrent..", "java.time..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.Thread")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .check(model);
    }
}
