package com.antevus.console.charges;

import com.antevus.console.db.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/** A contract's commitment, with the contract's term. */
public final class CommitmentRepository {
    private CommitmentRepository() {
    }

    public static Optional<Commitment> forContract(Connection c, UUID org, UUID contractId) throws SQLException {
        if (contractId == null) {
            return Optional.empty();
        }
        return Sql.first(c, "select m.organization_id, m.contract_id, m.amount_minor, m.currency, m.basis, m.counts_usage, m.counts_add_ons, "
                        + "m.counts_fees, k.starts_on, k.ends_on, m.note, m.version from contract_commitments m "
                        + "join contracts k on k.organization_id = m.organization_id and k.id = m.contract_id "
                        + "where m.organization_id = ? and m.contract_id = ?",
                rs -> new Commitment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), rs.getString(4).strip(),
                        Commitment.Basis.of(rs.getString(5)), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8),
                        rs.getDate(9).toLocalDate(), rs.getDate(10).toLocalDate(), rs.getString(11), rs.getInt(12)), org, contractId);
    }

    /** Writes the contract's commitment (a new one, or a change at {@code version}); 0 when someone changed it first. */
    public static int save(Connection c, Commitment m) throws SQLException {
        int updated = Sql.update(c, "update contract_commitments set amount_minor = ?, currency = ?, basis = ?, counts_usage = ?, "
                        + "counts_add_ons = ?, counts_fees = ?, note = ?, version = version + 1 "
                        + "where organization_id = ? and contract_id = ? and version = ?", m.amountMinor(), m.currency(), m.basis().db(),
                m.countsUsage(), m.countsAddOns(), m.countsFees(), m.note(), m.organizationId(), m.contractId(), m.version());
        if (updated > 0) {
            return updated;
        }
        boolean exists = Sql.first(c, "select 1 from contract_commitments where organization_id = ? and contract_id = ?",
                rs -> true, m.organizationId(), m.contractId()).isPresent();
        if (exists) {
            return 0;
        }
        return Sql.update(c, "insert into contract_commitments (organization_id, contract_id, amount_minor, currency, basis, counts_usage, "
                        + "counts_add_ons, counts_fees, note) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", m.organizationId(), m.contractId(),
                m.amountMinor(), m.currency(), m.basis().db(), m.countsUsage(), m.countsAddOns(), m.countsFees(), m.note());
    }

    public static int remove(Connection c, UUID org, UUID contractId, int version) throws SQLException {
        return Sql.update(c, "delete from contract_commitments where organization_id = ? and contract_id = ? and version = ?",
                org, contractId, version);
    }
}
