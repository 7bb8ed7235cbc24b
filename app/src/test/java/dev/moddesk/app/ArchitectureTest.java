package dev.moddesk.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering HOUSE-STYLE.md asks for, checked on the compiled console. */
class ArchitectureTest {
    private static final String BASE = "dev.moddesk.app.";
    /** Feature packages: they never import one another. */
    private static final List<String> FEATURES = List.of("shell", "audit", "staff", "settings", "review", "rooms", "creators");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.moddesk.app");
    }

    @Test
    void apiHasNoJavaFx() {
        noClasses().that().resideInAPackage(BASE + "api..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "atlantafx..", "org.controlsfx..", "org.kordamp..")
                .check(classes);
    }

    @Test
    void apiDependsOnNoFeatureAndNotOnCore() {
        noClasses().that().resideInAPackage(BASE + "api..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + "core..", BASE + "shell..", BASE + "audit..",
                        BASE + "staff..", BASE + "settings..", BASE + "review..", BASE + "rooms..", BASE + "creators..")
                .check(classes);
    }

    @Test
    void featuresDoNotImportEachOther() {
        for (String feature : FEATURES) {
            String[] others = FEATURES.stream().filter(f -> !f.equals(feature)).map(f -> BASE + f + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(BASE + feature + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void onlyTheCompositionRootKnowsFeatures() {
        String[] features = FEATURES.stream().map(f -> BASE + f + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(BASE + "core..").and().doNotHaveSimpleName("AppContext")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .check(classes);
    }

    @Test
    void controllersDoNotCallTheApi() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAPackage(BASE + "api..")
                .check(classes);
    }

    @Test
    void viewModelsDoNotTouchControlsOrStages() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..", "javafx.stage..")
                .check(classes);
    }

    @Test
    void noStandardStreams() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
    }
}
