package dev.moddesk.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.TreeSet;
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

    /** Classes that may hold SQL: a feature's store or repository (with its nested classes), the database, the log. */
    private static final DescribedPredicate<JavaClass> MAY_HOLD_SQL = DescribedPredicate.describe(
            "a *Store or *Repository (or a class nested in one), core.Database or core.AuditLog", c -> {
                String topLevel = c.getFullName().split("\\$")[0];
                return topLevel.endsWith("Store") || topLevel.endsWith("Repository")
                        || topLevel.equals("dev.moddesk.server.core.Database")
                        || topLevel.equals("dev.moddesk.server.core.AuditLog");
            });

    @Test
    void sqlLivesInStoresAndTheAuditLog() {
        noClasses().that(DescribedPredicate.not(MAY_HOLD_SQL))
                .should().callMethodWhere(DescribedPredicate.describe("creates a SQL statement (JDBI or JDBC)",
                        call -> (call.getTargetOwner().isAssignableTo(org.jdbi.v3.core.Handle.class)
                                && (call.getName().startsWith("create") || call.getName().equals("execute")
                                || call.getName().equals("select")))
                                || (call.getTargetOwner().isAssignableTo(java.sql.Connection.class)
                                && (call.getName().equals("prepareStatement")
                                || call.getName().equals("createStatement")
                                || call.getName().equals("prepareCall")))))
                .because("SQL lives in one store (or dialect repository) per feature, whether through JDBI or JDBC")
                .check(classes);
    }

    /** Every feature package: each package right under dev.moddesk.server other than core. */
    private static String[] featurePackages() {
        Set<String> features = new TreeSet<>();
        for (JavaClass c : classes) {
            String pkg = c.getPackageName();
            if (pkg.startsWith("dev.moddesk.server.") && !pkg.startsWith("dev.moddesk.server.core")) {
                features.add("dev.moddesk.server." + pkg.substring("dev.moddesk.server.".length()).split("\\.")[0]
                        + "..");
            }
        }
        return features.toArray(String[]::new);
    }

    @Test
    void coreDoesNotDependOnFeatures() {
        String[] features = featurePackages();
        assertThat(features).contains("dev.moddesk.server.review..", "dev.moddesk.server.platform..",
                "dev.moddesk.server.session..", "dev.moddesk.server.staff..", "dev.moddesk.server.audit..",
                "dev.moddesk.server.ops..", "dev.moddesk.server.sandbox..");
        noClasses().that().resideInAPackage("dev.moddesk.server.core..")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .because("features build on the core, never the other way round (every feature, no exception)")
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
