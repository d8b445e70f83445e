package com.antevus.console.invoicing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/** One line of an invoice draft, mapped for {@link InvoiceRepository} only; its key is (organization, invoice, line number). */
@Entity(name = "InvoiceLineRow")
@Table(name = "invoice_lines")
@IdClass(InvoiceLineRow.Key.class)
class InvoiceLineRow {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;
    @Id
    @Column(name = "invoice_id")
    private UUID invoiceId;
    @Id
    @Column(name = "line_no")
    private int lineNo;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String description;
    private String metric;
    @Column(nullable = false)
    private long quantity;
    @Column(name = "amount_minor", nullable = false)
    private long amountMinor;
    @Column(nullable = false, columnDefinition = "bpchar")
    private String currency;
    @Column(name = "rated_amount_minor")
    private Long ratedAmountMinor;
    @Column(name = "adjustment_reason")
    private String adjustmentReason;
    @Column(name = "adjusts_period")
    private LocalDate adjustsPeriod;

    protected InvoiceLineRow() {
    }

    static InvoiceLineRow of(UUID org, UUID invoice, String currency, DraftLine l) {
        InvoiceLineRow row = new InvoiceLineRow();
        row.organizationId = org;
        row.invoiceId = invoice;
        row.lineNo = l.lineNo();
        row.kind = l.kind();
        row.description = l.description();
        row.metric = l.metric();
        row.quantity = l.quantity();
        row.amountMinor = l.amountMinor();
        row.currency = currency;
        row.ratedAmountMinor = l.ratedAmountMinor();
        row.adjustmentReason = l.adjustmentReason();
        row.adjustsPeriod = l.adjustsPeriod();
        return row;
    }

    /** The line's key, as the schema's primary key. */
    static class Key implements Serializable {
        private UUID organizationId;
        private UUID invoiceId;
        private int lineNo;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(organizationId, k.organizationId) && Objects.equals(invoiceId, k.invoiceId)
                    && lineNo == k.lineNo;
        }

        @Override
        public int hashCode() {
            return Objects.hash(organizationId, invoiceId, lineNo);
        }
    }
}
