package com.antevus.console.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A plan of one catalog version (mapped minimally until the catalog issue lands). */
@Entity
@Table(name = "plans")
public class Plan {
    @Id
    private Long id;
    @Column(name = "catalog_version_id", nullable = false)
    private Long catalogVersionId;
    @Column(nullable = false)
    private String code;
    @Column(nullable = false)
    private String name;
    @Column(nullable = false)
    private String family;
    @Column(name = "monthly_price_minor")
    private Long monthlyPriceMinor;
    @Version
    private int version;

    protected Plan() {
    }

    public Long getId() {
        return id;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public String getFamily() {
        return family;
    }

    public Long getMonthlyPriceMinor() {
        return monthlyPriceMinor;
    }
}
