package dev.moddesk.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Layering rules from HOUSE-STYLE.md for the server. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.moddesk.server");
    }

    @Test
    void serverNeverUsesJavaFx() {
        noClasses().should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the server runs headless and never depends on the console")
                .check(classes);
    }

    @Test
    void routesDoNotTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Feature")
                .should().dependOnClassesThat().resideInAPackage("org.jdbi..")
                .because("routes stay thin: services hold the rules and transactions, stores hold the SQL")
                .check(classes);
    }

    @Test
    void sqlLivesInStoresAndTheAuditLog() {
        noClasses().that().haveSimpleNameNotEndingWith("Store")
                .and().doNotHaveFullyQualifiedName("dev.moddesk.server.core.AuditLog")
                .and().doNotHaveFullyQualifiedName("dev.moddesk.server.core.Database")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "creates a SQL statement",
                        call -> call.getTargetOwner().isAssignableTo(org.jdbi.v3.core.Handle.class)
                                && (call.getName().startsWith("create") || call.getName().equals("execute")
                                || call.getName().equals("select"))))
                .because("SQL lives in one store class per feature")
                .check(classes);
    }

    @Test
    void coreDoesNotDependOnFeatures() {
        noClasses().that().resideInAPackage("dev.moddesk.server.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.moddesk.server.session..",
                        "dev.moddesk.server.staff..", "dev.moddesk.server.audit..", "dev.moddesk.server.ops..",
                        "dev.moddesk.server.sandbox..")
                .because("features build on the core, never the other way round")
                .check(classes);
    }

    @Test
    void coreDependsOnlyOnCoreAmongServerClasses() {
        noClasses().that().resideInAPackage("dev.moddesk.server.core..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.moddesk.server..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("dev.moddesk.server.core.."))))
                .because("the server core (configuration included) builds on contract, screening and libraries only;"
                        + " ModDeskServer and the features build on it")
                .check(classes);
    }

    @Test
    void nothingWritesToStandardOutputExceptMain() {
        noClasses().that().doNotHaveFullyQualifiedName("dev.moddesk.server.Main")
                .should().accessField(System.class, "out")
                .because("stdout carries only the documented launcher lines; logs go through SLF4J")
                .check(classes);
    }
}
