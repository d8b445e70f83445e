package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.Catalog.Quota;
import com.antevus.console.core.Secret;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog against a real PostgreSQL with demo data and the Stripe sandbox. */
class CatalogServiceTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private DataSource ds;
    private SandboxServer sandbox;
    private StripeGateway gateway;
    private CatalogService service;

    @BeforeEach
    void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("catalog"), "postgres");
        DemoData.load(ds, new DemoData.Options(60, 3, 7, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_catalog_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(400).withRetries(0, Duration.ofMillis(1), Duration.ofMillis(1)));
        service = new CatalogService(ds, () -> gateway, CLOCK);
    }

    @AfterEach
    void tearDown() {
        sandbox.close();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static PlanSpec withPrice(PlanSpec p, long monthly, long annual) {
        return new PlanSpec(p.code(), p.name(), p.family(), p.billingModel(), p.currency(), monthly, annual, p.minSeats(), p.academicOf(),
                p.selfServe(), p.graceDays(), p.alertThresholds(), p.quotas(), p.metered());
    }

    private static Catalog replacePlan(Catalog c, PlanSpec plan) {
        List<PlanSpec> plans = new ArrayList<>(c.plans());
        plans.replaceAll(p -> p.code().equals(plan.code()) ? plan : p);
        return new Catalog(c.metrics(), c.resources(), plans, c.addOns());
    }

    @Test
    void aPublishedVersionIsImmutableEvenToAdmins() {
        CatalogVersion v1 = service.current().orElseThrow();
        assertThat(v1.number()).isEqualTo(1);
        assertThatThrownBy(() -> {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("update plans set monthly_price_minor = 1 where code = 'core'");
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("cannot change");
        assertThat(service.load(v1.id()).plan("core").orElseThrow().monthlyMinor()).isEqualTo(150_000L);
    }

    @Test
    void aStaleDraftSaveIsRefusedAndChangesNothing() {
        CatalogVersion draft = service.startDraft(null);
        Catalog c = service.load(draft.id());
        CatalogVersion saved = service.saveDraft(draft, replacePlan(c, withPrice(c.plan("core").orElseThrow(), 160_000, 1_536_000)), "raise");
        // a second editor still holding the first copy
        assertThatThrownBy(() -> service.saveDraft(draft, replacePlan(c, withPrice(c.plan("core").orElseThrow(), 170_000, 1_632_000)), "other"))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("Someone else changed draft");
        assertThat(service.load(saved.id()).plan("core").orElseThrow().monthlyMinor()).isEqualTo(160_000L);
        // and a second draft is refused while one exists
        assertThatThrownBy(() -> service.startDraft(null)).hasMessageContaining("already a draft");
    }

    @Test
    void invalidDraftsAreRefusedWithTheirProblems() {
        CatalogVersion draft = service.startDraft(null);
        Catalog c = service.load(draft.id());
        Catalog bad = replacePlan(c, withPrice(c.plan("core").orElseThrow(), 150_000, 12 * 150_000 + 1));
        assertThatThrownBy(() -> service.saveDraft(draft, bad, "bad"))
                .isInstanceOf(CatalogService.InvalidCatalogException.class)
                .satisfies(e -> assertThat(((CatalogService.InvalidCatalogException) e).problems())
                        .anySatisfy(p -> assertThat(p.path()).isEqualTo("plans.core.annual")));
    }

    @Test
    void publishingShowsTheImpactMovesAtRenewalAndEntitlementsFollow() throws Exception {
        long coreSubs = count("select count(*) from subscriptions s join plans p on p.id = s.plan_id "
                + "where p.code = 'core' and s.status <> 'canceled'");
        long coreMonthly = count("select count(*) from subscriptions s join plans p on p.id = s.plan_id "
                + "where p.code = 'core' and s.status <> 'canceled' and s.billing_interval = 'month'");
        assertThat(coreSubs).isPositive();
        CatalogVersion draft = service.startDraft(null);
        Catalog c = service.load(draft.id());
        PlanSpec core = c.plan("core").orElseThrow();
        // Core goes to $1,600 ($15,360 a year) and includes 2 edge agents instead of 1
        List<Quota> quotas = new ArrayList<>(core.quotas());
        quotas.replaceAll(q -> q.code().equals("agents") ? new Quota("agents", false, 2L, q.cap()) : q);
        PlanSpec newCore = new PlanSpec(core.code(), core.name(), core.family(), core.billingModel(), core.currency(), 160_000L, 1_536_000L,
                core.minSeats(), null, core.selfServe(), core.graceDays(), core.alertThresholds(), quotas, core.metered());
        draft = service.saveDraft(draft, replacePlan(c, newCore), "Core price rise");

        PublishImpact impact = service.impact(draft);
        PublishImpact.PlanImpact coreImpact = impact.plans().stream().filter(p -> p.code().equals("core")).findFirst().orElseThrow();
        assertThat(coreImpact.subscriptions()).isEqualTo(coreSubs);
        assertThat(coreImpact.unchanged()).isFalse();
        // monthly subscribers pay $100 more a month; annual ones ($15,360 − $14,400) ÷ 12 = $80 more a month
        assertThat(coreImpact.deltaMinor()).isEqualTo(coreMonthly * 100_00 + (coreSubs - coreMonthly) * 80_00);
        assertThat(impact.plans().stream().filter(p -> p.code().equals("team")).findFirst().orElseThrow().unchanged()).isTrue();

        CatalogService.PublishResult r = service.publish(draft, TODAY, PublishOutcome.Decision.MOVE_AT_RENEWAL, "test-admin");
        assertThat(r.outcome().scheduledAtRenewal()).isEqualTo((int) coreSubs);
        assertThat(r.outcome().movedNow()).isEqualTo((int) (count("select count(*) from subscriptions where status <> 'canceled'") - coreSubs));
        assertThat(count("select count(*) from subscriptions where pending_plan_id is not null")).isEqualTo(coreSubs);
        // nobody was repriced silently: core subscribers are still on v1's plan
        assertThat(count("select count(*) from subscriptions s join plans p on p.id = s.plan_id join catalog_versions v "
                + "on v.id = p.catalog_version_id where p.code = 'core' and v.version_no = 1 and s.status <> 'canceled'")).isEqualTo(coreSubs);

        // at renewal they move, and their agents entitlement is the new quota plus their Extra Edge Agents
        int moved = service.applyDueMoves(TODAY.plusYears(2));
        assertThat(moved).isEqualTo((int) coreSubs);
        assertThat(count("select count(*) from entitlements e join subscriptions s on s.organization_id = e.organization_id "
                + "join plans p on p.id = s.plan_id where p.code = 'core' and s.status <> 'canceled' and e.resource = 'agents' "
                + "and e.limit_value <> 2 + coalesce((select sum(sa.quantity) from subscription_add_ons sa where sa.organization_id = "
                + "s.organization_id and sa.subscription_id = s.id and sa.active and sa.add_on_code = 'extra-agent'), 0)")).isZero();
        assertThat(count("select count(*) from audit_log where table_name = 'subscriptions' and reason like 'Scheduled plan moves%'"))
                .isEqualTo(coreSubs);
    }

    @Test
    void publishingToStripeTwiceCreatesNothingNewAndAPriceChangeMovesTheLookupKey() throws Exception {
        CatalogVersion v1 = service.current().orElseThrow();
        StripeSync first = service.publish(v1, TODAY, PublishOutcome.Decision.GRANDFATHER, "test").stripe();
        // 6 flat plans × (month, year) + 5 add-ons; enterprise is priced by contract
        assertThat(first.pricesCreated()).isEqualTo(17);
        assertThat(first.productsCreated()).isEqualTo(11);
        long prices = count("select count(*) from stripe_sandbox.objects where type = 'price'");
        long products = count("select count(*) from stripe_sandbox.objects where type = 'product'");
        StripeSync again = service.publish(service.current().orElseThrow(), TODAY, PublishOutcome.Decision.GRANDFATHER, "test").stripe();
        assertThat(again.createdNothing()).isTrue();
        assertThat(again.alreadyInPlace()).isEqualTo(17);
        assertThat(count("select count(*) from stripe_sandbox.objects where type = 'price'")).isEqualTo(prices);
        assertThat(count("select count(*) from stripe_sandbox.objects where type = 'product'")).isEqualTo(products);

        String oldCorePrice = gateway.findPriceByLookupKey("plan_core_month").orElseThrow().id();
        CatalogVersion draft = service.startDraft(null);
        Catalog c = service.load(draft.id());
        draft = service.saveDraft(draft, replacePlan(c, withPrice(c.plan("core").orElseThrow(), 160_000, 1_536_000)), "rise");
        StripeSync second = service.publish(draft, TODAY, PublishOutcome.Decision.GRANDFATHER, "test").stripe();
        assertThat(second.pricesCreated()).isEqualTo(2);
        assertThat(second.pricesLinked()).isEqualTo(15);
        assertThat(second.pricesArchived()).isEqualTo(2);
        assertThat(second.productsCreated()).isZero();
        StripeModels.Price now = gateway.findPriceByLookupKey("plan_core_month").orElseThrow();
        assertThat(now.id()).isNotEqualTo(oldCorePrice);
        assertThat(now.unitAmount().minor()).isEqualTo(160_000);
        assertThat(gateway.retrievePrice(oldCorePrice).active()).isFalse();
        assertThat(gateway.retrievePrice(oldCorePrice).lookupKey()).isNull();
    }

    @Test
    void aPublishInterruptedByLostAnswersResumesWithoutDuplicates() throws Exception {
        sandbox.faults().seed(4).rates(0, 0.15, 0.25);
        CatalogVersion v1 = service.current().orElseThrow();
        int attempts = 0;
        while (true) {
            attempts++;
            try {
                service.publish(service.current().orElseThrow(), TODAY, PublishOutcome.Decision.GRANDFATHER, "test");
                break;
            } catch (UserFacingException e) {
                assertThat(attempts).as("publish keeps failing: " + e.getMessage()).isLessThan(200);
            }
        }
        sandbox.faults().none();
        assertThat(attempts).as("the faults interrupted at least one publish").isGreaterThan(1);
        assertThat(count("select count(*) from stripe_sandbox.objects where type = 'price'")).isEqualTo(17);
        assertThat(count("select count(*) from stripe_sandbox.objects where type = 'product'")).isEqualTo(11);
        assertThat(count("select count(*) from catalog_stripe_prices where catalog_version_id = " + v1.id())).isEqualTo(17);
        assertThat(service.current().orElseThrow().stripeSyncedAt()).isNotNull();
    }

    @Test
    void anOrganizationsMonthRatesToWhatItsDemoInvoiceBilled() throws Exception {
        YearMonth last = YearMonth.from(TODAY).minusMonths(2); // the newest month the demo has invoiced
        List<UUID> orgs = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select i.organization_id from invoices i join organizations o on o.id = i.organization_id "
                        + "join subscriptions sub on sub.organization_id = o.id and sub.status <> 'canceled' "
                        + "where i.period_start = date '" + last.atDay(1) + "' and not o.is_enterprise")) {
            while (rs.next()) {
                orgs.add((UUID) rs.getObject(1));
            }
        }
        assertThat(orgs).hasSizeGreaterThan(10);
        int withOverage = 0;
        int usageOnly = 0;
        for (UUID org : orgs) {
            String where = "i.organization_id = '" + org + "' and i.period_start = date '" + last.atDay(1) + "'";
            long billed = count("select sum(subtotal_minor) from invoices i where " + where);
            long billedOverage = count("select coalesce(sum(l.amount_minor), 0) from invoice_lines l join invoices i on "
                    + "i.organization_id = l.organization_id and i.id = l.invoice_id where l.kind = 'overage' and " + where);
            com.antevus.console.charges.PeriodCharges.OrganizationRating r = new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, last);
            // the invoice history was priced from the generator's own totals and plan tables; rating re-reads the
            // subscription, add-ons and catalog version, and re-aggregates usage_records in SQL
            assertThat(r.rating().totalMinor()).as(r.organizationName()).isEqualTo(billed);
            assertThat(r.rating().overageMinor()).as(r.organizationName()).isEqualTo(billedOverage);
            withOverage += billedOverage > 0 ? 1 : 0;
            usageOnly += r.rating().lines().stream().noneMatch(l -> l.kind() == com.antevus.console.rating.RatedLine.Kind.BASE) ? 1 : 0;
        }
        assertThat(withOverage).as("some organizations went over a quota last month").isPositive();
        assertThat(usageOnly).as("annual subscribers between renewals are billed usage only").isPositive();
        assertThatThrownBy(() -> new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(UUID.randomUUID(), last)).hasMessageContaining("no organization");
    }

    @Test
    void twoConsolesPublishingTheSameDraftPublishItOnce() throws Exception {
        CatalogVersion draft = service.startDraft(null);
        Catalog c = service.load(draft.id());
        CatalogVersion saved = service.saveDraft(draft, replacePlan(c, withPrice(c.plan("scale").orElseThrow(), 790_000, 7_584_000)), "Scale up");
        CatalogService other = new CatalogService(ds, () -> gateway, CLOCK);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<CatalogService.PublishResult>> results = new ArrayList<>();
        for (CatalogService s : List.of(service, other)) {
            results.add(pool.submit(() -> {
                go.await();
                return s.publish(saved, TODAY, PublishOutcome.Decision.GRANDFATHER, "admin");
            }));
        }
        go.countDown();
        int published = 0;
        int refused = 0;
        for (var f : results) {
            try {
                CatalogService.PublishResult r = f.get();
                published += r.outcome() != null ? 1 : 0;
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(UserFacingException.class);
                refused++;
            }
        }
        pool.shutdown();
        assertThat(published).isEqualTo(1);
        assertThat(refused).isEqualTo(1);
        assertThat(count("select count(*) from catalog_versions where status = 'published'")).isEqualTo(2);
        // v1 was never synced, so v2 created all 17 of its prices, once, whatever the race
        assertThat(count("select count(*) from stripe_sandbox.objects where type = 'price'")).isEqualTo(17);
        assertThat(count("select count(*) from catalog_stripe_prices sp join catalog_versions v on v.id = sp.catalog_version_id "
                + "where v.version_no = 2")).isEqualTo(17);
    }
}
