package com.antevus.console.orgs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

/** Hibernate entity for a subscription (the database key is organization_id + id; id alone is unique too). */
@Entity
@Table(name = "subscriptions")
class Subscription {
    @Id
    private UUID id;
    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;
    @Column(name = "plan_id", nullable = false)
    private Long planId;
    @Column(nullable = false)
    private String status;
    @Column(name = "billing_interval", nullable = false)
    private String billingInterval;
    @Version
    private int version;

    protected Subscription() {
    }
}
