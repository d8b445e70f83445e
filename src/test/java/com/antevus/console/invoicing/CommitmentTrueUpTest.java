package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.charges.Commitment;
import com.antevus.console.charges.CommitmentService;
import com.antevus.console.charges.PeriodCharges;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 19's commitment acceptance: a contract of $90,000 a year, billed $7,500 a month from December 2025 to
 * November 2026, that commits to $120,000 of fees. Mid-term the burn-down projects $90,000 and a $30,000 true-up; the
 * invoice run for November, the term's last month, bills exactly that once, and a second run bills nothing.
 */
class CommitmentTrueUpTest {
    /** The instant this test lives at: November is over and may be invoiced. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-12-02T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    private static DataSource ds;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static InvoicingService invoicing;
    private static CommitmentService commitments;
    private static PeriodCharges charges;
    private static UUID org;
    private static UUID contract;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("commitments"), "postgres");
        DemoData.load(ds, new DemoData.Options(60, 3, 5, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_commitments_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        invoicing = new InvoicingService(ds, new CatalogService(ds, () -> gateway, CLOCK), () -> gateway);
        commitments = new CommitmentService(ds, CLOCK);
        charges = new PeriodCharges(ds);
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select k.organization_id, k.id from contracts k join subscriptions s "
                    + "on s.organization_id = k.organization_id and s.contract_id = k.id where k.status = 'active' order by k.id limit 1");
                 ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the demo has an active contract").isTrue();
                org = rs.getObject(1, UUID.class);
                contract = rs.getObject(2, UUID.class);
            }
            // the contract this test is about: $90,000 a year in twelve monthly installments of $7,500, no discount
            try (PreparedStatement ps = c.prepareStatement("update contracts set annual_value_minor = 9000000, billing_schedule = 'monthly', "
                    + "discount_pct = 0, starts_on = '2025-12-01', ends_on = '2026-12-01' where organization_id = ? and id = ?")) {
                ps.setObject(1, org);
                ps.setObject(2, contract);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("update subscriptions set started_at = '2025-11-15T00:00:00Z', canceled_at = null "
                    + "where organization_id = ? and contract_id = ?")) {
                ps.setObject(1, org);
                ps.setObject(2, contract);
                ps.executeUpdate();
            }
        }
        commitments.save(new Commitment(org, contract, 12_000_000, "USD", Commitment.Basis.TERM, false, false, true,
                LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 1), "Committed spend in the order form", 0), "Order form §4");
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    @Test
    void midTermTheBurnDownProjectsTheTrueUpFromTheTrend() {
        PeriodCharges.BurnDown b = charges.burnDown(org, contract, YearMonth.of(2026, 8)).orElseThrow();
        // December to July ended: eight months of $7,500
        assertThat(b.months()).hasSize(8).allSatisfy(m -> assertThat(m.countedMinor()).isEqualTo(750_000));
        assertThat(b.consumedMinor()).isEqualTo(6_000_000);
        assertThat(b.monthsLeft()).isEqualTo(4);
        assertThat(b.projectedMinor()).isEqualTo(9_000_000);
        assertThat(b.projectedTrueUpMinor()).isEqualTo(3_000_000);
        assertThat(CommitmentService.verdict(b)).isEqualTo("Under-run · $30,000.00 true-up");
    }

    @Test
    void theTermsLastMonthCarriesTheTrueUpAndTheRunBillsItOnce() throws Exception {
        // only the last month of the term is trued up
        assertThat(charges.rateOrganization(org, YearMonth.of(2026, 10)).rating().lines())
                .noneMatch(l -> l.kind() == RatedLine.Kind.COMMITMENT);
        List<RatedLine> november = charges.rateOrganization(org, NOVEMBER).rating().lines();
        assertThat(november).filteredOn(l -> l.kind() == RatedLine.Kind.COMMITMENT).singleElement().satisfies(l -> {
            assertThat(l.amountMinor()).isEqualTo(3_000_000);
            assertThat(l.description()).contains("$120,000.00 committed").contains("$90,000.00 of fees counted");
        });

        RunSummary first = invoicing.run(NOVEMBER, List.of(org), false, new RunControl(), p -> { });
        assertThat(first.created()).hasSize(1);
        String stripeId = first.created().get(0).stripeInvoiceId();
        List<StripeModels.InvoiceLine> lines = gateway.invoiceLines(stripeId);
        assertThat(lines).filteredOn(l -> l.description().startsWith("Minimum commitment true-up"))
                .singleElement().satisfies(l -> assertThat(l.amount().minor()).isEqualTo(3_000_000));
        long total = gateway.retrieveInvoice(stripeId).total().minor();
        assertThat(total).isEqualTo(lines.stream().mapToLong(l -> l.amount().minor()).sum());

        RunSummary second = invoicing.run(NOVEMBER, List.of(org), false, new RunControl(), p -> { });
        assertThat(second.created()).isEmpty();
        assertThat(second.skipped()).hasSize(1);
        assertThat(trueUpsBilled()).isEqualTo(1);
    }

    @Test
    void aCommitmentIsCheckedAtTheFieldAndEditsDoNotOverwriteEachOther() {
        assertThat(CommitmentService.problem(0, true, true, true)).contains("above zero");
        assertThat(CommitmentService.problem(500_000, false, false, false)).contains("Choose what counts");
        assertThat(CommitmentService.problem(CommitmentService.MAX_MINOR + 1, true, false, false)).contains("number of zeros");
        Commitment stale = new Commitment(org, contract, 13_000_000, "USD", Commitment.Basis.TERM, false, false, true,
                LocalDate.of(2025, 12, 1), LocalDate.of(2026, 12, 1), null, 7);
        assertThatThrownBy(() -> commitments.save(stale, "Raised")).hasMessageContaining("Someone changed this commitment");
        assertThat(commitments.forContract(org, contract).orElseThrow().amountMinor()).isEqualTo(12_000_000);
    }

    @Test
    void theCommitmentTabFollowsTheOpenContractAndChecksItsForm() throws Exception {
        com.antevus.console.core.InlineTaskExecutor inline = new com.antevus.console.core.InlineTaskExecutor();
        com.antevus.console.contracts.ContractService contracts = new com.antevus.console.contracts.ContractService(ds, () -> gateway, CLOCK);
        com.antevus.console.contracts.ContractsViewModel section = new com.antevus.console.contracts.ContractsViewModel(contracts, inline);
        com.antevus.console.charges.CommitmentViewModel tab = new com.antevus.console.charges.CommitmentViewModel(section, commitments, inline,
                section.editor().openedProperty());
        section.editor().open(contracts.load(contract)); // the inline executor does the background work at once
        // as of December 2026 the term has ended: all twelve months counted, $90,000, so the true-up is $30,000
        assertThat(tab.burnDownProperty().get()).isNotNull();
        assertThat(tab.burnDownProperty().get().consumedMinor()).isEqualTo(9_000_000);
        assertThat(tab.burnDownProperty().get().projectedTrueUpMinor()).isEqualTo(3_000_000);
        assertThat(tab.amountProperty().get()).isEqualTo("120000.00");
        assertThat(tab.feesProperty().get()).isTrue();
        assertThat(tab.usageProperty().get()).isFalse();
        // a bad amount is refused at the field and nothing changes
        tab.amountProperty().set("12O000");
        tab.reasonProperty().set("Typo test");
        tab.save();
        assertThat(tab.fieldErrorProperty().get()).contains("Enter the committed amount");
        tab.amountProperty().set("120000.00");
        tab.feesProperty().set(false);
        tab.save();
        assertThat(tab.fieldErrorProperty().get()).contains("Choose what counts");
        assertThat(commitments.forContract(org, contract).orElseThrow().countsFees()).isTrue();
    }

    private static int trueUpsBilled() throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("select count(*) from invoice_lines "
                + "where organization_id = ? and description like 'Minimum commitment true-up%'")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
