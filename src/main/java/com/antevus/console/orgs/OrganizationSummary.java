package com.antevus.console.orgs;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One row of the organization list: the organization with its live subscription, if any.
 *
 * @param status the live subscription's status, or "canceled"/"none" when there is no live one
 */
public record OrganizationSummary(UUID id, String name, String domain, String planCode, String planName,
                                  String billingInterval, String status, boolean academic, boolean enterprise,
                                  boolean hasStripeCustomer, LocalDate customerSince) {
}
