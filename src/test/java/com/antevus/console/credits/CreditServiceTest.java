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

    @BeforeEach
    void freshDatabase() {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("credits"), "postgres");
        november = new CreditService(ds, TestClocks.at(NOV_5));
        december = new CreditService(ds, TestClocks.at(DEC_2));
    }

    /** An organization whose November usage costs exactly {@code credits} credits (a credit per thousand events). */
    UUID organizationUsing(long credits) throws SQLException {
        UUID org = UUID.randomUUID();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into organizations (id, name, billing_email) values ('" + org + "', 'Credit Labs " + org.toString().substring(0, 4)
                    + "', 'ap@credit.example')");
            // three days of events adding up to credits × 1,000
            long total = credits * 1000;
            s.execute("insert into usage_records (organization_id, metric, value, recorded_at) values "
                    + "('" + org + "', 'events', " + (total / 2) + ", '2026-11-03T10:00:00Z'), "
                    + "('" + org + "', 'events', " + (total / 4) + ", '2026-11-14T10:00:00Z'), "
                    + "('" + org + "', 'events', " + (total - total / 2 - total / 4) + ", '2026-11-30T23:00:00Z'), "
                    + "('" + org + "', 'events', 999999, '2026-12-01T00:00:00Z')"); // December's: not November's cost
        }
        return org;
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
        assertThatThrownBy(() -> november.saveSettings(s, "stale")).hasMessageContaining("Someone else changed the credit settings");
    }

    @Test
    void usageBeyondTheBalanceIsNotBlockedAndWhatIsShortIsReported() throws SQLException {
        UUID org = organizationUsing(2000);
        grantTheMonth(org);
        CreditService.Settlement s = december.settle(org, NOVEMBER);
        assertThat(s.cost()).isEqualTo(2000);
        assertThat(s.consumed()).isEqualTo(1500);
        assertThat(s.shortfall()).isEqualTo(500);
        assertThat(december.account(org).ledger().lots()).allSatisfy(l -> assertThat(l.remaining()).isZero());
    }

    @Test
    void badGrantsAndAdjustmentsSayWhyAndChangeNothing() throws SQLException {
        UUID org = organizationUsing(0);
        grantTheMonth(org);
        long before = TestPostgres.one(ds, "select count(*) from credit_ledger");
        assertThatThrownBy(() -> november.grant(org, new CreditService.Grant(Bucket.SUBSCRIPTION, 1000L, null, null, NOVEMBER, "again")))
                .hasMessage("Credit Labs " + org.toString().substring(0, 4) + " already has its subscription credits for November 2026; nothing was changed.");
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
                .hasMessage("Credit Labs " + org.toString().substring(0, 4) + " has 1,500 credits to take, not 1,501; nothing was changed.");
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
