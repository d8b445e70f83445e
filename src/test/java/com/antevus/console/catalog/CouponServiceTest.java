package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.antevus.console.core.Secret;
import com.antevus.console.demo.DemoData;
import com.antevus.console.stripe.GatewayOptions;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import com.antevus.console.stripe.sandbox.SandboxServer;
import com.antevus.console.support.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Coupons and promotion codes from the console's record to Stripe (the sandbox), checked at the field, audited, archived. */
class CouponServiceTest {
    /** The instant this test lives at. */
    static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(NOW);
    private static DataSource ds;
    private static SandboxServer sandbox;
    private static StripeGateway gateway;
    private static CouponService coupons;

    @BeforeAll
    static void setUp() throws Exception {
        ds = TestPostgres.dataSource(TestPostgres.freshDatabase("coupons"), "postgres");
        DemoData.load(ds, new DemoData.Options(10, 1, 1, NOW, 1), false);
        sandbox = SandboxServer.start(ds, 0, null, CLOCK);
        gateway = StripeGateway.create(Secret.ofNullable(sandbox.issueSecretKey("sk_test_coupons_0042")), sandbox.url(),
                GatewayOptions.defaults().withRate(500).withRetries(2, Duration.ofMillis(2), Duration.ofMillis(20)));
        coupons = new CouponService(ds, () -> gateway, CLOCK);
    }

    @AfterAll
    static void tearDown() {
        sandbox.close();
    }

    @Test
    void aCouponIsCheckedCreatedWithItsLimitsGetsACodeAndIsArchived() throws Exception {
        CouponService.Draft bad = new CouponService.Draft("bad id!", " ", new BigDecimal("120"), null, "USD", "repeating", null,
                NOW.minusSeconds(60), 0);
        assertThat(coupons.problems(bad)).containsKeys("id", "name", "off", "months", "redeemBy", "maxRedemptions");
        assertThatThrownBy(() -> coupons.create(bad, "test")).hasMessageContaining("Nothing was created");
        assertThat(coupons.list()).noneMatch(x -> x.name().isBlank());

        Instant lastDay = Instant.parse("2027-04-01T00:00:00Z");
        CouponService.Coupon k = coupons.create(new CouponService.Draft("LAUNCH-250", "Launch: $250 off", null, 25_000L, "USD", "once",
                null, lastDay, 100), "Q1 launch campaign");
        assertThat(k.offWords()).isEqualTo("$250.00 off");
        assertThat(k.durationWords()).isEqualTo("once");
        StripeModels.Coupon inStripe = coupons.inStripe().get("LAUNCH-250");
        assertThat(inStripe.amountOff().minor()).isEqualTo(25_000);
        assertThat(inStripe.maxRedemptions()).isEqualTo(100L);
        assertThat(inStripe.redeemBy()).isEqualTo(lastDay);
        assertThat(auditReasons("coupons")).contains("Q1 launch campaign");

        CouponService.Code code = coupons.createCode(k, "SPRING25", null, null, "Spring newsletter");
        assertThat(code.stripeId()).startsWith("promo_");
        assertThat(gateway.listPromotionCodes("LAUNCH-250")).singleElement().satisfies(p -> assertThat(p.code()).isEqualTo("SPRING25"));
        // the same code, whatever its case, is refused while the first is active (a unique index, as Stripe)
        assertThatThrownBy(() -> coupons.createCode(k, "spring25", null, null, "again")).isInstanceOf(RuntimeException.class);
        assertThat(coupons.codes(k.id())).hasSize(1);

        coupons.archive(byId("LAUNCH-250"), "Campaign over");
        CouponService.Coupon archived = byId("LAUNCH-250");
        assertThat(archived.archived()).isTrue();
        assertThat(coupons.codes(k.id())).allSatisfy(c -> assertThat(c.active()).isFalse());
        assertThat(coupons.inStripe()).doesNotContainKey("LAUNCH-250");
        assertThatThrownBy(() -> coupons.createCode(archived, "SUMMER", null, null, "late")).hasMessageContaining("archived");
    }

    private static CouponService.Coupon byId(String stripeId) {
        return coupons.list().stream().filter(x -> x.stripeId().equals(stripeId)).findFirst().orElseThrow();
    }

    @Test
    void aCouponStripeCreatedButTheConsoleNeverRecordedIsAdoptedOnRetryAndOneWithOtherTermsIsRefused() {
        // an earlier attempt: Stripe created the coupon (its idempotency key long expired), the console's record was lost
        gateway.createCoupon(com.antevus.console.stripe.IdempotencyKey.of("coupon", java.util.UUID.randomUUID(), "create"), "RETRY-10",
                new BigDecimal("10"), null, "once", null, "Retry: 10% off", null, 50L);
        CouponService.Coupon adopted = coupons.create(new CouponService.Draft("RETRY-10", "Retry: 10% off", new BigDecimal("10"), null, "USD",
                "once", null, null, 50), "Retry after the console lost its record");
        assertThat(adopted.stripeId()).isEqualTo("RETRY-10");
        assertThat(gateway.listCoupons()).filteredOn(x -> x.id().equals("RETRY-10")).hasSize(1);

        gateway.createCoupon(com.antevus.console.stripe.IdempotencyKey.of("coupon", java.util.UUID.randomUUID(), "create"), "OTHER-20",
                new BigDecimal("20"), null, "forever", null, "Other", null, null);
        assertThatThrownBy(() -> coupons.create(new CouponService.Draft("OTHER-20", "Other", new BigDecimal("25"), null, "USD", "forever",
                null, null, null), "Same id, other terms")).hasMessageContaining("other terms").hasMessageContaining("Nothing was created");
        assertThat(coupons.list()).noneMatch(x -> x.stripeId().equals("OTHER-20"));
    }

    private static List<String> auditReasons(String table) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select reason from audit_log where table_name = ? and reason is not null")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
