package com.antevus.console.invoicing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

/** Which months a run may bill, at instants each test names; the grace is the default 24 hours unless said. */
class BillablePeriodsTest {
    static final Duration DAY = Duration.ofHours(24);
    static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

    @Test
    void aMonthIsBillableOnceItHasEndedAndItsGraceHasPassed() {
        assertThat(BillablePeriods.refusal(YearMonth.of(2026, 10), Instant.parse("2026-11-22T12:00:00Z"), DAY, false)).isNull();
        assertThat(BillablePeriods.refusal(NOVEMBER, Instant.parse("2026-11-30T23:59:59Z"), DAY, false)).contains("is not over");
        assertThat(BillablePeriods.refusal(NOVEMBER, Instant.parse("2026-12-01T00:03:00Z"), DAY, false))
                .isEqualTo("2026-11 ended Dec 1, 2026 00:00 UTC; runs wait 24 hours for usage that arrives late, so it can be invoiced "
                        + "from Dec 2, 2026 00:00 UTC. Nothing was created. To bill it now, close it early with a reason (--close-early).");
        assertThat(BillablePeriods.refusal(NOVEMBER, Instant.parse("2026-12-02T00:00:00Z"), DAY, false)).isNull();
        assertThat(BillablePeriods.refusal(NOVEMBER, Instant.parse("2026-12-01T00:00:00Z"), Duration.ZERO, false)).isNull();
    }

    @Test
    void aYearBoundaryAndALeapFebruaryEndWhereTheCalendarSays() {
        assertThat(BillablePeriods.end(YearMonth.of(2026, 12))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(BillablePeriods.end(YearMonth.of(2028, 2))).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(BillablePeriods.refusal(YearMonth.of(2028, 2), Instant.parse("2028-02-29T23:59:00Z"), DAY, false)).contains("is not over");
    }

    @Test
    void closingEarlyBillsARunningMonthButNeverOneThatHasNotBegun() {
        assertThat(BillablePeriods.refusal(NOVEMBER, Instant.parse("2026-11-22T12:00:00Z"), DAY, true)).isNull();
        assertThat(BillablePeriods.refusal(YearMonth.of(2999, 1), Instant.parse("2026-11-22T12:00:00Z"), DAY, true))
                .startsWith("2999-01 has not begun");
    }
}
