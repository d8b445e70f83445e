package com.antevus.console.orgs;

import com.antevus.console.core.Money;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of the organization list: the organization with its live subscription, if any.
 *
 * @param status the live subscription's status, or "canceled" when there is no live one
 * @param mrr    monthly recurring revenue of the live subscription (zero for trials and canceled)
 */
public record OrganizationSummary(UUID id, String name, String domain, String planCode, String planName,
                                  String billingInterval, String status, boolean academic, boolean enterprise,
                                  boolean hasStripeCustomer, LocalDate customerSince, Money mrr) {

    /** The same organization, now linked to a Stripe customer. */
    public OrganizationSummary withStripeCustomer() {
        return new OrganizationSummary(id, name, domain, planCode, planName, billingInterval, status, academic, enterprise,
                true, customerSince, mrr);
    }
}
