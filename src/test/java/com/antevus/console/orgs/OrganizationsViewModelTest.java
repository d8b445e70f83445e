package com.antevus.console.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrganizationsViewModelTest {
    static OrganizationSummary org(String name, String domain, String plan, String status, boolean academic, boolean stripe) {
        return new OrganizationSummary(UUID.randomUUID(), name, domain, plan, plan == null ? null : plan.substring(0, 1).toUpperCase() + plan.substring(1),
                "month", status, academic, false, stripe, LocalDate.of(2025, 1, 1), Money.of(0, "USD"));
    }

    static final List<OrganizationSummary> ORGS = List.of(
            org("Helix Labs", "helix.com", "core", "active", false, true),
            org("Chen Lab, MIT", "mit.edu", "core-academic", "active", true, false),
            org("Quartz Pharma", "quartz.io", "scale", "past_due", false, true),
            org("Old Customer", "old.com", null, "canceled", false, false));

    @Test
    void searchIsCaseInsensitiveOverNameDomainAndPlan() {
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("  HELIX ", OrganizationsViewModel.Filter.ALL))).hasSize(1);
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("mit.edu", OrganizationsViewModel.Filter.ALL))).hasSize(1);
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("core", OrganizationsViewModel.Filter.ALL))).hasSize(2);
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("", OrganizationsViewModel.Filter.ALL))).hasSize(4);
    }

    @Test
    void filtersCombineWithSearch() {
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("", OrganizationsViewModel.Filter.PAST_DUE)))
                .extracting(OrganizationSummary::name).containsExactly("Quartz Pharma");
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("", OrganizationsViewModel.Filter.NO_STRIPE_CUSTOMER))).hasSize(2);
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("core", OrganizationsViewModel.Filter.ACADEMIC)))
                .extracting(OrganizationSummary::name).containsExactly("Chen Lab, MIT");
        assertThat(ORGS.stream().filter(OrganizationsViewModel.predicate("", OrganizationsViewModel.Filter.CANCELED))).hasSize(1);
    }
}
