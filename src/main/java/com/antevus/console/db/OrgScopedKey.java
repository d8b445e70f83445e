package com.antevus.console.db;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * The key of a row that belongs to one organization: (organization_id, id), as the schema's primary keys are (V9), so
 * every statement Hibernate writes names the organization and stays on one shard when the tables are distributed.
 */
public class OrgScopedKey implements Serializable {
    private UUID organizationId;
    private UUID id;

    protected OrgScopedKey() {
    }

    public OrgScopedKey(UUID organizationId, UUID id) {
        this.organizationId = organizationId;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrgScopedKey k && Objects.equals(organizationId, k.organizationId) && Objects.equals(id, k.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(organizationId, id);
    }
}
