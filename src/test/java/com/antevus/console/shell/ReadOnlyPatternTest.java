package com.antevus.console.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.catalog.CatalogView;
import com.antevus.console.catalog.CatalogViewModel;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.core.ViewLoader;
import com.antevus.console.invoicing.InvoicesView;
import com.antevus.console.invoicing.InvoicesViewModel;
import com.antevus.console.invoicing.ReviewRow;
import com.antevus.console.support.FxTestSupport;
import com.antevus.console.support.TestContexts;
import java.time.YearMonth;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * A role that may only read sees one pattern on every screen: the changing controls disabled, and the reason where
 * they are, on hover; what only reads (export, reconcile, open a draft) stays enabled.
 */
class ReadOnlyPatternTest {
    static final String CATALOG_NOTE = "Read-only: your role may view the plan catalog but not change it (needs admin).";
    static final String INVOICES_NOTE = "Read-only: your role may view invoices but not change them (needs finance).";
    static ConsoleContext context;
    final FxRobot robot = new FxRobot();

    @BeforeAll
    static void open() throws Exception {
        context = TestContexts.withDemoData("readonly", 30);
        context.catalog().startDraft(null); // a draft exists: only the role keeps it from being edited
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void close() throws Exception {
        FxToolkit.cleanupStages();
        context.close();
    }

    private Button button(String id) {
        return robot.lookup(id).queryAs(Button.class);
    }

    private static String hint(Node control) {
        Object tip = control.getParent().getProperties().get("javafx.scene.control.Tooltip");
        return tip == null ? null : ((javafx.scene.control.Tooltip) tip).getText();
    }

    @Test
    void theCatalogAndInvoicesDisableWhatChangesAndSayWhyWhereItIs() throws Exception {
        CatalogViewModel catalog = new CatalogViewModel(context.catalog(), new InlineTaskExecutor());
        catalog.readOnlyNoteProperty().set(CATALOG_NOTE);
        Parent plans = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.CATALOG, new CatalogView(catalog)));
        FxTestSupport.onFx(() -> {
            catalog.load();
            return null;
        });
        FxTestSupport.waitUntil(() -> catalog.versionProperty().get() != null && catalog.versionProperty().get().isDraft());
        assertThat(catalog.editableProperty().get()).as("a draft, but not this role's to edit").isFalse();
        for (String id : new String[]{"#editButton", "#saveButton", "#discardButton", "#publishButton", "#importButton", "#addPlanButton"}) {
            assertThat(button(id).isDisabled()).as(id).isTrue();
        }
        assertThat(button("#exportButton").isDisabled()).as("exporting only reads").isFalse();
        assertThat(hint(button("#editButton"))).isEqualTo(CATALOG_NOTE);
        assertThat(hint(button("#addPlanButton"))).isEqualTo(CATALOG_NOTE);
        FxTestSupport.screenshots(plans, "read-only-catalog");

        InvoicesViewModel invoices = new InvoicesViewModel(context.invoicing(), context.stripeEvents(), context.reconciliation(),
                new InlineTaskExecutor());
        invoices.readOnlyNoteProperty().set(INVOICES_NOTE);
        invoices.periodProperty().set(YearMonth.of(2026, 10));
        Parent review = FxTestSupport.show(() -> ViewLoader.load(ViewFactory.INVOICES, new InvoicesView(invoices)));
        FxTestSupport.onFx(() -> {
            invoices.load();
            ReviewRow drafted = invoices.review().rows().stream().filter(r -> r.invoiceId() != null).findFirst()
                    .orElse(invoices.review().rows().get(0));
            invoices.draft().open(drafted, () -> { });
            return null;
        });
        FxTestSupport.waitUntil(() -> invoices.draft().draftProperty().get() != null);
        for (String id : new String[]{"#createInStripeButton", "#markPaidButton", "#voidButton", "#addLineButton", "#saveDraftButton",
                "#discardDraftButton", "#startRunButton", "#syncButton"}) {
            assertThat(button(id).isDisabled()).as(id).isTrue();
        }
        assertThat(button("#reconcileButton").isDisabled()).as("reconciling only reads").isFalse();
        assertThat(hint(button("#createInStripeButton"))).isEqualTo(INVOICES_NOTE);
        assertThat(hint(button("#startRunButton"))).isEqualTo(INVOICES_NOTE);
        assertThat(hint(button("#syncButton"))).isEqualTo(INVOICES_NOTE);
        FxTestSupport.screenshots(review, "read-only-invoices");
    }
}
