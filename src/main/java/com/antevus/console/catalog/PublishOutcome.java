package com.antevus.console.catalog;

/** What publishing a version did to subscriptions on other versions' plans. */
public record PublishOutcome(int versionNumber, int movedNow, int scheduledAtRenewal, int grandfathered) {
    /** What happens to subscribers of a plan whose price or quotas changed. */
    public enum Decision {
        /** They move to the new version's plan at their next renewal; entitlements follow then. */
        MOVE_AT_RENEWAL,
        /** They stay on the old version's plan and price until someone moves them. */
        GRANDFATHER
    }
}
