package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CouponService;
import com.antevus.console.charges.PeriodCharges;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.support.TestContexts;
import com.antevus.console.support.TestPostgres;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Coupons applied by finance: on a subscription for the months the coupon lasts, or on one invoice; rated as discount
 * lines, carried by the draft and by Stripe's invoice, never below zero, refused when they cannot be redeemed.
 */
class CouponsOnInvoicesTest {
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    static final YearMonth DECEMBER = YearMonth.of(2026, 12);
    /** Finance invoices November on December 2. */
    static final Instant DEC_2 = Instant.parse("2026-12-02T08:00:00Z");

    static ConsoleContext context;
    static DataSource ds;
    static CouponService coupons;
    static PeriodCharges charges;

    @BeforeAll
    static void open() {
        context = TestContexts.withDemoData("coupons_on_invoices", 40, DEC_2);
        ds = context.database().dataSource();
        coupons = context.catalog().coupons();
        charges = new PeriodCharges(ds);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    /** Monthly self-serve organizations with something to bill in November and no November invoice yet, by name. */
    private static List<UUID> monthlyOrganizations() throws Exception {
        return TestPostgres.rows(ds, "select o.id from organizations o join subscriptions s on s.organization_id = o.id "
                + "join plans p on p.id = s.plan_id where s.billing_interval = 'month' and s.contract_id is null and s.status = 'active' "
                + "and p.monthly_price_minor > 0 and s.started_at < date '2026-11-01' and coalesce(s.discount_pct, 0) = 0 "
                + "and not exists (select 1 from invoices i where i.organization_id = o.id and i.period_start = date '2026-11-01') "
                + "order by o.name").stream().map(r -> (UUID) r[0]).toList();
    }

    private static long couponLines(Rating r) {
        return r.lines().stream().filter(l -> l.code().startsWith("coupon:")).mapToLong(RatedLine::amountMinor).sum();
    }

    private static CouponService.Coupon create(String id, BigDecimal pct, Long amount, String currency, String duration, Integer months,
                                               Integer max) {
        return coupons.create(new CouponService.Draft(id, id + " campaign", pct, amount, currency, duration, months, null, max), "Campaign " + id);
    }

    @Test
    void aRepeatingCouponOnTheSubscriptionDiscountsItsMonthsAsALineThatStripesInvoiceCarries() throws Exception {
        UUID org = monthlyOrganizations().get(0);
        long novemberBefore = charges.rateOrganization(org, NOVEMBER).rating().totalMinor();
        long decemberBefore = charges.rateOrganization(org, DECEMBER).rating().totalMinor();
        assertThat(novemberBefore).isPositive();
        CouponService.Coupon k = create("WELCOME-20", new BigDecimal("20"), null, null, "repeating", 2, null);

        CouponService.Applied applied = coupons.apply(k.id(), org, CouponService.Target.SUBSCRIPTION, NOVEMBER, "Win-back offer");
        assertThat(applied.draftLineMinor()).as("no November draft yet").isNull();
        assertThat(applied.application().coversWords()).isEqualTo("The subscription, November 2026 to December 2026");

        // 20% of what each month came to, rounded half up, for November and December and no month after
        Rating november = charges.rateOrganization(org, NOVEMBER).rating();
        assertThat(couponLines(november)).isEqualTo(-Math.round(novemberBefore * 0.2));
        assertThat(november.totalMinor()).isEqualTo(novemberBefore - Math.round(novemberBefore * 0.2));
        assertThat(couponLines(charges.rateOrganization(org, DECEMBER).rating())).isEqualTo(-Math.round(decemberBefore * 0.2));
        assertThat(couponLines(charges.rateOrganization(org, YearMonth.of(2027, 1)).rating())).isZero();
        assertThat(couponLines(charges.rateOrganization(org, YearMonth.of(2026, 10)).rating())).isZero();
        assertThat(context.organizations().profile(org).subscription().coupons())
                .containsExactly("WELCOME-20, 20% off: Nov 2026 – Dec 2026");

        // the draft carries the line; Stripe's invoice comes to the same total
        InvoiceDraft draft = context.invoicing().createDraft(org, NOVEMBER, "test");
        assertThat(draft.lines()).filteredOn(l -> l.description().startsWith("Coupon WELCOME-20")).singleElement()
                .satisfies(l -> assertThat(l.amountMinor()).isEqualTo(-Math.round(novemberBefore * 0.2)));
        assertThat(draft.subtotalMinor()).isEqualTo(november.totalMinor());
        InvoiceDraft sent = context.invoicing().createInStripe(draft.invoiceId(), e -> { });
        assertThat(context.stripe().gateway().retrieveInvoice(sent.stripeInvoiceId()).total().minor()).isEqualTo(november.totalMinor());
        assertThat((String) TestPostgres.rows(ds, "select reason from audit_log where table_name = 'coupon_applications' order by id limit 1")
                .get(0)[0]).isEqualTo("Win-back offer");

        // November is in Stripe: an invoice coupon for it is refused and nothing is written
        CouponService.Coupon once = create("SORRY-10", new BigDecimal("10"), null, null, "once", null, null);
        long before = TestPostgres.one(ds, "select count(*) from coupon_applications");
        assertThatThrownBy(() -> coupons.apply(once.id(), org, CouponService.Target.INVOICE, NOVEMBER, "Outage"))
                .hasMessageContaining("already in Stripe").hasMessageContaining("credit note").hasMessageContaining("Nothing was applied");
        assertThat(TestPostgres.one(ds, "select count(*) from coupon_applications")).isEqualTo(before);

        // removed, December is no longer discounted
        coupons.remove(coupons.onSubscription(org).orElseThrow(), "Customer upgraded");
        assertThat(couponLines(charges.rateOrganization(org, DECEMBER).rating())).isZero();
        assertThat(context.organizations().profile(org).subscription().coupons()).isEmpty();
        assertThat(coupons.applicationsFor(org)).singleElement().satisfies(a -> assertThat(a.removedReason()).isEqualTo("Customer upgraded"));
    }

    @Test
    void anAmountOffLargerThanTheInvoiceTakesItToZeroOnTheOpenDraftAndAStaleEditorIsRefused() throws Exception {
        UUID org = monthlyOrganizations().get(1);
        InvoiceDraft draft = context.invoicing().createDraft(org, NOVEMBER, "test");
        long subtotal = draft.subtotalMinor();
        assertThat(subtotal).isPositive();
        CouponService.Coupon big = create("MAKEGOOD-1M", null, 100_000_000L, "USD", "once", null, null);

        CouponService.Applied applied = coupons.apply(big.id(), org, CouponService.Target.INVOICE, NOVEMBER, "Service credit for the outage");
        assertThat(applied.draftLineMinor()).isEqualTo(-subtotal);
        InvoiceDraft now = context.invoicing().draft(draft.invoiceId());
        assertThat(now.subtotalMinor()).isZero();
        assertThat(now.lines()).hasSize(draft.lines().size() + 1);
        assertThat(TestPostgres.one(ds, "select total_minor from invoices where id = ?", draft.invoiceId())).isZero();
        // an editor that opened the draft before the coupon cannot overwrite it
        assertThatThrownBy(() -> context.invoicing().saveDraft(draft, draft.lines(), null, "edit")).hasMessageContaining("changed this draft");
        // a second coupon on the same invoice is refused
        CouponService.Coupon more = create("EXTRA-5", new BigDecimal("5"), null, null, "once", null, null);
        assertThatThrownBy(() -> coupons.apply(more.id(), org, CouponService.Target.INVOICE, NOVEMBER, "again"))
                .hasMessageContaining("already carries MAKEGOOD-1M");
    }

    @Test
    void aCouponThatCannotBeRedeemedIsRefusedWithItsReasonAndNothingChanges() throws Exception {
        List<UUID> orgs = monthlyOrganizations();
        UUID a = orgs.get(2);
        UUID b = orgs.get(3);
        CouponService.Coupon single = create("ONLY-ONE", new BigDecimal("15"), null, null, "once", null, 1);
        coupons.apply(single.id(), a, CouponService.Target.SUBSCRIPTION, DECEMBER, "First come");
        assertThatThrownBy(() -> coupons.apply(single.id(), b, CouponService.Target.SUBSCRIPTION, DECEMBER, "Second"))
                .hasMessageContaining("limit of 1 redemption");
        CouponService.Coupon euro = create("EURO-50", null, 5_000L, "EUR", "once", null, null);
        assertThatThrownBy(() -> coupons.apply(euro.id(), b, CouponService.Target.SUBSCRIPTION, DECEMBER, "Wrong currency"))
                .hasMessageContaining("takes EUR off").hasMessageContaining("billed in USD");
        CouponService.Coupon gone = create("GONE-30", new BigDecimal("30"), null, null, "forever", null, null);
        coupons.archive(coupons.list().stream().filter(x -> x.id().equals(gone.id())).findFirst().orElseThrow(), "Ended");
        assertThatThrownBy(() -> coupons.apply(gone.id(), b, CouponService.Target.SUBSCRIPTION, DECEMBER, "Too late"))
                .hasMessageContaining("archived");
        assertThatThrownBy(() -> coupons.apply(single.id(), b, CouponService.Target.SUBSCRIPTION, DECEMBER, " "))
                .hasMessageContaining("Give a reason");
        assertThat(coupons.applicationsFor(b)).isEmpty();
        assertThat(couponLines(charges.rateOrganization(b, DECEMBER).rating())).isZero();

        // a new coupon on a subscription replaces the one on it, saying so
        CouponService.Coupon forever = create("LOYAL-5", new BigDecimal("5"), null, null, "forever", null, null);
        CouponService.Applied replacing = coupons.apply(forever.id(), a, CouponService.Target.SUBSCRIPTION, DECEMBER, "Loyalty");
        assertThat(replacing.replaced().couponStripeId()).isEqualTo("ONLY-ONE");
        assertThat(coupons.applicationsFor(a)).filteredOn(CouponService.Application::active).singleElement()
                .satisfies(x -> assertThat(x.coversWords()).isEqualTo("The subscription from December 2026, until removed"));
        assertThat(charges.rateOrganization(a, YearMonth.of(2027, 6)).rating().lines()).filteredOn(l -> l.code().startsWith("coupon:"))
                .singleElement().satisfies(l -> assertThat(l.code()).isEqualTo("coupon:LOYAL-5"));
    }
}
