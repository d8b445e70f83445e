package com.antevus.console.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.pricing.Catalog.Aggregation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Month-end projections on the edges of time; every expected figure is worked out by hand in the comment beside it. */
class ProjectionTest {
    @Test
    void inTheFirstMinutesOfAMonthASumAddsLastMonthsDailyRateForTheRest() {
        // 1 Jan 2027 00:03: 500 so far; December had 3,100,000 over 31 days = 100,000 a day = 69.444... a minute;
        // the rest of January is 31 × 1440 − 3 = 44,637 minutes → 3,099,791.67 → 3,099,792; plus 500
        Projection p = Projection.of(Aggregation.SUM, 500, 2, null, 3_100_000, Instant.parse("2027-01-01T00:03:00Z"));
        assertThat(p.value()).isEqualTo(3_100_292);
        assertThat(p.basis()).contains("less than a day");
    }

    @Test
    void afterADayASumContinuesAtItsOwnRate() {
        // 15 Feb 2027 12:00 (non-leap, 28 days): 14.5 days passed; 1,450,000 so far → 100,000 a day × 28 = 2,800,000
        Projection p = Projection.of(Aggregation.SUM, 1_450_000, 100, null, 9_999_999, Instant.parse("2027-02-15T12:00:00Z"));
        assertThat(p.value()).isEqualTo(2_800_000);
        assertThat(p.basis()).isEqualTo("the rate of the 14.5 days so far");
    }

    @Test
    void onTheTwentyNinthOfFebruaryTheMonthHasTwentyNineDays() {
        // 29 Feb 2028 12:00: 28.5 of 29 days passed; 2,850,000 so far → 100,000 a day × 29 = 2,900,000
        Projection p = Projection.of(Aggregation.SUM, 2_850_000, 100, null, 0, Instant.parse("2028-02-29T12:00:00Z"));
        assertThat(p.value()).isEqualTo(2_900_000);
    }

    @Test
    void inTheLastMinutesOfAMonthTheProjectionIsAlmostTheMonthToDate() {
        // 31 Jan 2027 23:52: 44,632 of 44,640 minutes passed; 4,463,200 so far → 100 a minute → 4,464,000
        Projection p = Projection.of(Aggregation.SUM, 4_463_200, 1000, null, 0, Instant.parse("2027-01-31T23:52:00Z"));
        assertThat(p.value()).isEqualTo(4_464_000);
    }

    @Test
    void aGaugeStaysAtItsLatestReadingEvenBeforeTheMonthHasOne() {
        // storage on 1 Jan 00:03: no reading yet this month; the last one (31 Dec 23:55) was 812 GB
        Projection none = Projection.of(Aggregation.MAX, 0, 0, 812L, 790, Instant.parse("2027-01-01T00:03:00Z"));
        assertThat(none.value()).isEqualTo(812);
        assertThat(none.basis()).contains("none yet this month");
        // mid-month, the peak so far and the latest reading: a gauge is never summed or scaled by days
        Projection mid = Projection.of(Aggregation.MAX, 830, 14, 826L, 790, Instant.parse("2027-01-15T08:00:00Z"));
        assertThat(mid.value()).isEqualTo(830);
        Projection avg = Projection.of(Aggregation.AVERAGE, 41, 14, 44L, 40, Instant.parse("2027-01-15T08:00:00Z"));
        assertThat(avg.value()).isEqualTo(41);
    }
}
