package dev.moddesk.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
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

    /** Core is what features are built from; the top-level Wiring is the only place that names them. */
    @Test
    void coreDependsOnNoFeature() {
        String[] features = FEATURES.stream().map(f -> BASE + f + "..").toArray(String[]::new);
        noClasses().that().resideInAPackage(BASE + "core..")
                .should().dependOnClassesThat().resideInAnyPackage(features)
                .check(classes);
    }

    @Test
    void controllersDoNotCallTheApi() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAPackage(BASE + "api..")
                .check(classes);
    }

    /**
     * By role, not by name: in a feature, only view code (controllers, controls, cells and the classes nested in them)
     * may touch the scene graph, controls, media players, stages, dialogs or FXML. View models (whatever they are
     * called: {@code AuditViewModel}, {@code FocusModeModel}), services, outboxes, text and key maps may use
     * properties, collections and key codes, never a control.
     */
    @Test
    void onlyViewCodeInAFeatureTouchesControlsOrStages() {
        String[] features = FEATURES.stream().map(f -> BASE + f + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage(features).and(not(VIEW_CODE))
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene", "javafx.scene.control..",
                        "javafx.scene.layout..", "javafx.scene.media..", "javafx.scene.image..", "javafx.scene.text..",
                        "javafx.scene.shape..", "javafx.scene.web..", "javafx.stage..", "javafx.fxml..")
                .check(classes);
    }

    /** Controllers (FXML-injected or named so), controls and cells (nodes), and anything nested inside them. */
    static final DescribedPredicate<JavaClass> VIEW_CODE = new DescribedPredicate<>("view code") {
        @Override
        public boolean test(JavaClass c) {
            for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                if (isController(k) || k.isAssignableTo("javafx.scene.Node")) {
                    return true;
                }
            }
            return false;
        }

        private boolean isController(JavaClass k) {
            return k.getSimpleName().endsWith("Controller") || k.isAssignableTo("javafx.fxml.Initializable")
                    || k.getFields().stream().anyMatch(f -> f.isAnnotatedWith("javafx.fxml.FXML"))
                    || k.getMethods().stream().anyMatch(m -> m.isAnnotatedWith("javafx.fxml.FXML"));
        }
    };

    @Test
    void noStandardStreams() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(classes);
    }
}
