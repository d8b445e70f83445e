package com.antevus.console.contracts;

import com.antevus.console.db.OrgScopedKey;
import com.antevus.console.rating.ContractOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A contract's row, mapped for {@link ContractRepository} only: services and view models get {@link Contract} records.
 * {@code version} is the optimistic lock; {@code updated_at} is the database's (V12 trigger), {@code created_at} its
 * default.
 */
@Entity(name = "ContractRow")
@Table(name = "contracts")
@DynamicUpdate // only the changed columns: the roles hold column grants (finance may set stripe_customer_id only)
@IdClass(OrgScopedKey.class)
class ContractRow {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;
    @Id
    private UUID id;
    @Column(nullable = false)
    private String status;
    @Column(nullable = false, columnDefinition = "bpchar")
    private String currency;
    @Column(name = "annual_value_minor", nullable = false)
    private long annualValueMinor;
    @Column(name = "billing_schedule", nullable = false)
    private String billingSchedule;
    @Column(name = "payment_terms", nullable = false)
    private String paymentTerms;
    @Column(name = "starts_on", nullable = false)
    private LocalDate startsOn;
    @Column(name = "ends_on", nullable = false)
    private LocalDate endsOn;
    @Column(name = "auto_renew", nullable = false)
    private boolean autoRenew;
    @Column(name = "notice_days", nullable = false)
    private int noticeDays;
    @Column(name = "discount_pct", nullable = false, precision = 5, scale = 2)
    private BigDecimal discountPct;
    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(read = "overrides::text", write = "?::jsonb")
    private String overrides;
    private String notes;
    @Version
    private int version;

    protected ContractRow() {
    }

    /** A new draft for {@code k}'s organization, with a fresh id. */
    static ContractRow draft(Contract k) {
        ContractRow row = new ContractRow();
        row.organizationId = k.organizationId();
        row.id = UUID.randomUUID();
        row.status = Contract.Status.DRAFT.db();
        row.setTerms(k);
        return row;
    }

    /** Takes the terms staff edit from {@code k}; status, organization and id are not edited here. True if any changed. */
    boolean setTerms(Contract k) {
        List<Object> before = terms();
        currency = k.currency();
        annualValueMinor = k.annualValueMinor();
        billingSchedule = k.schedule().db();
        paymentTerms = k.paymentTerms().db();
        startsOn = k.startsOn();
        endsOn = k.endsOn();
        autoRenew = k.autoRenew();
        noticeDays = k.noticeDays();
        // same scale as the column, so an unchanged discount is not a change
        discountPct = k.discountPct().setScale(2, java.math.RoundingMode.HALF_UP); // ContractRules allows two decimals
        String json = ContractOverridesJson.write(k.overrides());
        if (overrides == null || !ContractOverridesJson.parse(overrides).equals(k.overrides())) {
            overrides = json; // jsonb normalizes its text: compare what it means, not how it was spelled
        }
        notes = k.notes().isBlank() ? null : k.notes();
        return !before.equals(terms());
    }

    private List<Object> terms() {
        return java.util.Arrays.asList(currency, annualValueMinor, billingSchedule, paymentTerms, startsOn, endsOn, autoRenew,
                noticeDays, discountPct, overrides, notes);
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID id() {
        return id;
    }

    int version() {
        return version;
    }

    Contract.Status status() {
        return Contract.Status.valueOf(status.toUpperCase(Locale.ROOT));
    }

    Contract toRecord(ContractParty party, List<ContractDocument> documents) {
        return new Contract(id, organizationId, party.name(), party.handlesHealthData(),
                status(), currency.strip(), annualValueMinor,
                Contract.Schedule.fromDb(billingSchedule), Contract.PaymentTerms.fromDb(paymentTerms), startsOn, endsOn,
                autoRenew, noticeDays, discountPct, ContractOverridesJson.parse(overrides), notes, documents, version);
    }
}
