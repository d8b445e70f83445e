package com.antevus.console.invoicing;

/**
 * One line of an invoice draft.
 *
 * @param kind              base_fee, add_on, overage, contract, adjustment or one_off
 * @param ratedAmountMinor  what the rating engine priced it at (null for a line staff added)
 * @param adjustmentReason  why staff added or changed it (required then)
 * @param adjustsPeriod     the earlier period a late-usage line bills (null otherwise)
 */
public record DraftLine(int lineNo, String kind, String description, String metric, long quantity, long amountMinor,
                        Long ratedAmountMinor, String adjustmentReason, java.time.LocalDate adjustsPeriod) {

    public DraftLine(int lineNo, String kind, String description, String metric, long quantity, long amountMinor,
                     Long ratedAmountMinor, String adjustmentReason) {
        this(lineNo, kind, description, metric, quantity, amountMinor, ratedAmountMinor, adjustmentReason, null);
    }

    /** Whether staff changed the rated amount or added the line. */
    public boolean adjusted() {
        return ratedAmountMinor == null || ratedAmountMinor != amountMinor;
    }
}
