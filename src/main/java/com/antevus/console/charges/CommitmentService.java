package com.antevus.console.charges;

import com.antevus.console.core.Reasons;
import com.antevus.console.core.ConsoleClock;
import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Contracts' minimum commitments: written by sales (the grants decide who may), read as a burn-down, and trued up by
 * the rating of the term's last month (or of each month), so the invoice run bills the true-up with that month's
 * invoice, once.
 */
public final class CommitmentService {
    /** The largest commitment the console accepts: $1 billion, so a typo of zeros is caught at the field. */
    public static final long MAX_MINOR = 100_000_000_000L;
    private final Jdbc jdbc;
    private final PeriodCharges charges;
    private final Clock clock;

    public CommitmentService(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.charges = new PeriodCharges(dataSource);
        this.clock = clock;
    }

    public Optional<Commitment> forContract(UUID org, UUID contractId) {
        return jdbc.read("reading the contract's commitment", c -> CommitmentRepository.forContract(c, org, contractId));
    }

    /** What is wrong with a commitment as typed, or null. */
    public static String problem(long amountMinor, boolean usage, boolean addOns, boolean fees) {
        if (amountMinor <= 0) {
            return "A commitment is an amount above zero.";
        }
        if (amountMinor > MAX_MINOR) {
            return "That is more than " + Money.of(MAX_MINOR, "USD").format() + "; check the number of zeros.";
        }
        if (!usage && !addOns && !fees) {
            return "Choose what counts toward the commitment: usage, add-ons or fees.";
        }
        return null;
    }

    /** Saves the commitment (new, or a change of the one read at its version), with a reason for the audit log. */
    public Commitment save(Commitment m, String reason) {
        String wrong = problem(m.amountMinor(), m.countsUsage(), m.countsAddOns(), m.countsFees());
        if (wrong != null) {
            throw new UserFacingException(wrong + " Nothing was saved.");
        }
        Reasons.require(reason);
        int n = jdbc.write("saving the commitment", reason.strip(), null, c -> CommitmentRepository.save(c, m));
        if (n == 0) {
            throw new UserFacingException("Someone changed this commitment since you opened it; open it again to see their change. "
                    + "Nothing was saved.");
        }
        return forContract(m.organizationId(), m.contractId()).orElseThrow();
    }

    public void remove(Commitment m, String reason) {
        Reasons.require(reason);
        int n = jdbc.write("removing the commitment", reason.strip(), null, c -> CommitmentRepository.remove(c, m.organizationId(),
                m.contractId(), m.version()));
        if (n == 0) {
            throw new UserFacingException("Someone changed this commitment since you opened it; nothing was removed.");
        }
    }

    /** The burn-down as of this month on the console's clock. */
    public Optional<PeriodCharges.BurnDown> burnDown(UUID org, UUID contractId) {
        return charges.burnDown(org, contractId, ConsoleClock.thisMonth(clock));
    }

    /** Burn-downs of the contracts given (contract id by organization id), as of this month. */
    public Map<UUID, PeriodCharges.BurnDown> burnDowns(Map<UUID, UUID> contractsByOrganization) {
        return charges.burnDowns(contractsByOrganization, ConsoleClock.thisMonth(clock));
    }

    /** A burn-down's verdict in a few words, for the renewal pipeline: under-run by how much, over-run, or on track. */
    public static String verdict(PeriodCharges.BurnDown b) {
        String cur = b.commitment().currency();
        if (b.underRun()) {
            return "Under-run · " + Money.of(b.projectedTrueUpMinor(), cur).format() + " true-up";
        }
        if (b.overRunMinor() > 0) {
            return "Over-run · " + Money.of(b.overRunMinor(), cur).format() + " over";
        }
        return "On track";
    }
}
