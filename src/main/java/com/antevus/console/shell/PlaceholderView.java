package com.antevus.console.shell;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** An honest placeholder for a section whose issue has not landed yet. */
public final class PlaceholderView {
    private final Section section;
    @FXML
    private Label titleLabel;
    @FXML
    private Label statusLabel;
    @FXML
    private Label plannedLabel;

    public PlaceholderView(Section section) {
        this.section = section;
    }

    @FXML
    private void initialize() {
        titleLabel.setText(section.title());
        statusLabel.setText("Not built yet \u2014 this section arrives with issue #" + section.issue() + ".");
        plannedLabel.setText(section.plannedContent());
    }
}
