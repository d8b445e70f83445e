package com.antevus.console.verification;

import com.antevus.console.db.OrgScopedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An academic verification request's decision, mapped for {@link VerificationRepository} only: the columns a decision
 * writes, with {@code version} as the optimistic lock. What the request says (requester, domain, evidence) is read
 * with the queue's one query and never written here.
 */
@Entity(name = "VerificationRow")
@Table(name = "academic_verifications")
@DynamicUpdate // only the changed columns, as every entity here
@IdClass(OrgScopedKey.class)
class VerificationRow {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;
    @Id
    private UUID id;
    @Column(nullable = false)
    private String status;
    @Column(name = "decided_at")
    private Instant decidedAt;
    @Column(name = "decided_by")
    private String decidedBy;
    @Column(name = "decision_reason")
    private String decisionReason;
    @Column(name = "reverify_due")
    private LocalDate reverifyDue;
    @Version
    private int version;

    protected VerificationRow() {
    }

    int version() {
        return version;
    }

    /** Records the decision; approved and rejected are final and carry when (the schema checks the pair). */
    void decide(VerificationRequest.Status status, String by, String reason, LocalDate reverifyDue, Instant now) {
        boolean decided = status == VerificationRequest.Status.APPROVED || status == VerificationRequest.Status.REJECTED;
        this.status = status.db();
        this.decidedAt = decided ? now : null;
        this.decidedBy = by;
        this.decisionReason = reason;
        this.reverifyDue = reverifyDue;
    }
}
