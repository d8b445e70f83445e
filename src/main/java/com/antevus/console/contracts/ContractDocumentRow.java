package com.antevus.console.contracts;

import com.antevus.console.db.OrgScopedKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.DynamicUpdate;
import java.time.LocalDate;
import java.util.UUID;

/** A contract document's row (MSA, order form, DPA, BAA), mapped for {@link ContractRepository} only. */
@Entity(name = "ContractDocumentRow")
@Table(name = "contract_documents")
@DynamicUpdate // only the changed columns: the roles hold column grants (finance may set stripe_customer_id only)
@IdClass(OrgScopedKey.class)
class ContractDocumentRow {
    @Id
    @Column(name = "organization_id")
    private UUID organizationId;
    @Id
    private UUID id;
    @Column(name = "contract_id", nullable = false)
    private UUID contractId;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String status;
    @Column(name = "signed_on")
    private LocalDate signedOn;
    @Column(name = "expires_on")
    private LocalDate expiresOn;
    private String url;
    @Column(name = "file_path")
    private String filePath;
    @Column(name = "content_sha256", columnDefinition = "bpchar")
    private String contentSha256;
    @Column(name = "created_at", insertable = false, updatable = false)
    private java.time.OffsetDateTime createdAt;
    @Version
    private int version;

    protected ContractDocumentRow() {
    }

    static ContractDocumentRow of(UUID organizationId, UUID contractId, ContractDocument d) {
        ContractDocumentRow row = new ContractDocumentRow();
        row.organizationId = organizationId;
        row.id = UUID.randomUUID();
        row.contractId = contractId;
        row.set(d);
        return row;
    }

    void set(ContractDocument d) {
        kind = d.kind().db();
        status = d.status().db();
        signedOn = d.signedOn();
        expiresOn = d.expiresOn();
        url = blankToNull(d.url());
        filePath = blankToNull(d.filePath());
        contentSha256 = filePath == null ? null : d.sha256();
    }

    UUID id() {
        return id;
    }

    UUID contractId() {
        return contractId;
    }

    ContractDocument toRecord() {
        return new ContractDocument(id, ContractDocument.Kind.fromDb(kind), ContractDocument.Status.fromDb(status), signedOn,
                expiresOn, url, filePath, contentSha256);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
