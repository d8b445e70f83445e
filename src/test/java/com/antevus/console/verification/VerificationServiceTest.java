package com.antevus.console.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.catalog.CatalogService;
import com.antevus.console.catalog.PublishOutcome;
import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verification queue against the real schema and the Stripe sandbox. */
class VerificationServiceTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    /** The instant this test lives at: noon UTC on TODAY. */
    static final java.time.Instant NOW = java.time.Instant.parse("2026-11-22T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static DataSource ds;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static VerificationService service;
    private static CatalogService catalog;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("verifications"), "postgres");
        DemoData.load(ds, new DemoData.Options(80, 3, 11, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_verifications_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        catalog = new CatalogService(ds, () -> gateway, CLOCK);
        catalog.publish(catalog.current().orElseThrow(), TODAY, PublishOutcome.Decision.GRANDFATHER, "test"); // prices in Stripe
        service = new VerificationService(ds, () -> gateway, Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    private static List<Object[]> rows(String sql, Object... args) throws Exception {
        return TestPostgres.rows(ds, sql, args);
    }

    private static void exec(String sql, Object... args) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** A Core organization on monthly billing with no verification of its own, the n-th by name. */
    private static UUID coreOrg(int n) throws Exception {
        return (UUID) rows("select o.id from organizations o join subscriptions s on s.organization_id = o.id and s.status = 'active' "
                + "join plans p on p.id = s.plan_id where p.code = 'core' and s.billing_interval = 'month' and not o.is_academic "
                + "and not exists (select 1 from academic_verifications v where v.organization_id = o.id) order by o.name offset ? limit 1", n).get(0)[0];
    }

    private static UUID request(UUID org, String email, String method) throws Exception {
        UUID id = UUID.randomUUID();
        exec("insert into academic_verifications (organization_id, id, requester_email, institution, email_domain, method, evidence, "
                + "status, submitted_at) values (?, ?, ?, 'Claimed institution', ?, ?, '{\"notes\": \"test\"}', 'pending', ?)",
                org, id, email, email.substring(email.indexOf('@') + 1), method, NOW.minus(java.time.Duration.ofDays(4)).atOffset(ZoneOffset.UTC));
        return id;
    }

    private static String priceId(String planCode) throws Exception {
        return (String) rows("select sp.stripe_price_id from catalog_stripe_prices sp join catalog_versions v on v.id = sp.catalog_version_id "
                + "where v.status = 'published' and sp.item_kind = 'plan' and sp.item_code = ? and sp.billing_interval = 'month' "
                + "order by v.version_no desc limit 1", planCode).get(0)[0];
    }

    /** Links the organization to a Stripe customer with a Core subscription in the sandbox; returns the subscription id. */
    private static String subscribeInStripe(UUID org) throws Exception {
        StripeModels.Customer customer = gateway.createCustomer(IdempotencyKey.of("test", org, "customer"), "Org", "billing@example.com", Map.of());
        StripeModels.Subscription sub = gateway.createSubscription(IdempotencyKey.of("test", org, "subscription"), customer.id(),
                List.of(new StripeModels.ItemSpec(priceId("core"), 1)), List.of(), Map.of("organization_id", org.toString()));
        exec("update organizations set stripe_customer_id = ? where id = ?", customer.id(), org);
        exec("update subscriptions set stripe_subscription_id = ? where organization_id = ? and status <> 'canceled'", sub.id(), org);
        return sub.id();
    }

    private static long baseFee(UUID org, YearMonth period) {
        return new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, period).rating().lines().stream().filter(l -> l.kind() == RatedLine.Kind.BASE)
                .mapToLong(RatedLine::amountMinor).sum();
    }

    @Test
    void approvingACoreOrganizationMovesItsStripePriceAndItsNextPeriodRatesAtTheAcademicPrice() throws Exception {
        UUID org = coreOrg(0);
        String subscription = subscribeInStripe(org);
        UUID id = request(org, "pi@mit.edu", "auto");
        YearMonth next = YearMonth.from(TODAY).plusMonths(1);
        assertThat(baseFee(org, next)).isEqualTo(1_500_00);

        VerificationRequest r = service.load(id);
        assertThat(r.check().institution()).isEqualTo("Massachusetts Institute of Technology");
        assertThat(r.overdue(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC))).isTrue();
        VerificationRequest approved = service.approve(r, null);

        assertThat(approved.status()).isEqualTo(VerificationRequest.Status.APPROVED);
        assertThat(approved.reverifyDue()).isEqualTo(TODAY.plusMonths(12));
        assertThat(approved.decidedBy()).isEqualTo("postgres");
        assertThat(gateway.retrieveSubscription(subscription).items()).singleElement()
                .extracting(StripeModels.SubscriptionItem::priceId).isEqualTo(priceId("core-academic"));
        assertThat(baseFee(org, next)).isEqualTo(900_00);
        assertThat(rows("select is_academic, academic_domain, academic_verified_at is not null from organizations where id = ?", org).get(0))
                .containsExactly(true, "mit.edu", true);
        List<Object[]> audit = rows("select reason from audit_log where table_name = 'academic_verifications' and operation = 'UPDATE' and row_key->>'id' = ?", id.toString());
        assertThat(audit).isNotEmpty().allSatisfy(a -> assertThat((String) a[0]).contains("Massachusetts Institute of Technology"));
        // a second approval of the same (stale) request is refused and changes nothing in Stripe
        assertThatThrownBy(() -> service.approve(r, null)).hasMessageContaining("Nothing was changed");
    }

    @Test
    void badCasesGetAPlainMessageAndChangeNothing() throws Exception {
        // no Stripe customer
        UUID lonely = coreOrg(1);
        UUID noCustomer = request(lonely, "pi@stanford.edu", "auto");
        assertThatThrownBy(() -> service.approve(service.load(noCustomer), null))
                .hasMessageContaining("has no Stripe customer").hasMessageContaining("Nothing was changed");
        assertThat(rows("select status from academic_verifications where id = ?", noCustomer).get(0)[0]).isEqualTo("pending");
        assertThat(rows("select p.code from subscriptions s join plans p on p.id = s.plan_id where s.organization_id = ? "
                + "and s.status <> 'canceled'", lonely).get(0)[0]).isEqualTo("core");

        // malformed and disposable domains, and a free-mail address on an automatic request
        UUID other = coreOrg(2);
        subscribeInStripe(other);
        for (String email : new String[]{"pi@not a domain", "pi@mailinator.com"}) {
            UUID bad = request(other, email, "manual");
            assertThatThrownBy(() -> service.approve(service.load(bad), "looks fine")).hasMessageContaining("Nothing was changed");
            assertThat(rows("select status from academic_verifications where id = ?", bad).get(0)[0]).isEqualTo("pending");
        }
        UUID freeMail = request(other, "prof@gmail.com", "auto");
        assertThatThrownBy(() -> service.approve(service.load(freeMail), null)).hasMessageContaining("decide it as a manual request");
        assertThat(rows("select is_academic from organizations where id = ?", other).get(0)[0]).isEqualTo(false);

        // decided by someone else a moment ago: the stale approval is refused, Stripe is untouched
        UUID raced = request(other, "pi@ox.ac.uk", "manual");
        VerificationRequest mine = service.load(raced);
        service.reject(service.load(raced), VerificationService.REJECTION_TEMPLATES.get(3));
        String before = gateway.retrieveSubscription((String) rows("select stripe_subscription_id from subscriptions where organization_id = ? "
                + "and status <> 'canceled'", other).get(0)[0]).items().get(0).priceId();
        assertThatThrownBy(() -> service.approve(mine, null)).hasMessageContaining("already handled this request")
                .hasMessageContaining("rejected").hasMessageContaining("Nothing was changed");
        assertThat(gateway.retrieveSubscription((String) rows("select stripe_subscription_id from subscriptions where organization_id = ? "
                + "and status <> 'canceled'", other).get(0)[0]).items().get(0).priceId()).isEqualTo(before).isEqualTo(priceId("core"));
        assertThatThrownBy(() -> service.reject(service.load(raced), " ")).hasMessageContaining("already rejected");

        // asking for more information keeps it open, with the message
        UUID info = request(other, "pi@biolab-research.org", "manual");
        VerificationRequest asked = service.requestInformation(service.load(info), "Please send a faculty page that lists you.");
        assertThat(asked.status()).isEqualTo(VerificationRequest.Status.INFO_REQUESTED);
        assertThat(asked.decisionReason()).contains("faculty page");
        assertThatThrownBy(() -> service.approve(asked, null)).hasMessageContaining("write the evidence you relied on");
        VerificationRequest approvedOnEvidence = service.approve(asked, "Faculty page https://biolab-research.org/people lists the requester");
        assertThat(approvedOnEvidence.status()).isEqualTo(VerificationRequest.Status.APPROVED);
    }

    @Test
    void bulkApprovalOfAutoMatchedRequestsShowsADryRunFirst() throws Exception {
        UUID a = coreOrg(3);
        UUID b = coreOrg(4);
        subscribeInStripe(a);
        subscribeInStripe(b);
        UUID listed = request(a, "lab@berkeley.edu", "auto");
        UUID noCustomerYet = request(b, "lab@ethz.ch", "auto");
        exec("update organizations set stripe_customer_id = null where id = ?", b);
        UUID manual = request(a, "lab@harvard.edu", "manual");

        List<VerificationService.BulkLine> dry = service.bulkApproveAutoMatched(true);
        assertThat(dry).filteredOn(l -> l.request().id().equals(listed)).singleElement()
                .satisfies(l -> assertThat(l.outcome()).startsWith("Would approve (University of California, Berkeley)").contains("$900.00"));
        assertThat(dry).filteredOn(l -> l.request().id().equals(noCustomerYet)).singleElement()
                .satisfies(l -> assertThat(l.ok()).isFalse());
        assertThat(dry).noneMatch(l -> l.request().id().equals(manual));
        assertThat(rows("select status from academic_verifications where id = ?", listed).get(0)[0]).isEqualTo("pending");

        List<VerificationService.BulkLine> run = service.bulkApproveAutoMatched(false);
        assertThat(run).filteredOn(l -> l.request().id().equals(listed)).singleElement().satisfies(l -> assertThat(l.ok()).isTrue());
        assertThat(rows("select status from academic_verifications where id = ?", listed).get(0)[0]).isEqualTo("approved");
        assertThat(rows("select status from academic_verifications where id = ?", noCustomerYet).get(0)[0]).isEqualTo("pending");
        assertThat(service.bulkApproveAutoMatched(true)).noneMatch(l -> l.request().id().equals(listed));
    }
}
