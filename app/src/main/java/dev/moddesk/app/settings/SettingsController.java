package dev.moddesk.app.settings;

import dev.moddesk.app.core.I18n;
import dev.moddesk.app.core.Theme;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;

/** Language and theme choices; each click applies at once. */
public final class SettingsController {
    private final SettingsViewModel vm;

    @FXML
    private RadioButton chineseRadio;
    @FXML
    private RadioButton englishRadio;
    @FXML
    private RadioButton lightRadio;
    @FXML
    private RadioButton darkRadio;
    @FXML
    private Label fileLabel;

    public SettingsController(SettingsViewModel vm) {
        this.vm = vm;
    }

    @FXML
    private void initialize() {
        ToggleGroup language = new ToggleGroup();
        chineseRadio.setToggleGroup(language);
        englishRadio.setToggleGroup(language);
        (I18n.CHINESE.equals(vm.language()) ? chineseRadio : englishRadio).setSelected(true);
        ToggleGroup theme = new ToggleGroup();
        lightRadio.setToggleGroup(theme);
        darkRadio.setToggleGroup(theme);
        (vm.theme() == Theme.DARK ? darkRadio : lightRadio).setSelected(true);
        fileLabel.setText(vm.settingsFile());
    }

    @FXML
    private void onChinese() {
        vm.changeLanguage(I18n.CHINESE);
    }

    @FXML
    private void onEnglish() {
        vm.changeLanguage(I18n.ENGLISH);
    }

    @FXML
    private void onLight() {
        vm.changeTheme(Theme.LIGHT);
    }

    @FXML
    private void onDark() {
        vm.changeTheme(Theme.DARK);
    }
}
