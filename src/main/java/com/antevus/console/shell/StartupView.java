package com.antevus.console.shell;

import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;

/** Shown while the console connects, and with a plain message and Retry when that fails. */
public final class StartupView {
    private final MainViewModel viewModel;
    @FXML
    private ProgressIndicator progressIndicator;
    @FXML
    private Label progressLabel;
    @FXML
    private VBox errorBox;
    @FXML
    private Label errorLabel;
    @FXML
    private Button retryButton;

    public StartupView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        progressLabel.textProperty().bind(viewModel.progressProperty());
        errorLabel.textProperty().bind(viewModel.errorProperty());
        var failed = viewModel.stateProperty().isEqualTo(MainViewModel.State.FAILED);
        errorBox.visibleProperty().bind(failed);
        errorBox.managedProperty().bind(failed);
        progressIndicator.visibleProperty().bind(failed.not());
        progressIndicator.managedProperty().bind(failed.not());
        progressLabel.visibleProperty().bind(failed.not());
        progressLabel.managedProperty().bind(failed.not());
    }

    @FXML
    private void retry() {
        viewModel.start();
    }
}
