package com.antevus.console.demo;

import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Each organization's subscription on its plan, its add-ons (some bought twice) and its entitlements. */
final class SubscriptionsDemo extends DemoFamily {
    SubscriptionsDemo(DemoRun run) {
        super(run);
    }

    void write(List<DemoOrg> orgs) throws SQLException {
        try (CopyWriter subs = new CopyWriter(c, "subscriptions", "organization_id, id, plan_id, status, billing_interval, "
                + "current_period_start, current_period_end, cancel_at_period_end, contract_id, started_at, canceled_at")) {
            for (DemoOrg org : orgs) {
                org.subscriptionId = uuid();
                LocalDate periodStart;
                LocalDate periodEnd;
                if (org.interval.equals("year")) {
                    LocalDate anchor = org.enterprise ? org.contractStart : org.createdOn.withDayOfMonth(1);
                    periodStart = anchor;
                    while (!periodStart.plusYears(1).isAfter(o.today())) {
                        periodStart = periodStart.plusYears(1);
                    }
                    periodEnd = periodStart.plusYears(1);
                } else {
                    periodStart = o.today().withDayOfMonth(1);
                    periodEnd = periodStart.plusMonths(1);
                }
                subs.value(org.id).value(org.subscriptionId).value(run.planIds.get(planCode(org))).value(org.status)
                        .value(org.interval).value(periodStart).value(periodEnd)
                        .value(!"canceled".equals(org.status) && rnd.nextDouble() < 0.04)
                        .value(org.contractId).value(org.createdOn.atStartOfDay().atOffset(ZoneOffset.UTC))
                        .value("canceled".equals(org.status) ? o.today().minusDays(5 + rnd.nextInt(60)).atStartOfDay().atOffset(ZoneOffset.UTC) : null);
                subs.endRow();
            }
        }
        try (CopyWriter w = new CopyWriter(c, "subscription_add_ons", "organization_id, id, subscription_id, add_on_code, quantity, active")) {
            for (DemoOrg org : orgs) {
                for (AddOn a : org.addOns) {
                    int quantity = a.raises() != null && rnd.nextDouble() < 0.3 ? 2 : 1;
                    org.addOnQuantity.put(a.code(), quantity);
                    w.value(org.id).value(uuid()).value(org.subscriptionId).value(a.code())
                            .value(quantity).value(!"canceled".equals(org.status));
                    w.endRow();
                }
            }
        }
        try (CopyWriter w = new CopyWriter(c, "entitlements", "organization_id, resource, limit_value, current_usage")) {
            for (DemoOrg org : orgs) {
                long[] limits = org.enterprise ? new long[]{200, 150, 6, 12}
                        : new long[]{org.tier.instruments(), org.tier.seats(), org.tier.sites(), org.tier.agents()};
                for (AddOn a : org.addOns) {
                    if (a.raises() != null) {
                        limits[a.raises().equals("sites") ? 2 : 3] += (long) a.by() * org.addOnQuantity.getOrDefault(a.code(), 1);
                    }
                }
                for (int r = 0; r < RESOURCES.length; r++) {
                    long used = Math.min(limits[r], Math.max(0, Math.round(limits[r] * between(0.35, 1.0))));
                    w.value(org.id).value(RESOURCES[r]).value(limits[r]).value(used);
                    w.endRow();
                }
            }
        }
    }
}
