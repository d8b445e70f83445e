package com.antevus.console.credits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.credits.CreditLedger.Bucket;
import com.antevus.console.credits.CreditLedger.Kind;
import com.antevus.console.credits.CreditLedger.Precedence;
import com.antevus.console.support.TestClocks;
import com.antevus.console.support.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Credits through the service on a real database: seed 004's month (500 purchased and 1,000 subscription credits,
 * 1,200 consumed by November's usage) in both precedences, settling once, and what the database itself refuses.
 */
class CreditServiceTest {
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);
    /** Finance grants in November… */
    static final Instant NOV_5 = Instant.parse("2026-11-05T09:30:00Z");
    /** …and settles November once it has ended. */
    static final Instant DEC_2 = Instant.parse("2026-12-02T08:00:00Z");

    DataSource ds;
    CreditService november;
    CreditService december;

    int picked;

    @BeforeEach
    void freshDatabase() throws SQLException {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("credits"), "postgres");
        com.antevus.console.demo.DemoData.load(ds, new com.antevus.console.demo.DemoData.Options(40, 2, 3, Instant.parse("2026-11-22T12:00:00Z"), 1), false);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("update credit_events set active = false where metric <> 'events'"); // only events consume credits here
        }
        november = new CreditService(ds, TestClocks.at(NOV_5));
        december = new CreditService(ds, TestClocks.at(DEC_2));
    }

    /**
     * A monthly Core organization (1,000,000 events included; above that, blocks of 250,000 at $100) without credits,
     * whose November events are set to exactly the quota plus {@code credits} × 1,000: its overage costs that many
     * credits at a credit per thousand events.
     */
    UUID organizationUsing(long credits) throws SQLException {
        UUID org = (UUID) TestPostgres.rows(ds, "select o.id from organizations o join subscriptions s on s.organization_id = o.id "
                + "join plans p on p.id = s.plan_id where p.code = 'core' and s.billing_interval = 'month' and s.contract_id is null "
                + "and s.status = 'active' and not exists (select 1 from credit_ledger l where l.organization_id = o.id) "
                + "order by o.name limit 1 offset " + picked++).get(0)[0];
        long events = new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, NOVEMBER).usage().getOrDefault("events", 0L);
        long delta = 1_000_000 + credits * 1000 - events;
        if (delta != 0) {
            try (Connection c = ds.getConnection(); java.sql.PreparedStatement ps = c.prepareStatement("insert into usage_adjustments "
                    + "(organization_id, metric, period_month, delta, reason) values (?, 'events', date '2026-11-01', ?, 'test usage')")) {
                ps.setObject(1, org);
                ps.setLong(2, delta);
                ps.executeUpdate();
            }
        }
        return org;
    }

    String name(UUID org) throws SQLException {
        return (String) TestPostgres.rows(ds, "select name from organizations where id = ?", org).get(0)[0];
    }

    com.antevus.console.rating.Rating november(UUID org) {
        return new com.antevus.console.charges.PeriodCharges(ds).rateOrganization(org, NOVEMBER).rating();
    }

    static long line(com.antevus.console.rating.Rating r, com.antevus.console.rating.RatedLine.Kind kind, String code) {
        return r.lines().stream().filter(l -> l.kind() == kind && l.code().equals(code)).mapToLong(com.antevus.console.rating.RatedLine::amountMinor).sum();
    }

    void grantTheMonth(UUID org) {
        november.grant(org, new CreditService.Grant(Bucket.PURCHASED, 500L, null, null, null, "Order 1182"));
        november.grant(org, new CreditService.Grant(Bucket.SUBSCRIPTION, 1000L, null, null, NOVEMBER, "Scale plan allocation"));
    }

    @Test
    void purchasedFirstEndsTheMonthWithThreeHundredSubscriptionCreditsThatThenExpire() throws SQLException {
        UUID org = organizationUsing(1200);
        grantTheMonth(org);
        assertThat(november.account(org).available().total()).isEqualTo(1500);
        // the month's rating pays the 1,200,000 events over the quota (5 started blocks, $500.00) with 1,200 credits
        com.antevus.console.rating.Rating rated = november(org);
        assertThat(line(rated, com.antevus.console.rating.RatedLine.Kind.OVERAGE, "events")).isEqualTo(500_00);
        assertThat(line(rated, com.antevus.console.rating.RatedLine.Kind.CREDIT, "credits:events")).isEqualTo(-500_00);
        assertThat(rated.lines().stream().filter(l -> l.code().equals("credits:events")).findFirst().orElseThrow().quantity()).isEqualTo(1200);
        assertThat(rated.totalMinor()).isEqualTo(rated.lines().stream().mapToLong(com.antevus.console.rating.RatedLine::amountMinor).sum());
        assertThatThrownBy(() -> november.settle(org, NOVEMBER)).isInstanceOf(UserFacingException.class)
                .hasMessage("November 2026 is still running; settle its credits once it has ended (from Dec 1, 2026).");

        CreditService.Settlement s = december.settle(org, NOVEMBER);
        assertThat(s.cost()).isEqualTo(1200);
        assertThat(s.consumed()).isEqualTo(1200);
        assertThat(s.expired()).isEqualTo(300);
        CreditLedger ledger = december.account(org).ledger();
        assertThat(ledger.entries()).filteredOn(e -> e.kind() == Kind.CONSUMPTION).extracting(e -> e.bucket(), e -> e.credits())
                .containsExactlyInAnyOrder(tuple(Bucket.PURCHASED, -500L),
                        tuple(Bucket.SUBSCRIPTION, -700L));
        assertThat(ledger.entries()).filteredOn(e -> e.kind() == Kind.EXPIRY).singleElement()
                .satisfies(e -> assertThat(e.credits()).isEqualTo(-300));
        assertThat(ledger.balance().total()).isZero();
        assertThat(TestPostgres.one(ds, "select sum(credits) from credit_ledger where organization_id = ?", org)).isZero();

        assertThat(november(org).lines()).as("settling does not change what November is rated at").isEqualTo(rated.lines());
        CreditService.Settlement again = december.settle(org, NOVEMBER);
        assertThat(again.alreadySettled()).isTrue();
        assertThat(again.written()).isEmpty();
        assertThat(TestPostgres.one(ds, "select count(*) from credit_ledger where organization_id = ?", org)).isEqualTo(5);
        assertThat(TestPostgres.one(ds, "select count(*) from audit_log where table_name = 'credit_ledger' and organization_id = ? "
                + "and reason = 'Order 1182'", org)).isEqualTo(1);
    }

    @Test
    void expiringFirstKeepsThreeHundredPurchasedCreditsAndNothingExpires() throws SQLException {
        CreditService.Settings s = november.settings();
        assertThat(s.precedence()).as("seed 004's order is the default").isEqualTo(Precedence.PURCHASED_FIRST);
        november.saveSettings(new CreditService.Settings(Precedence.EXPIRING_FIRST, s.lowBalanceThreshold(), s.version()), "Use expiring credits first");
        UUID org = organizationUsing(1200);
        grantTheMonth(org);
        CreditService.Settlement done = december.settle(org, NOVEMBER);
        assertThat(done.consumed()).isEqualTo(1200);
        assertThat(done.expired()).isZero();
        CreditService.Account a = december.account(org);
        assertThat(a.available().of(Bucket.PURCHASED)).isEqualTo(300);
        assertThat(a.available().of(Bucket.SUBSCRIPTION)).isZero();
        assertThat(a.low()).as("300 is below the default threshold of 1,000").isTrue();
        // the dashboard counts it among the organizations low on credits (the demo's own credits are all well above)
        com.antevus.console.usage.FleetUsage fleet = new com.antevus.console.usage.UsageService(ds, TestClocks.at(DEC_2)).fleet(DEC_2);
        assertThat(fleet.lowOnCredits()).isEqualTo(1 + (int) TestPostgres.one(ds, "select count(*) from (select organization_id from credit_ledger "
                + "where organization_id <> ? group by organization_id having sum(credits) < 1000) x", org));
        assertThat(fleet.lowBalanceThreshold()).isEqualTo(1000);
        assertThatThrownBy(() -> november.saveSettings(s, "stale")).hasMessageContaining("Someone else changed the credit settings");
    }

    @Test
    void whatTheCreditsDoNotCoverIsBilledAsOverageInWholeBlocks() throws SQLException {
        UUID org = organizationUsing(2000);
        grantTheMonth(org);
        // 2,000,000 events over: 8 blocks ($800.00). 1,500 credits pay for 1,500,000 events, exactly 6 blocks; 2 blocks are billed
        com.antevus.console.rating.Rating rated = november(org);
        assertThat(line(rated, com.antevus.console.rating.RatedLine.Kind.OVERAGE, "events")).isEqualTo(800_00);
        assertThat(line(rated, com.antevus.console.rating.RatedLine.Kind.CREDIT, "credits:events")).isEqualTo(-600_00);
        CreditService.Settlement s = december.settle(org, NOVEMBER);
        assertThat(s.consumed()).isEqualTo(1500);
        assertThat(s.expired()).isZero();
        assertThat(december.account(org).ledger().lots()).allSatisfy(l -> assertThat(l.remaining()).isZero());
    }

    @Test
    void creditsBuyOnlyWholeBlocksSoNoneAreSpentOnABlockStillBilled() throws SQLException {
        UUID org = organizationUsing(1100);
        november.grant(org, new CreditService.Grant(Bucket.PURCHASED, 1000L, null, null, null, "Order 1183"));
        // 1,100,000 events over: 5 blocks. 1,000 credits pay for 1,000,000 events, but 100,000 would still start a fifth
        // block: they buy 850,000 events (the 4 whole blocks beyond the one left), 850 credits, $400.00
        com.antevus.console.rating.Rating rated = november(org);
        assertThat(line(rated, com.antevus.console.rating.RatedLine.Kind.OVERAGE, "events")).isEqualTo(500_00);
        assertThat(line(rated, com.antevus.console.rating.RatedLine.Kind.CREDIT, "credits:events")).isEqualTo(-400_00);
        assertThat(december.settle(org, NOVEMBER).consumed()).isEqualTo(850);
        assertThat(december.account(org).available().total()).isEqualTo(150);
    }

    @Test
    void badGrantsAndAdjustmentsSayWhyAndChangeNothing() throws SQLException {
        UUID org = organizationUsing(0);
        String name = name(org);
        grantTheMonth(org);
        long before = TestPostgres.one(ds, "select count(*) from credit_ledger");
        assertThatThrownBy(() -> november.grant(org, new CreditService.Grant(Bucket.SUBSCRIPTION, 1000L, null, null, NOVEMBER, "again")))
                .hasMessage(name + " already has its subscription credits for November 2026; nothing was changed.");
        assertThatThrownBy(() -> december.grant(org, new CreditService.Grant(Bucket.SUBSCRIPTION, 1000L, null, null, NOVEMBER, "late")))
                .hasMessageContaining("November 2026 has ended");
        assertThatThrownBy(() -> november.grant(org, new CreditService.Grant(Bucket.PROMOTIONAL, 10L, null, null, null, "promo")))
                .hasMessageContaining("Promotional credits need an expiry after now");
        assertThatThrownBy(() -> november.grant(org, new CreditService.Grant(Bucket.PURCHASED, 0L, null, null, null, "zero")))
                .hasMessage("A grant is a whole number of credits above zero. Nothing was changed.");
        assertThatThrownBy(() -> november.grant(org, new CreditService.Grant(Bucket.PURCHASED, 10L, null, null, null, "  ")))
                .hasMessageStartingWith("Say why");
        assertThatThrownBy(() -> november.grant(org, new CreditService.Grant(Bucket.PURCHASED, null, "credits-1m", null, null, "x")))
                .hasMessageContaining("There is no credit product 'credits-1m'");
        assertThatThrownBy(() -> november.grant(UUID.randomUUID(), new CreditService.Grant(Bucket.PURCHASED, 10L, null, null, null, "x")))
                .hasMessageStartingWith("There is no organization");
        assertThatThrownBy(() -> november.adjust(org, -1501, null, null, "Too much"))
                .hasMessage(name + " has 1,500 credits to take, not 1,501; nothing was changed.");
        assertThat(TestPostgres.one(ds, "select count(*) from credit_ledger")).isEqualTo(before);

        // a correction down takes from the lots in precedence order (purchased first, then subscription), never below zero
        assertThat(november.adjust(org, -600, null, null, "Double grant")).extracting(CreditLedger.Entry::bucket, CreditLedger.Entry::credits)
                .containsExactly(tuple(Bucket.PURCHASED, -500L), tuple(Bucket.SUBSCRIPTION, -100L));
        // a product is a block of purchased credits at its price
        CreditLedger.Entry bought = november.grant(org, new CreditService.Grant(Bucket.PURCHASED, null, "credits-50k", null, null, "Order 1190"));
        assertThat(bought.credits()).isEqualTo(50_000);
        assertThat(november.account(org).available().total()).isEqualTo(1500 - 600 + 50_000);
    }

    @Test
    void theDatabaseKeepsTheLedgerAppendOnlyAndNoLotBelowZero() throws SQLException {
        UUID org = organizationUsing(0);
        grantTheMonth(org);
        UUID purchased = november.account(org).ledger().lots().stream().filter(l -> l.bucket() == Bucket.PURCHASED).findFirst().orElseThrow().id();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("update credit_ledger set credits = 5000 where organization_id = '" + org + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("delete from credit_ledger where organization_id = '" + org + "'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("insert into credit_ledger (organization_id, entry, lot_id, bucket, credits, effective_at, reason) "
                    + "values ('" + org + "', 'consumption', '" + purchased + "', 'purchased', -501, '2026-11-20T00:00:00Z', 'hand-typed')"))
                    .hasMessageContaining("the lot has 500 credits left; it cannot give 501");
            assertThatThrownBy(() -> s.execute("insert into credit_ledger (organization_id, entry, lot_id, bucket, credits, effective_at, period_month, reason) "
                    + "values ('" + org + "', 'consumption', '" + purchased + "', 'purchased', -1, '2026-11-01T00:00:00Z', '2026-11-01', 'before the grant')"))
                    .hasMessageContaining("cannot come before the grant");
            assertThatThrownBy(() -> s.execute("insert into credit_ledger (organization_id, entry, lot_id, bucket, credits, effective_at, reason) "
                    + "values ('" + org + "', 'expiry', '" + purchased + "', 'purchased', -500, '2026-11-20T00:00:00Z', 'not due')"))
                    .hasMessageContaining("have not expired");
        }
        assertThat(TestPostgres.one(ds, "select sum(credits) from credit_ledger where organization_id = ?", org)).isEqualTo(1500);
    }
}
