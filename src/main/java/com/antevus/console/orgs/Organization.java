package com.antevus.console.orgs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An organization's row, mapped for {@link OrganizationRepository} only; services return records. {@code version} is
 * the optimistic lock; {@code updated_at} is the database's (V12 trigger).
 */
@Entity
@Table(name = "organizations")
@DynamicUpdate // only the changed columns: the roles hold column grants (finance may set stripe_customer_id only)
class Organization {
    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    @Column(name = "billing_email", nullable = false)
    private String billingEmail;
    private String domain;
    @Column(name = "is_academic", nullable = false)
    private boolean academic;
    @Column(name = "academic_verified_at")
    private OffsetDateTime academicVerifiedAt;
    @Column(name = "is_enterprise", nullable = false)
    private boolean enterprise;
    @Column(name = "stripe_customer_id")
    private String stripeCustomerId;
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;
    @Version
    private int version;

    protected Organization() {
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    String billingEmail() {
        return billingEmail;
    }

    String stripeCustomerId() {
        return stripeCustomerId;
    }

    int version() {
        return version;
    }

    void linkStripeCustomer(String customerId) {
        stripeCustomerId = customerId;
    }
}
