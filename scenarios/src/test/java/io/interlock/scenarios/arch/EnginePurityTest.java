package io.interlock.scenarios.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's pure pieces stay pure (STYLE rules 14-16): the choice stream, shrinker and checkers
 * draw no randomness of their own, read no clock, start no thread, do no I/O, and share no code
 * with the server. {@link #rules_impureClass_rejected} shows the rules can fail.
 */
class EnginePurityTest {
    private static final String[] PURE = {"io.interlock.scenarios.gen..", "io.interlock.scenarios.checks.."};

    private static JavaClasses production;
    private static JavaClasses impure;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.interlock.scenarios.gen", "io.interlock.scenarios.checks");
        impure = new ClassFileImporter().importPackages("io.interlock.scenarios.arch.impure");
    }

    static ArchRule noRandomnessButTheChoiceStream(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .and()
                .doNotHaveFullyQualifiedName("io.interlock.scenarios.gen.ChoiceStream")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Random.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(SplittableRandom.class)
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(ThreadLocalRandom.class)
                .orShould()
                .callMethod(Math.class, "random")
                .because("the seeded choice stream is the only source of randomness (STYLE rule 16)");
    }

    static ArchRule noClockThreadsOrIo(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net..", "java.nio.file..", "java.util.concurrent..")
                .orShould()
                // java.time's values (a Duration in a generated program) are fine; reading a clock is not
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Clock")
                .orShould()
                .callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "a now() of java.time",
                        (com.tngtech.archunit.core.domain.JavaMethodCall c) ->
                                c.getTargetOwner().getPackageName().equals("java.time")
                                        && c.getName().equals("now")))
                .orShould()
                .dependOnClassesThat()
                .areAssignableTo(Thread.class)
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File")
                .because("checkers and the generator are pure functions; time comes in through injected clocks");
    }

    static ArchRule noServerCode(String... packages) {
        return noClasses()
                .that()
                .resideInAnyPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.interlock.server..")
                .because("the engine shares no code with the server it checks");
    }

    @Test
    void rules_engineProductionClasses_hold() {
        noRandomnessButTheChoiceStream(PURE).check(production);
        noClockThreadsOrIo(PURE).check(production);
        noServerCode(PURE).check(production);
    }

    @Test
    void rules_impureClass_rejected() {
        String pkg = "io.interlock.scenarios.arch.impure..";
        assertThatThrownBy(() -> noRandomnessButTheChoiceStream(pkg).check(impure))
                .hasMessageContaining("java.util.Random");
        assertThatThrownBy(() -> noClockThreadsOrIo(pkg).check(impure)).hasMessageContaining("currentTimeMillis");
    }
}
