package dev.shakedown.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of the harness library: no cycles, systems never used by the generic packages. */
class ArchitectureTest {

  private static JavaClasses library;

  @BeforeAll
  static void importLibrary() {
    library = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.shakedown");
  }

  @Test
  void noPackageCycles() {
    slices().matching("dev.shakedown.(*)..").should().beFreeOfCycles().check(library);
  }

  @Test
  void theGenericPackagesNeverUseASystem() {
    ArchRule rule = noClasses().that().resideInAnyPackage("dev.shakedown.history..", "dev.shakedown.client..",
            "dev.shakedown.workload..", "dev.shakedown.fault..", "dev.shakedown.check..", "dev.shakedown.observe..",
            "dev.shakedown.cluster..", "dev.shakedown.internal..", "dev.shakedown.report..", "dev.shakedown.junit..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.shakedown.web..", "dev.shakedown.etcd..",
            "dev.shakedown.postgres..");
    rule.check(library);
  }

  @Test
  void noPublicSignatureExposesAnInternalType() {
    methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.shakedown.internal..")
        .should(ExposesNoInternalType.METHODS).check(library);
    constructors().that().arePublic().and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("dev.shakedown.internal..")
        .should(ExposesNoInternalType.CONSTRUCTORS).check(library);
  }
}
