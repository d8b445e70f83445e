package com.antevus.console.catalog;

import atlantafx.base.theme.Styles;
import com.antevus.console.core.DialogService;
import com.antevus.console.core.Money;
import com.antevus.console.core.ReadOnlyHints;
import com.antevus.console.core.StripeMode;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.pricing.CatalogDiff;
import java.io.File;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The plan catalog section: the version shown and what a version goes through (draft, save, revert, discard, publish,
 * import, export), with its status line. Its tabs are parts with their own FXML, view and view model: the plan list and
 * editor beside the live price preview, the add-ons, and the version history with its diff.
 */
public final class CatalogView implements ViewLoader.Composed {
    private final CatalogViewModel vm;
    private final DialogService dialogs;
    private final StripeMode mode;
    private final PlanEditorView editor;
    private final PricePreviewView preview;
    private final AddOnsView addOns;
    private final CouponsView coupons;
    private final VersionsView versions;

    @FXML private ComboBox<CatalogVersion> versionBox;
    @FXML private Label statusLabel;
    @FXML private Button editButton;
    @FXML private Button saveButton;
    @FXML private Button revertButton;
    @FXML private Button discardButton;
    @FXML private Button publishButton;
    @FXML private Button importButton;
    @FXML private Button exportButton;
    @FXML private Label messageLabel;
    @FXML private Label errorLabel;
    @FXML private TabPane tabs;

    /** Without confirmations: every consequential action goes ahead (view tests that are not about them). */
    public CatalogView(CatalogViewModel vm) {
        this(vm, c -> true, StripeMode.SANDBOX);
    }

    /** @param dialogs asks before publish, discard and removing a plan; {@code mode} adds the typed word in live mode */
    public CatalogView(CatalogViewModel vm, DialogService dialogs, StripeMode mode) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.mode = mode;
        this.editor = new PlanEditorView(vm, dialogs, this::window);
        this.preview = new PricePreviewView(vm);
        this.addOns = new AddOnsView(vm);
        this.versions = new VersionsView(vm.history());
        this.coupons = new CouponsView(vm.coupons(), dialogs);
    }

    @Override
    public List<Object> parts() {
        return List.of(editor, preview, addOns, versions, coupons);
    }

    @FXML
    private void initialize() {
        // the Coupons tab asks Stripe for redemptions: only once it is opened
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> {
            if (tab != null && "Coupons".equals(tab.getText())) {
                vm.coupons().show();
            }
        });
        versionBox.setItems(vm.versions());
        versionBox.setConverter(versionText());
        versionBox.valueProperty().bindBidirectional(vm.versionProperty());
        statusLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            CatalogVersion v = vm.versionProperty().get();
            if (v == null) {
                return "";
            }
            return v.isDraft() ? "Draft: editable" : "Published: read-only" + (v.stripeSyncedAt() == null ? ", not yet in Stripe" : "");
        }, vm.versionProperty()));
        vm.versionProperty().addListener((o, a, v) -> {
            statusLabel.pseudoClassStateChanged(Styles.STATE_SUCCESS, v != null && !v.isDraft());
            statusLabel.pseudoClassStateChanged(Styles.STATE_WARNING, v != null && v.isDraft());
        });
        var editable = vm.editableProperty();
        var busy = vm.busyProperty();
        var mayNot = vm.readOnlyNoteProperty().isNotEmpty();
        editButton.disableProperty().bind(Bindings.createBooleanBinding(() -> busy.get() || editable.get() || vm.readOnly()
                || vm.versions().stream().anyMatch(CatalogVersion::isDraft), busy, editable, vm.versions()));
        saveButton.disableProperty().bind(busy.or(editable.not()).or(vm.dirtyProperty().not()));
        revertButton.disableProperty().bind(busy.or(editable.not()).or(vm.dirtyProperty().not()));
        discardButton.disableProperty().bind(busy.or(editable.not()));
        publishButton.disableProperty().bind(busy.or(mayNot).or(vm.versionProperty().isNull()).or(Bindings.createBooleanBinding(() -> {
            CatalogVersion v = vm.versionProperty().get();
            return v == null || (!v.isDraft() && v.stripeSyncedAt() != null);
        }, vm.versionProperty())).or(vm.dirtyProperty()));
        publishButton.textProperty().bind(Bindings.createStringBinding(() -> {
            CatalogVersion v = vm.versionProperty().get();
            return v != null && !v.isDraft() ? "Finish Stripe sync" : "Publish…";
        }, vm.versionProperty()));
        exportButton.disableProperty().bind(busy.or(vm.versionProperty().isNull()));
        importButton.disableProperty().bind(busy.or(mayNot));
        ReadOnlyHints.explain(vm.readOnlyNoteProperty(), editButton);
        Styles.toggleStyleClass(saveButton, Styles.ACCENT);
        messageLabel.textProperty().bind(vm.messageProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.managedProperty().bind(errorLabel.textProperty().isNotEmpty());
        messageLabel.managedProperty().bind(messageLabel.textProperty().isNotEmpty());
    }

    // ---- what the parts share ------------------------------------------------------------------------------
    static StringConverter<CatalogVersion> versionText() {
        return text(CatalogVersion::title);
    }

    static <T> StringConverter<T> text(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }

    /** "per gb month" for PER_GB_MONTH. */
    static <T extends Enum<T>> StringConverter<T> enumText() {
        return text(e -> e.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    /** A cell that shows a row's problem in the error colour. */
    static <S> TableCell<S, String> errorCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("field-error");
                if (!empty && item != null && !item.isEmpty()) {
                    getStyleClass().add("field-error");
                }
            }
        };
    }

    /** A cell whose whole text is on hover, for text that may be cut. */
    static <S> TableCell<S, String> tooltipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
            }
        };
    }

    // ---- actions ---------------------------------------------------------------------------------------------------------
    @FXML
    private void startDraft() {
        vm.startDraft();
    }

    @FXML
    private void saveDraft() {
        vm.saveDraft();
    }

    @FXML
    private void discardDraft() {
        CatalogVersion v = vm.versionProperty().get();
        if (v != null && dialogs.confirm(new DialogService.Confirmation("Discard the draft",
                "Discard " + v.title() + " and every change in it.", List.of("Published versions and subscriptions are not affected.",
                "This cannot be undone."), "Discard draft", null))) {
            vm.discardDraft();
        }
    }

    @FXML
    private void revert() {
        vm.revert();
    }

    @FXML
    private void exportYaml() {
        CatalogVersion v = vm.versionProperty().get();
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the catalog as YAML");
        chooser.setInitialFileName("catalog-v" + (v == null ? "" : v.number()) + ".yaml");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File file = chooser.showSaveDialog(window());
        if (file != null) {
            vm.export(file.toPath());
        }
    }

    @FXML
    private void importYaml() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a catalog YAML file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("YAML", "*.yaml", "*.yml"));
        File file = chooser.showOpenDialog(window());
        if (file != null) {
            vm.previewImport(file.toPath(), preview -> showImport(file.getName(), preview));
        }
    }

    private void showImport(String source, CatalogService.ImportPreview preview) {
        Dialog<ButtonType> d = dialog("Import " + source);
        ListView<CatalogDiff.Change> list = new ListView<>();
        list.getItems().setAll(preview.changes());
        list.setCellFactory(l -> VersionsView.diffCell());
        list.setPrefSize(820, 380);
        String against = preview.against().map(CatalogVersion::title).orElse("an empty catalog");
        Label summary = new Label(preview.changes().isEmpty() ? source + " is valid and matches " + against + ": nothing to import."
                : source + " is valid: " + preview.changes().size() + " changes against " + against
                + ". Importing saves them as a new draft; nothing is published.");
        summary.setWrapText(true);
        CheckBox replace = new CheckBox("Replace the contents of the existing draft");
        replace.setVisible(vm.versions().stream().anyMatch(CatalogVersion::isDraft));
        VBox box = new VBox(10, summary, list, replace);
        d.getDialogPane().setContent(box);
        ButtonType apply = new ButtonType("Save as draft", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(apply, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(apply).setDisable(preview.changes().isEmpty());
        if (d.showAndWait().filter(b -> b == apply).isPresent()) {
            vm.applyImport(preview, source, replace.isSelected());
        }
    }

    @FXML
    private void publish() {
        CatalogVersion v = vm.versionProperty().get();
        if (v == null) {
            return;
        }
        if (!v.isDraft()) {
            vm.publish(v.effectiveFrom(), PublishOutcome.Decision.GRANDFATHER, null);
            return;
        }
        vm.impact(impact -> showPublish(v, impact));
    }

    private void showPublish(CatalogVersion v, PublishImpact impact) {
        Dialog<ButtonType> d = dialog("Publish " + v.title());
        DatePicker effective = new DatePicker(vm.today());
        effective.setConverter(com.antevus.console.core.Dates.pickerConverter());
        ToggleGroup group = new ToggleGroup();
        RadioButton move = new RadioButton("Move them to the new price at their next renewal (entitlements follow then)");
        RadioButton keep = new RadioButton("Leave them grandfathered on their current price");
        move.setToggleGroup(group);
        keep.setToggleGroup(group);
        keep.setSelected(true);
        Label note = new Label("A published version cannot change. Stripe gets a new price for every changed amount; "
                + "the old price is archived and keeps billing whoever stays on it.");
        note.setWrapText(true);
        note.getStyleClass().add("muted");
        GridPane when = new GridPane();
        when.setHgap(10);
        when.addRow(0, new Label("Effective from"), effective);
        VBox box = new VBox(10, impactTable(impact), new Label("Subscriptions whose price changes (" + impact.affectedSubscriptions() + "):"),
                move, keep, when, note);
        d.getDialogPane().setContent(box);
        d.getDialogPane().setPrefWidth(880);
        d.getDialogPane().setMinWidth(880);
        d.setResizable(true);
        ButtonType go = new ButtonType("Publish", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().setAll(go, ButtonType.CANCEL);
        Styles.toggleStyleClass((Button) d.getDialogPane().lookupButton(go), Styles.ACCENT);
        if (d.showAndWait().filter(b -> b == go).isPresent()) {
            LocalDate day = effective.getValue() == null ? vm.today() : effective.getValue();
            PublishOutcome.Decision decision = move.isSelected() ? PublishOutcome.Decision.MOVE_AT_RENEWAL : PublishOutcome.Decision.GRANDFATHER;
            if (dialogs.confirm(CatalogViewModel.publishConfirmation(v, impact, day, decision, mode))) {
                vm.publish(day, decision, null);
            } else {
                vm.declined("Publish " + v.title());
            }
        }
    }

    /** Per plan: subscriptions on other versions, what happens to them, and the monthly revenue before and after. */
    private static Node impactTable(PublishImpact impact) {
        TableView<PublishImpact.PlanImpact> t = new TableView<>();
        t.getStyleClass().add("data-table");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        t.setPrefHeight(240);
        t.setPlaceholder(new Label("No live subscription is on another version: publishing reprices nobody."));
        String cur = impact.currency();
        t.getColumns().add(column("Plan", PublishImpact.PlanImpact::name, 140));
        t.getColumns().add(column("Subs", p -> String.format(Locale.US, "%,d", p.subscriptions()), 60));
        t.getColumns().add(column("On", p -> String.join(", ", p.fromVersions().stream().map(n -> "v" + n).toList()), 60));
        t.getColumns().add(column("What happens", p -> p.removed() ? "no longer sold: stay"
                : p.unchanged() ? "same price: move now" : "price changes", 150));
        t.getColumns().add(column("Monthly now", p -> Money.of(p.oldMrrMinor(), cur).format(), 110));
        t.getColumns().add(column("At new prices", p -> Money.of(p.newMrrMinor(), cur).format(), 110));
        t.getColumns().add(column("Change", p -> (p.deltaMinor() > 0 ? "+" : "") + Money.of(p.deltaMinor(), cur).format(), 100));
        t.getItems().setAll(impact.plans().stream().sorted(Comparator.comparingLong(PublishImpact.PlanImpact::affected).reversed()
                .thenComparing(PublishImpact.PlanImpact::code)).toList());
        Label total = new Label("Monthly revenue impact if every affected subscription moves: "
                + (impact.deltaMinor() > 0 ? "+" : "") + Money.of(impact.deltaMinor(), cur).format());
        total.getStyleClass().add("preview-headline");
        total.setWrapText(true);
        total.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(8, t, total);
    }

    private static TableColumn<PublishImpact.PlanImpact, String> column(String title,
                                                                      Function<PublishImpact.PlanImpact, String> value, double width) {
        TableColumn<PublishImpact.PlanImpact, String> c = new TableColumn<>(title);
        c.setCellValueFactory(x -> new ReadOnlyObjectWrapper<>(value.apply(x.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private Dialog<ButtonType> dialog(String title) {
        Dialog<ButtonType> d = new Dialog<>();
        d.setTitle(title);
        d.setHeaderText(title);
        d.initOwner(window());
        if (tabs.getScene() != null) {
            d.getDialogPane().getStylesheets().setAll(tabs.getScene().getStylesheets());
        }
        return d;
    }

    private Window window() {
        return tabs == null || tabs.getScene() == null ? null : tabs.getScene().getWindow();
    }
}
