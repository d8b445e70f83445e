package com.antevus.console.usage;

import com.antevus.console.db.Jdbc;
import java.time.Instant;
import java.time.LocalDate;
import javax.sql.DataSource;

/**
 * Keeps the daily and monthly usage rollups current, off the product's write path: each call of the database
 * function {@code refresh_usage_rollups} folds the rows ingested since the watermark (see V4). Safe with several
 * consoles running: a refresh already under way elsewhere makes this one return at once.
 */
public final class UsageRollups {
    private final Jdbc jdbc;

    public UsageRollups(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    /**
     * What a refresh did. {@code watermark}: every row ingested before it is folded. {@code heldBackBy}: the start of
     * the oldest transaction open in the database, which the refresh may not pass (null when none). {@code busy}:
     * another console was refreshing, nothing was done here.
     */
    public record Refresh(long rowsFolded, Instant watermark, Instant heldBackBy, long millis, boolean busy) {
    }

    /** Folds every row ingested since the last refresh (one transaction), up to the oldest open transaction. */
    public Refresh refresh() {
        long t0 = System.nanoTime();
        UsageRepository.Folded f = jdbc.write("refreshing the usage rollups", "Usage rollup refresh", null, UsageRepository::refreshRollups);
        return new Refresh(f.rows(), f.watermark(), f.heldBackBy(), (System.nanoTime() - t0) / 1_000_000, f.busy());
    }

    /**
     * Refreshes until everything ingested before this call is folded (waiting for transactions still open to end),
     * or the timeout passes; the result adds up the rows folded. Returns at once when another console is refreshing.
     */
    public Refresh catchUp(java.time.Duration timeout) {
        long t0 = System.nanoTime();
        Instant target = jdbc.read("reading the database clock", UsageRepository::databaseClock);
        long rows = 0;
        while (true) {
            Refresh r = refresh();
            rows += r.rowsFolded();
            boolean done = r.busy() || (r.watermark() != null && r.watermark().isAfter(target));
            if (done || System.nanoTime() - t0 > timeout.toNanos()) {
                return new Refresh(rows, r.watermark(), r.heldBackBy(), (System.nanoTime() - t0) / 1_000_000, r.busy());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Refresh(rows, r.watermark(), r.heldBackBy(), (System.nanoTime() - t0) / 1_000_000, r.busy());
            }
        }
    }

    /** Records organizations whose prepaid credits are below the low-balance threshold at {@code now}, once a month each; returns how many are new. */
    public int refreshCreditAlerts(java.time.Instant now) {
        return jdbc.write("checking credit balances", "Low credit balance check", null, c -> UsageRepository.refreshCreditAlerts(c, now));
    }

    /** Records first crossings of the plans' alert thresholds in the month; returns how many are new. */
    public int refreshAlerts(LocalDate month) {
        return jdbc.write("checking usage alerts", "Usage alert check", null,
                c -> UsageRepository.refreshAlerts(c, java.time.YearMonth.from(month)));
    }
}
