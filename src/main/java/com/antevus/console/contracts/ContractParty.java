package com.antevus.console.contracts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** The organization a contract is with, as contracts read it: read-only here (the organizations feature edits it). */
@Entity(name = "ContractParty")
@Table(name = "organizations")
@Immutable
class ContractParty {
    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    @Column(name = "handles_health_data", nullable = false)
    private boolean handlesHealthData;

    protected ContractParty() {
    }

    UUID id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean handlesHealthData() {
        return handlesHealthData;
    }
}
