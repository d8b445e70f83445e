package com.antevus.console.invoicing;

import com.antevus.console.db.OrgScopedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An invoice draft's header as finance edits it, mapped for {@link InvoiceRepository} only: the totals and memo a save
 * writes, and what decides whether it may (still a draft, not yet in Stripe). {@code version} is the optimistic lock;
 * {@code updated_at} is the database's.
 */
@Entity(name = "InvoiceDraftRow")
@Table(name = "invoices")
@DynamicUpdate // only the changed columns, as every entity here
@IdClass(OrgScopedKey.class)
class InvoiceDraftRow {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;
    @Id
    private UUID id;
    @Column(nullable = false, insertable = false, updatable = false)
    private String status;
    @Column(nullable = false, insertable = false, updatable = false, columnDefinition = "bpchar")
    private String currency;
    @Column(name = "stripe_invoice_id", insertable = false, updatable = false)
    private String stripeInvoiceId;
    @Column(name = "subtotal_minor", nullable = false)
    private long subtotalMinor;
    @Column(name = "total_minor", nullable = false)
    private long totalMinor;
    private String memo;
    @Version
    private int version;

    protected InvoiceDraftRow() {
    }

    /** Its lines may change: a draft Stripe has not seen, still at the version the editor read. */
    boolean editableAt(int expectedVersion) {
        return version == expectedVersion && "draft".equals(status) && stripeInvoiceId == null;
    }

    String currency() {
        return currency.strip();
    }

    /** The new totals (no discount or tax on a draft: the total is the subtotal) and memo. */
    void retotal(long subtotal, String memo) {
        this.subtotalMinor = subtotal;
        this.totalMinor = subtotal;
        this.memo = memo;
    }
}
