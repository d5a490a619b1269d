package io.interlock.server.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of COMMON.md / ARCHITECTURE.md §1 / STYLE.md rule 3, checked on the production
 * classes of the server module. Rules over packages that do not exist yet pass (they match no
 * classes); {@link #rules_detectViolation} shows that each rule can fail.
 */
class PackageRulesTest {
    private static final String BASE = "io.interlock.server";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    static ArchRule coreIsProtocolNeutral() {
        return noClasses()
                .that()
                .resideInAPackage(BASE + ".core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..", BASE + ".smb2..", BASE + ".nfs..", BASE + ".rpc..", BASE + ".app..")
                .allowEmptyShould(true)
                .because("core imports neither Netty nor any protocol package");
    }

    static ArchRule smbNeverSeesNfs() {
        return noClasses()
                .that()
                .resideInAPackage(BASE + ".smb2..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".nfs..", BASE + ".rpc..")
                .allowEmptyShould(true)
                .because("smb2 never imports nfs or rpc");
    }

    static ArchRule nfsNeverSeesSmb() {
        return noClasses()
                .that()
                .resideInAnyPackage(BASE + ".nfs..", BASE + ".rpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".smb2..")
                .allowEmptyShould(true)
                .because("nfs and rpc never import smb2");
    }

    /**
     * Only app sees both protocols. With the two rules above (smb2 and nfs/rpc never see each
     * other) it is enough that no other package (core, runtime, faults, ...) sees any protocol.
     */
    static ArchRule onlyAppSeesBoth() {
        return noClasses()
                .that()
                .resideOutsideOfPackages(BASE + ".app..", BASE + ".smb2..", BASE + ".nfs..", BASE + ".rpc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".smb2..", BASE + ".nfs..", BASE + ".rpc..")
                .allowEmptyShould(true)
                .because("only app wires protocols together (faults, runtime and core stay neutral)");
    }

    static ArchRule handlersSeeNoNetty() {
        return noClasses()
                .that()
                .resideInAPackage("..handlers..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.netty..")
                .allowEmptyShould(true)
                .because("handlers never see Netty types");
    }

    static List<ArchRule> rules() {
        return List.of(
                coreIsProtocolNeutral(), smbNeverSeesNfs(), nfsNeverSeesSmb(), onlyAppSeesBoth(), handlersSeeNoNetty());
    }

    @Test
    void packageRules_currentCode_hold() {
        assertThat(classes).isNotEmpty();
        for (ArchRule rule : rules()) {
            rule.check(classes);
        }
    }

    /** Fixture classes that break the rules live in this test package (imported explicitly here). */
    @Test
    void rules_detectViolation() {
        JavaClasses bad = new ClassFileImporter()
                .importClasses(
                        io.interlock.server.arch.fixture.core.CoreUsingNetty.class,
                        io.interlock.server.arch.fixture.smb2.SmbType.class,
                        io.interlock.server.arch.fixture.nfs.NfsUsingSmb.class,
                        io.interlock.server.arch.fixture.smb2.handlers.HandlerUsingNetty.class,
                        io.interlock.server.arch.fixture.runtime.RuntimeUsingBoth.class,
                        io.netty.buffer.ByteBuf.class);
        String fixture = "io.interlock.server.arch.fixture";
        assertThatThrownBy(() -> coreIsProtocolNeutralIn(fixture).check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CoreUsingNetty");
        assertThatThrownBy(() -> nfsNeverSeesSmbIn(fixture).check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NfsUsingSmb");
        assertThatThrownBy(() -> onlyAppSeesBothIn(fixture).check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("RuntimeUsingBoth");
        assertThatThrownBy(() -> handlersSeeNoNetty().check(bad))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("HandlerUsingNetty");
    }

    // The same rules with a different base package, so that the fixtures can exercise them.

    private static ArchRule coreIsProtocolNeutralIn(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + ".core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.netty..", base + ".smb2..", base + ".nfs..", base + ".rpc..", base + ".app..");
    }

    private static ArchRule nfsNeverSeesSmbIn(String base) {
        return noClasses()
                .that()
                .resideInAnyPackage(base + ".nfs..", base + ".rpc..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(base + ".smb2..");
    }

    private static ArchRule onlyAppSeesBothIn(String base) {
        return noClasses()
                .that()
                .resideInAPackage(base + "..")
                .and()
                .resideOutsideOfPackages(base + ".app..", base + ".smb2..", base + ".nfs..", base + ".rpc..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(base + ".smb2..", base + ".nfs..", base + ".rpc..");
    }
}
