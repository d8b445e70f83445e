package com.antevus.console.catalog;

import java.util.List;

/** Before publishing: per plan code, live subscriptions on other versions and the monthly revenue at stake. */
public record PublishImpact(String currency, List<PlanImpact> plans) {
    public PublishImpact {
        plans = List.copyOf(plans);
    }

    /**
     * @param unchanged     the new version prices the plan exactly as before: subscribers move now, nothing reprices
     * @param removed       the new version no longer sells the plan: subscribers stay where they are
     * @param oldMrrMinor   their monthly base revenue today (annual ÷ 12)
     * @param newMrrMinor   the same subscriptions at the new version's prices
     */
    public record PlanImpact(String code, String name, List<Integer> fromVersions, long subscriptions, boolean unchanged, boolean removed,
                             long oldMrrMinor, long newMrrMinor) {
        public long deltaMinor() {
            return newMrrMinor - oldMrrMinor;
        }

        /** Subscriptions whose price would change: the ones the move-or-grandfather decision is about. */
        public long affected() {
            return unchanged || removed ? 0 : subscriptions;
        }
    }

    public long affectedSubscriptions() {
        return plans.stream().mapToLong(PlanImpact::affected).sum();
    }

    /** The monthly revenue change if every affected subscription moves. */
    public long deltaMinor() {
        return plans.stream().filter(p -> p.affected() > 0).mapToLong(PlanImpact::deltaMinor).sum();
    }
}
