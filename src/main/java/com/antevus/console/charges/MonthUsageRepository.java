package com.antevus.console.charges;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

/** An organization's usage of one UTC month, read exactly as rating reads it, for what else is priced on usage (credits). */
public final class MonthUsageRepository {
    private MonthUsageRepository() {
    }

    /** Per metric, as each metric aggregates, with finance's adjustments; on the caller's connection and transaction. */
    public static Map<String, Long> read(Connection c, UUID organizationId, YearMonth period) throws SQLException {
        return RatingInputsRepository.usage(c, organizationId, period.atDay(1), period.plusMonths(1).atDay(1), period);
    }
}
