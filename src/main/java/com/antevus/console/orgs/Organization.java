package com.antevus.console.orgs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Hibernate entity for an organization. Never leaves {@link OrganizationRepository}; services return records. */
@Entity
@Table(name = "organizations")
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
}
