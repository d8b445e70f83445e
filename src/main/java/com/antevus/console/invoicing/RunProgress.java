package com.antevus.console.invoicing;

import java.util.UUID;

/**
 * A run's progress, published after every step: counts, and the step one invoice just finished.
 *
 * @param total      invoices in the run
 * @param finished   invoices sent (done) so far
 * @param failed     invoices that stopped with an error
 * @param stepsDone  Stripe steps recorded so far in this run
 */
public record RunProgress(int total, int finished, int failed, int stepsDone, UUID organizationId, String organizationName,
                          String step, String message) {
}
