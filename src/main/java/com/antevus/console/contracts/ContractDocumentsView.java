package com.antevus.console.contracts;

import atlantafx.base.theme.Styles;
import com.antevus.console.core.Browser;
import com.antevus.console.core.ConsoleStyles;
import java.io.File;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * A component of the contract editor: the contract's documents (MSA, order form, DPA, BAA), each with its status, when
 * it was signed and expires, a link or an attached file with its content hash, and its problems under it.
 */
public final class ContractDocumentsView {
    private final ContractEditorViewModel vm;

    @FXML private Button addDocumentButton;
    @FXML private VBox documentsBox;

    ContractDocumentsView(ContractsViewModel section) {
        this.vm = section.editor();
    }

    @FXML
    private void initialize() {
        addDocumentButton.disableProperty().bind(vm.readOnlyNoteProperty().isNotEmpty());
        com.antevus.console.core.ReadOnlyHints.explain(vm.readOnlyNoteProperty(), addDocumentButton);
        vm.form().documents.addListener((ListChangeListener<ContractForm.DocumentRow>) ch -> {
            if (joinedOrLeft(ch)) {
                buildDocuments();
            }
        });
        vm.fieldErrors().addListener((MapChangeListener<String, String>) ch -> showErrors());
        if (!vm.form().documents.isEmpty()) {
            buildDocuments();
        }
    }

    /** True when rows joined or left the list (the rows are rebuilt then, not when one of them changes inside). */
    static boolean joinedOrLeft(ListChangeListener.Change<?> ch) {
        boolean structural = false;
        while (ch.next()) {
            structural |= ch.wasAdded() || ch.wasRemoved();
        }
        return structural;
    }

    /** Each document's problems ("documents.N.…") on the line under it. */
    private void showErrors() {
        Map<String, String> errs = vm.fieldErrors();
        documentsBox.getChildren().forEach(n -> {
            if (n.getUserData() instanceof Integer i) {
                Label err = (Label) ((VBox) n).getChildren().get(((VBox) n).getChildren().size() - 1);
                StringBuilder sb = new StringBuilder();
                errs.forEach((key, msg) -> {
                    if (key.startsWith("documents." + i + ".")) {
                        sb.append(sb.length() > 0 ? " " : "").append(msg);
                    }
                });
                err.setText(sb.toString());
                err.setManaged(sb.length() > 0);
                err.setVisible(sb.length() > 0);
            }
        });
    }

    private void buildDocuments() {
        documentsBox.getChildren().clear();
        List<ContractForm.DocumentRow> docs = vm.form().documents;
        if (docs.isEmpty()) {
            Label none = new Label("No documents yet. Add the MSA, order form, DPA and (for health data) BAA as they are drafted, sent and signed.");
            none.getStyleClass().add(ConsoleStyles.MUTED);
            none.setWrapText(true);
            documentsBox.getChildren().add(none);
            return;
        }
        for (int i = 0; i < docs.size(); i++) {
            ContractForm.DocumentRow d = docs.get(i);
            ComboBox<ContractDocument.Kind> kind = new ComboBox<>();
            kind.getItems().setAll(ContractDocument.Kind.values());
            kind.valueProperty().bindBidirectional(d.kind);
            kind.setPrefWidth(120);
            kind.setId("doc-kind-" + i);
            ComboBox<ContractDocument.Status> status = new ComboBox<>();
            status.getItems().setAll(ContractDocument.Status.values());
            status.valueProperty().bindBidirectional(d.status);
            status.setPrefWidth(100);
            status.setId("doc-status-" + i);
            DatePicker signed = new DatePicker();
            signed.setConverter(com.antevus.console.core.Dates.pickerConverter());
            signed.setPromptText("signed on");
            signed.setPrefWidth(150);
            signed.valueProperty().bindBidirectional(d.signedOn);
            signed.setId("doc-signed-" + i);
            DatePicker expires = new DatePicker();
            expires.setConverter(com.antevus.console.core.Dates.pickerConverter());
            expires.setPromptText("expires on");
            expires.setPrefWidth(150);
            expires.valueProperty().bindBidirectional(d.expiresOn);
            TextField url = new TextField();
            url.setPromptText("link to the document");
            url.textProperty().bindBidirectional(d.url);
            HBox.setHgrow(url, Priority.ALWAYS);
            Button attach = new Button("Attach…");
            attach.setOnAction(e -> {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Attach the " + d.kind.get());
                File file = chooser.showOpenDialog(attach.getScene().getWindow());
                if (file != null) {
                    vm.attach(d, file.toPath());
                }
            });
            Button open = new Button("Open");
            open.disableProperty().bind(d.url.isEmpty().and(d.filePath.isEmpty()));
            open.setOnAction(e -> {
                if (!d.filePath.get().isBlank()) {
                    vm.checkFile(d, () -> Browser.open(new File(d.filePath.get()).toURI().toString()));
                } else {
                    Browser.open(d.url.get());
                }
            });
            Button remove = new Button("Remove");
            remove.getStyleClass().addAll(Styles.BUTTON_OUTLINED, Styles.DANGER);
            remove.setOnAction(e -> vm.removeDocument(d));
            for (Button b : List.of(attach, open, remove)) {
                b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            }
            Label signedLabel = new Label("signed");
            Label expiresLabel = new Label("expires");
            signedLabel.getStyleClass().add("field-label");
            expiresLabel.getStyleClass().add("field-label");
            HBox first = new HBox(6, kind, status, signedLabel, signed, expiresLabel, expires);
            first.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            HBox second = new HBox(6, url, attach, open, remove);
            second.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            VBox line = new VBox(4, first, second);
            line.getStyleClass().add("document-row");
            Label file = new Label();
            file.getStyleClass().add(ConsoleStyles.MUTED);
            file.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> d.filePath.get().isBlank() ? ""
                    : "File: " + d.filePath.get() + " · SHA-256 " + d.sha256.get(), d.filePath, d.sha256));
            file.managedProperty().bind(d.filePath.isNotEmpty());
            file.visibleProperty().bind(d.filePath.isNotEmpty());
            Label err = new Label();
            err.getStyleClass().add("field-error");
            err.setWrapText(true);
            err.setManaged(false);
            err.setVisible(false);
            for (Node n : List.of(status, signed, expires, kind)) {
                ContractEditorView.validateOnBlur(vm, n);
            }
            d.status.addListener((o, a, b) -> vm.validate());
            VBox box = new VBox(2, line, file, err);
            box.setUserData(i);
            documentsBox.getChildren().add(box);
        }
        showErrors();
    }

    @FXML
    private void addDocument() {
        vm.addDocument();
    }
}
