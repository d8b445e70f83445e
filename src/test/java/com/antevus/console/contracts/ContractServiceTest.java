package com.antevus.console.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.pricing.Catalog.MeteredPrice;
import com.antevus.console.core.Money;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.rating.ContractOverrides;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Contracts against the real schema: validation, applying terms, rating with overrides, concurrent edits, renewals. */
class ContractServiceTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static DataSource ds;
    private static String db;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static ContractService service;
    private static CatalogService catalog;

    @BeforeAll
    static void setUp() throws Exception {
        db = TestPostgres.freshDatabase("contracts");
        ds = TestPostgres.dataSource(db, "postgres");
        DemoData.load(ds, new DemoData.Options(60, 3, 7, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_contracts_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        service = new ContractService(ds, () -> gateway, Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        catalog = new CatalogService(ds, () -> gateway, CLOCK);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static List<Object[]> rows(String sql, Object... args) throws Exception {
        return TestPostgres.rows(ds, sql, args);
    }

    /** A self-serve organization on the given plan with a live subscription and no contract. */
    private static UUID selfServe(String plan, int skip) throws Exception {
        return (UUID) rows("select o.id from organizations o join subscriptions s on s.organization_id = o.id and s.status = 'active' "
                + "join plans p on p.id = s.plan_id where p.code = ? and not o.is_enterprise and s.contract_id is null "
                + "and s.billing_interval = 'month' order by o.name offset ? limit 1", plan, skip).get(0)[0];
    }

    private static ContractDocument signed(ContractDocument.Kind kind, LocalDate on) {
        return new ContractDocument(null, kind, ContractDocument.Status.SIGNED, on, null, "https://contracts.example.com/" + kind.db() + ".pdf",
                null, null);
    }

    private static Contract draftFor(UUID org, long annualMinor, ContractOverrides overrides, List<ContractDocument> docs) {
        ContractService.OrganizationChoice o = service.organizations().stream().filter(x -> x.id().equals(org)).findFirst().orElseThrow();
        Contract blank = Contract.blank(o.id(), o.name(), o.handlesHealthData(), TODAY);
        LocalDate start = TODAY.withDayOfMonth(1);
        return new Contract(null, blank.organizationId(), blank.organizationName(), blank.handlesHealthData(), blank.status(), "USD",
                annualMinor, Contract.Schedule.MONTHLY, Contract.PaymentTerms.NET30, start, start.plusYears(1), true, 60,
                new BigDecimal("10"), overrides, "", docs, 0);
    }

    @Test
    void invalidTermsAreRefusedFieldByFieldAndNothingIsSaved() throws Exception {
        UUID org = selfServe("team", 0);
        long before = (long) rows("select count(*) from contracts").get(0)[0];
        Contract good = draftFor(org, 120_000_00, ContractOverrides.NONE, List.of());
        LocalDate start = good.startsOn();
        Contract bad = new Contract(null, org, good.organizationName(), false, Contract.Status.DRAFT, "USD", -5,
                Contract.Schedule.QUARTERLY, Contract.PaymentTerms.NET30, start, start.plusMonths(7), false, 30, BigDecimal.ZERO,
                ContractOverrides.NONE, "", List.of(new ContractDocument(null, ContractDocument.Kind.MSA, ContractDocument.Status.SIGNED,
                        LocalDate.of(2026, 10, 1), LocalDate.of(2026, 9, 1), null, null, null)), 0);
        assertThatThrownBy(() -> service.save(null, bad, null)).isInstanceOfSatisfying(ContractValidationException.class, e ->
                assertThat(e.fieldErrors()).containsKeys("annualValue", "schedule", "documents.0.expiresOn"));
        Contract monthlyNet60 = new Contract(null, org, good.organizationName(), false, Contract.Status.DRAFT, "USD", 1,
                Contract.Schedule.MONTHLY, Contract.PaymentTerms.NET60, start, start.plusYears(1), false, 30, BigDecimal.ZERO,
                ContractOverrides.NONE, "", List.of(), 0);
        assertThatThrownBy(() -> service.save(null, monthlyNet60, null)).isInstanceOfSatisfying(ContractValidationException.class, e ->
                assertThat(e.fieldErrors()).containsOnlyKeys("paymentTerms"));
        // the column holds two decimals: a third is refused at the field, not rounded away (nor a crash in the save)
        Contract threeDecimals = new Contract(null, org, good.organizationName(), false, Contract.Status.DRAFT, "USD", 1,
                Contract.Schedule.MONTHLY, Contract.PaymentTerms.NET30, start, start.plusYears(1), false, 30, new BigDecimal("12.125"),
                ContractOverrides.NONE, "", List.of(), 0);
        assertThatThrownBy(() -> service.save(null, threeDecimals, null)).isInstanceOfSatisfying(ContractValidationException.class, e ->
                assertThat(e.fieldErrors()).containsOnlyKeys("discount"));
        assertThat((long) rows("select count(*) from contracts").get(0)[0]).isEqualTo(before);
    }

    @Test
    void applyingAContractPutsTheOrganizationOnItsTermsAndRatingUsesTheOverrides() throws Exception {
        UUID org = selfServe("scale", 0);
        // the org's own Stripe subscription, which must stop when the contract takes over
        StripeModels.Customer customer = gateway.createCustomer(IdempotencyKey.of("test", org, "customer"), "C", "c@example.com", Map.of());
        StripeModels.Product product = gateway.createProduct(IdempotencyKey.of("test", org, "product"), "Scale", Map.of());
        StripeModels.Price price = gateway.createPrice(IdempotencyKey.of("test", org, "price"), product.id(), Money.of(750_000, "USD"),
                "month", null, Map.of());
        StripeModels.Subscription selfServe = gateway.createSubscription(IdempotencyKey.of("test", org, "sub"), customer.id(),
                List.of(new StripeModels.ItemSpec(price.id(), 1)), List.of(), Map.of());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update subscriptions set stripe_subscription_id = ? where organization_id = ? and status <> 'canceled'")) {
            ps.setString(1, selfServe.id());
            ps.setObject(2, org);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        Map<String, Long> quotas = new HashMap<>();
        quotas.put("events", 100_000L);
        quotas.put("agents", 9L);
        quotas.put("seats", null); // unlimited
        MeteredPrice events = MeteredPrice.packaged("events", 5_000, 100_000); // $50 per started 100k
        ContractOverrides overrides = new ContractOverrides(quotas, Map.of("events", events));
        Contract saved = service.save(null, draftFor(org, 240_000_00, overrides, List.of(signed(ContractDocument.Kind.ORDER_FORM,
                TODAY.minusDays(30)), signed(ContractDocument.Kind.MSA, TODAY.minusDays(30)))), "Signed order form");
        assertThat(saved.status()).isEqualTo(Contract.Status.DRAFT);
        assertThat(saved.overrides()).isEqualTo(overrides);
        assertThat(saved.documents()).hasSize(2).allMatch(d -> d.id() != null);

        Contract applied = service.apply(saved, "Enterprise deal closed");
        assertThat(applied.status()).isEqualTo(Contract.Status.ACTIVE);
        assertThat(gateway.retrieveSubscription(selfServe.id()).status()).isEqualTo("canceled");
        List<Object[]> subs = rows("select s.status, p.billing_model, s.contract_id, s.discount_pct from subscriptions s "
                + "join plans p on p.id = s.plan_id where s.organization_id = ? order by s.started_at", org);
        assertThat(subs).hasSize(2);
        assertThat(subs.get(0)[0]).isEqualTo("canceled");
        assertThat(subs.get(1)).containsExactly("active", "custom", saved.id(), new BigDecimal("10.00"));
        Map<String, Object> ent = new HashMap<>();
        rows("select resource, limit_value from entitlements where organization_id = ?", org).forEach(r -> ent.put((String) r[0], r[1]));
        assertThat(ent.get("agents")).isEqualTo(9L + (long) rows("select coalesce(sum(a.raises_by * sa.quantity), 0)::bigint from subscription_add_ons sa "
                + "join subscriptions s on s.id = sa.subscription_id and s.status = 'active' join plans p on p.id = s.plan_id "
                + "join add_ons a on a.code = sa.add_on_code and a.catalog_version_id = p.catalog_version_id "
                + "where sa.organization_id = ? and sa.active and a.raises_resource = 'agents'", org).get(0)[0]);
        assertThat(ent).containsEntry("seats", null);
        assertThat(rows("select is_enterprise from organizations where id = ?", org).get(0)[0]).isEqualTo(true);

        // November is month 1 of 12 of $240,000 (monthly schedule): $20,000; events over 100k at $50 per started 100k
        com.antevus.console.charges.PeriodCharges.OrganizationRating r = new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, YearMonth.from(TODAY));
        assertThat(r.rating().lines()).filteredOn(l -> l.kind() == RatedLine.Kind.CONTRACT).singleElement()
                .extracting(RatedLine::amountMinor).isEqualTo(20_000_00L);
        long used = r.usage().getOrDefault("events", 0L);
        assertThat(used).as("the demo org used events this month").isGreaterThan(100_000L);
        long blocks = (used - 100_000 + 99_999) / 100_000;
        assertThat(r.rating().lines()).filteredOn(l -> l.kind() == RatedLine.Kind.OVERAGE && l.code().equals("events"))
                .singleElement().extracting(RatedLine::amountMinor).isEqualTo(blocks * 5_000);
        long beforeDiscount = r.rating().lines().stream().filter(l -> l.kind() != RatedLine.Kind.DISCOUNT).mapToLong(RatedLine::amountMinor).sum();
        assertThat(r.rating().lines()).filteredOn(l -> l.kind() == RatedLine.Kind.DISCOUNT).singleElement()
                .extracting(RatedLine::amountMinor).isEqualTo(-Math.round(beforeDiscount * 0.10));

        // the invoice runs bill the contract: the period's draft carries the installment, due on the contract's terms
        com.antevus.console.invoicing.InvoiceDraft draft = new com.antevus.console.invoicing.InvoicingService(ds, catalog, () -> gateway)
                .createDraft(org, YearMonth.from(TODAY), "test");
        assertThat(draft.lines()).filteredOn(l -> l.kind().equals("contract")).singleElement()
                .extracting(com.antevus.console.invoicing.DraftLine::amountMinor).isEqualTo(20_000_00L);
        assertThat(draft.daysUntilDue()).isEqualTo(30);
        assertThat(draft.lines().stream().mapToLong(com.antevus.console.invoicing.DraftLine::amountMinor).sum())
                .isEqualTo(r.rating().lines().stream().mapToLong(RatedLine::amountMinor).sum());

        // applying again is harmless: still one live subscription, same entitlements
        service.apply(applied, "re-applied");
        // editing the active contract moves the organization with it: a new agents quota is entitled at once
        Contract active = service.load(saved.id());
        Map<String, Long> moreAgents = new HashMap<>(active.overrides().quotas());
        moreAgents.put("agents", 15L);
        service.save(active, new Contract(active.id(), active.organizationId(), active.organizationName(), active.handlesHealthData(),
                active.status(), active.currency(), active.annualValueMinor(), active.schedule(), active.paymentTerms(), active.startsOn(),
                active.endsOn(), active.autoRenew(), active.noticeDays(), new BigDecimal("12"),
                new ContractOverrides(moreAgents, active.overrides().rates()), active.notes(), active.documents(), active.version()), "More agents");
        assertThat((Long) rows("select limit_value from entitlements where organization_id = ? and resource = 'agents'", org).get(0)[0])
                .isEqualTo((Long) ent.get("agents") + 6);
        assertThat(rows("select discount_pct from subscriptions where organization_id = ? and status <> 'canceled'", org).get(0)[0])
                .isEqualTo(new BigDecimal("12.00"));
        assertThat(rows("select count(*) from subscriptions where organization_id = ? and status <> 'canceled'", org).get(0)[0]).isEqualTo(1L);
        List<Object[]> audit = rows("select reason, old_row->>'status', new_row->>'status' from audit_log where table_name = 'contracts' "
                + "and row_key->>'id' = ? and reason like 'Enterprise deal closed%'", saved.id().toString());
        assertThat(audit).singleElement().satisfies(a -> {
            assertThat((String) a[0]).contains(selfServe.id() + " canceled");
            assertThat(a[1]).isEqualTo("draft");
            assertThat(a[2]).isEqualTo("active");
        });
    }

    @Test
    void aContractWithoutASignedOrderFormIsNotApplied() throws Exception {
        UUID org = selfServe("team", 1);
        Contract saved = service.save(null, draftFor(org, 60_000_00, ContractOverrides.NONE, List.of()), null);
        assertThatThrownBy(() -> service.apply(saved, null)).hasMessageContaining("order form is not signed");
        assertThat(rows("select count(*) from subscriptions where organization_id = ? and contract_id is not null", org).get(0)[0]).isEqualTo(0L);
    }

    @Test
    void twoConcurrentEditsLoseNothingAndTheSecondEditorIsToldWhatChanged() throws Exception {
        UUID org = selfServe("team", 2);
        Contract opened = service.save(null, draftFor(org, 100_000_00, ContractOverrides.NONE,
                List.of(signed(ContractDocument.Kind.MSA, TODAY.minusDays(3)))), null);
        // both editors open version 0; they race their saves from two threads
        Contract alice = withValue(opened, 150_000_00);
        Contract bob = withNotes(opened, "Renewal call booked for March");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        Future<Object> a = pool.submit(() -> { go.await(); return attempt(opened, alice); });
        Future<Object> b = pool.submit(() -> { go.await(); return attempt(opened, bob); });
        go.countDown();
        Object ra = a.get();
        Object rb = b.get();
        pool.shutdown();
        assertThat(List.of(ra, rb)).as("exactly one save wins").filteredOn(o -> o instanceof Contract).hasSize(1);
        ContractConflictException conflict = (ContractConflictException) (ra instanceof ContractConflictException ? ra : rb);
        boolean aliceWon = ra instanceof Contract;
        Contract loserEdit = aliceWon ? bob : alice;
        String expectedChange = aliceWon ? "Annual value" : "Notes";
        assertThat(conflict.getMessage()).contains("changed this contract").contains(expectedChange).contains("your edits are kept");
        assertThat(conflict.theirChanges()).extracting(ContractRules.FieldChange::label).containsExactly(expectedChange);
        assertThat(conflict.bothChanged()).isEmpty();
        // the winner's change is in the database, the loser's is not (yet)
        Contract now = service.load(opened.id());
        assertThat(now.version()).isEqualTo(1);
        // the loser saves again on top: both changes survive
        Contract merged = ContractRules.merge(opened, loserEdit, conflict.current());
        Contract saved = service.save(conflict.current(), merged, null);
        assertThat(saved.annualValueMinor()).isEqualTo(150_000_00);
        assertThat(saved.notes()).isEqualTo("Renewal call booked for March");
        assertThat(saved.documents()).hasSize(1);
        assertThat(saved.version()).isEqualTo(2);
    }

    @Test
    void editsOfTheSameFieldAreNamedAsConflictsAndTheStaleSaveChangesNothing() throws Exception {
        UUID org = selfServe("core", 0);
        Contract opened = service.save(null, draftFor(org, 100_000_00, ContractOverrides.NONE, List.of()), null);
        service.save(opened, withValue(opened, 110_000_00), null);
        assertThatThrownBy(() -> service.save(opened, withValue(opened, 90_000_00), null))
                .isInstanceOfSatisfying(ContractConflictException.class, e -> {
                    assertThat(e.bothChanged()).extracting(ContractRules.FieldChange::label).containsExactly("Annual value");
                    assertThat(e.getMessage()).contains("You both changed Annual value").contains("$110,000.00");
                });
        assertThat(service.load(opened.id()).annualValueMinor()).isEqualTo(110_000_00);
    }

    @Test
    void theRenewalPipelineListsContractsEndingSoonWithMissingDocumentWarnings() throws Exception {
        List<Renewal> within90 = service.expiring(90);
        List<Object[]> expected = rows("select id from contracts where status = 'active' and ends_on <= ?", TODAY.plusDays(90));
        assertThat(within90).extracting(r -> r.contract().id()).containsExactlyInAnyOrderElementsOf(expected.stream().map(r -> (UUID) r[0]).toList());
        assertThat(within90).allMatch(r -> r.daysLeft() <= 90);
        assertThat(within90).isSortedAccordingTo(java.util.Comparator.comparing(r -> r.contract().endsOn()));
        List<Object[]> noBaa = rows("select c.id from contracts c join organizations o on o.id = c.organization_id where c.status = 'active' "
                + "and o.handles_health_data and not exists (select 1 from contract_documents d where d.contract_id = c.id "
                + "and d.kind = 'baa' and d.status = 'signed')");
        List<Renewal> warned = service.withWarnings();
        for (Object[] row : noBaa) {
            assertThat(warned).filteredOn(r -> r.contract().id().equals(row[0])).singleElement()
                    .satisfies(r -> assertThat(r.warnings()).contains("Handles health data without a signed BAA"));
        }
        assertThatThrownBy(() -> service.expiring(-1)).hasMessageContaining("cannot be negative");
    }

    @Test
    void anAttachedFileIsStoredByPathAndHashAndAChangeIsNoticed() throws Exception {
        Path file = Files.createTempFile("order-form", ".pdf");
        Files.writeString(file, "%PDF-1.4 order form v1");
        ContractService.AttachedFile f = service.attach(file);
        assertThat(f.sha256()).hasSize(64).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        ContractDocument doc = new ContractDocument(null, ContractDocument.Kind.ORDER_FORM, ContractDocument.Status.SENT, null, null,
                null, f.path(), f.sha256());
        assertThat(service.fileUnchanged(doc)).isTrue();
        Files.writeString(file, "%PDF-1.4 order form v2, edited");
        assertThat(service.fileUnchanged(doc)).isFalse();
        assertThatThrownBy(() -> service.attach(file.resolveSibling("missing.pdf"))).hasMessageContaining("There is no file");
    }

    @Test
    void salesCanSetUpAndApplyAContractButSupportCannotAndNothingChanges() throws Exception {
        try (Connection c = ds.getConnection(); java.sql.Statement st = c.createStatement()) {
            for (String role : new String[]{"sales", "support"}) {
                st.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = 'ct_" + role + "') then "
                        + "create role ct_" + role + " login in role billing_" + role + "; end if; end $$");
            }
        }
        Clock clock = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        ContractService asSupport = new ContractService(TestPostgres.dataSource(db, "ct_support"), () -> gateway, clock);
        ContractService asSales = new ContractService(TestPostgres.dataSource(db, "ct_sales"), () -> gateway, clock);
        UUID org = selfServe("core", 1);
        Contract draft = draftFor(org, 30_000_00, ContractOverrides.NONE, List.of(signed(ContractDocument.Kind.ORDER_FORM, TODAY.minusDays(1))));
        long before = (long) rows("select count(*) from contracts").get(0)[0];
        assertThatThrownBy(() -> asSupport.save(null, draft, null)).isInstanceOf(com.antevus.console.core.UserFacingException.class)
                .hasMessageContaining("Your role cannot do this (saving the contract)").hasMessageContaining("nothing was changed");
        assertThat((long) rows("select count(*) from contracts").get(0)[0]).isEqualTo(before);
        Contract saved = asSales.save(null, draft, "Sales set up the deal");
        Contract applied = asSales.apply(saved, "Sales applied the deal");
        assertThat(applied.status()).isEqualTo(Contract.Status.ACTIVE);
        assertThat(rows("select db_user from audit_log where table_name = 'contracts' and row_key->>'id' = ? order by id desc limit 1",
                saved.id().toString()).get(0)[0]).isEqualTo("ct_sales");
    }

    private static Object attempt(Contract opened, Contract edit) {
        try {
            return service.save(opened, edit, null);
        } catch (ContractConflictException e) {
            return e;
        }
    }

    static Contract withValue(Contract k, long minor) {
        return new Contract(k.id(), k.organizationId(), k.organizationName(), k.handlesHealthData(), k.status(), k.currency(), minor,
                k.schedule(), k.paymentTerms(), k.startsOn(), k.endsOn(), k.autoRenew(), k.noticeDays(), k.discountPct(), k.overrides(),
                k.notes(), k.documents(), k.version());
    }

    static Contract withNotes(Contract k, String notes) {
        return new Contract(k.id(), k.organizationId(), k.organizationName(), k.handlesHealthData(), k.status(), k.currency(),
                k.annualValueMinor(), k.schedule(), k.paymentTerms(), k.startsOn(), k.endsOn(), k.autoRenew(), k.noticeDays(),
                k.discountPct(), k.overrides(), notes, k.documents(), k.version());
    }
}
