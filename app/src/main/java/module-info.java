/**
 * The ModDesk console. Open, because FXMLLoader injects controllers' {@code @FXML} fields, Jackson builds the console's
 * records, and views, stylesheets and the message bundles are read as resources of this module. Started with
 * {@code --module dev.moddesk.app/dev.moddesk.app.Launcher}; the tests run it from the class path.
 */
open module dev.moddesk.app {
    requires dev.moddesk.contract;
    requires dev.moddesk.screening;

    requires javafx.controls;
    requires javafx.fxml;
    requires javafx.media;
    requires atlantafx.base;
    requires org.kordamp.ikonli.core;
    requires org.kordamp.ikonli.javafx;
    requires org.kordamp.ikonli.feather;

    requires okhttp3;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;

    requires org.slf4j;
    requires ch.qos.logback.classic; // core/LogSetup: the console's logging, set up in code
    requires ch.qos.logback.core;

    provides ch.qos.logback.classic.spi.Configurator with dev.moddesk.app.core.LogSetup;
}
