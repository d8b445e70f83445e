package com.antevus.console.verification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An organization's academic standing: the columns support may change (V1's column grant: is_academic,
 * academic_verified_at, academic_domain, version), mapped for {@link VerificationRepository} only. {@code updated_at}
 * is the database's (V12 trigger).
 */
@Entity(name = "AcademicStanding")
@Table(name = "organizations")
@DynamicUpdate // a full-row update would be refused: support holds only the academic columns
class AcademicStanding {
    @Id
    private UUID id;
    @Column(name = "is_academic", nullable = false)
    private boolean academic;
    @Column(name = "academic_verified_at")
    private Instant verifiedAt;
    @Column(name = "academic_domain")
    private String domain;
    @Version
    private int version;

    protected AcademicStanding() {
    }

    void verify(String domain, Instant at) {
        this.academic = true;
        this.verifiedAt = at;
        this.domain = domain;
    }
}
