package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.TestContexts;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The draft editor's state without the window: what was typed for one organization's draft is gone when another's
 * opens (the money bug was the view model's), and stays while the same draft reloads.
 */
class InvoicesViewModelTest {
    static ConsoleContext context;

    @BeforeAll
    static void open() {
        context = TestContexts.withDemoData("invoicesvm", 30);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void theFormsBelongToTheDraftThatIsOpen() {
        InvoicesViewModel vm = new InvoicesViewModel(context.invoicing(), context.stripeEvents(), context.reconciliation(),
                new InlineTaskExecutor());
        vm.periodProperty().set(YearMonth.of(2026, 10));
        vm.load();
        List<ReviewRow> two = vm.review().rows().stream().filter(r -> r.billing() == ReviewRow.Billing.TO_INVOICE).limit(2).toList();
        assertThat(two).hasSize(2);

        vm.draft().open(two.get(0), () -> { });
        InvoiceDraft a = vm.draft().draftProperty().get();
        assertThat(a.organizationId()).isEqualTo(two.get(0).organizationId());
        vm.draft().lineDescriptionProperty().set("Onboarding workshop");
        vm.draft().lineAmountProperty().set("1200");
        vm.draft().lineReasonProperty().set("Agreed on the call");
        vm.draft().saveReasonProperty().set("Workshop for A");
        vm.draft().paymentReferenceProperty().set("WIRE-A-1");
        vm.draft().actionReasonProperty().set("Paid by wire");

        // the same draft again (a reload after a save): nothing typed is lost
        vm.load();
        vm.draft().open(vm.review().rows().stream().filter(r -> r.organizationId().equals(a.organizationId())).findFirst().orElseThrow(), () -> { });
        assertThat(vm.draft().lineDescriptionProperty().get()).isEqualTo("Onboarding workshop");
        assertThat(vm.draft().paymentReferenceProperty().get()).isEqualTo("WIRE-A-1");

        // another organization's draft: every form is empty, and its lines are its own
        vm.draft().open(vm.review().rows().stream().filter(r -> r.organizationId().equals(two.get(1).organizationId())).findFirst().orElseThrow(),
                () -> { });
        InvoiceDraft b = vm.draft().draftProperty().get();
        assertThat(b.organizationId()).isEqualTo(two.get(1).organizationId());
        assertThat(List.of(vm.draft().lineDescriptionProperty().get(), vm.draft().lineAmountProperty().get(), vm.draft().lineReasonProperty().get(),
                vm.draft().saveReasonProperty().get(), vm.draft().paymentReferenceProperty().get(), vm.draft().actionReasonProperty().get())).containsOnly("");
        assertThat(vm.draft().lines()).extracting(DraftLine::description).doesNotContain("Onboarding workshop");
        assertThat(vm.draft().dirtyProperty().get()).isFalse();
    }
}
