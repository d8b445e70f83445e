package com.antevus.console.shell;

import com.antevus.console.access.DemoAccounts;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Who is signing in: a PostgreSQL login and password, or on the embedded default one of the demo logins. */
public final class SignInView {
    private final MainViewModel viewModel;
    @FXML private Label targetLabel;
    @FXML private TextField loginField;
    @FXML private PasswordField passwordField;
    @FXML private Label errorLabel;
    @FXML private Button signInButton;
    @FXML private VBox demoBox;
    @FXML private VBox demoButtons;

    public SignInView(MainViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        boolean embedded = viewModel.config().embeddedDatabase();
        targetLabel.setText(embedded ? "The embedded demo database on this computer." : "The shared billing database at "
                + viewModel.config().dbUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "") + ".");
        if (viewModel.config().dbUser() != null) {
            loginField.setText(viewModel.config().dbUser());
        }
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorLabel.managedProperty().bind(viewModel.errorProperty().isNotEmpty());
        signInButton.disableProperty().bind(viewModel.stateProperty().isEqualTo(MainViewModel.State.STARTING));
        // a password is never left in the form for the next person: it is cleared whenever the screen is shown again
        viewModel.stateProperty().addListener((o, was, now) -> {
            if (now == MainViewModel.State.SIGN_IN && was == MainViewModel.State.READY) {
                passwordField.clear();
                loginField.clear();
            }
        });
        demoBox.setVisible(embedded);
        demoBox.setManaged(embedded);
        for (String role : DemoAccounts.ROLES) {
            Button b = new Button(DemoAccounts.login(role) + "\n" + DemoAccounts.describe(role));
            b.setMnemonicParsing(false); // the underscore in demo_admin is part of the name
            b.setWrapText(true);
            b.setId("demo-" + role);
            b.setMaxWidth(Double.MAX_VALUE);
            b.getStyleClass().add("demo-login");
            b.setOnAction(e -> viewModel.signIn(DemoAccounts.login(role), DemoAccounts.PASSWORD));
            demoButtons.getChildren().add(b);
        }
    }

    @FXML
    private void signIn() {
        viewModel.signIn(loginField.getText(), passwordField.getText());
    }
}
