package com.antevus.console.usage;

import com.antevus.console.db.Jdbc;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Keeps the daily and monthly usage rollups current, off the product's write path: each call of the database
 * function {@code refresh_usage_rollups} folds what committed since the watermark (see V4). Safe with several
 * consoles running: a refresh already under way elsewhere makes this one return at once.
 */
public final class UsageRollups {
    /** Ids folded per transaction: bounded, so a large backlog neither holds one long transaction nor a long lock. */
    public static final long CHUNK = 2_000_000;
    private final Jdbc jdbc;

    public UsageRollups(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /** What a refresh did. {@code busy}: another console was refreshing, nothing was done here. */
    public record Refresh(long rowsFolded, long watermark, long backlog, long millis, boolean busy) {
    }

    /** Folds everything up to now, in chunks, within the time budget; then records this month's alert crossings. */
    public Refresh refresh(Duration budget) {
        long t0 = System.nanoTime();
        long rows = 0;
        long watermark = 0;
        long backlog = 0;
        do {
            long[] r = jdbc.write("refreshing the usage rollups", "Usage rollup refresh", null, c -> {
                try (PreparedStatement ps = c.prepareStatement("select rows_folded, new_watermark, backlog from refresh_usage_rollups(?)")) {
                    ps.setLong(1, CHUNK);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                    }
                }
            });
            if (r[0] < 0) {
                return new Refresh(rows, watermark, backlog, (System.nanoTime() - t0) / 1_000_000, true);
            }
            rows += r[0];
            watermark = r[1];
            backlog = r[2];
        } while (backlog > 0 && System.nanoTime() - t0 < budget.toNanos());
        return new Refresh(rows, watermark, backlog, (System.nanoTime() - t0) / 1_000_000, false);
    }

    /** Records first crossings of the plans' alert thresholds in the month; returns how many are new. */
    public int refreshAlerts(LocalDate month) {
        return jdbc.write("checking usage alerts", "Usage alert check", null, c -> {
            try (PreparedStatement ps = c.prepareStatement("select refresh_usage_alerts(?)")) {
                ps.setDate(1, Date.valueOf(month.withDayOfMonth(1)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
