package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Renewals on the edges of the calendar: month ends, 29 February, year boundaries. */
class AnniversariesTest {
    @Test
    void aMonthlyTermFromTheThirtyFirstOfJanuaryRenewsOnTheLastDayOfFebruaryThenOnTheThirtyFirstAgain() {
        LocalDate anchor = LocalDate.of(2027, 1, 31);
        assertThat(Anniversaries.monthly(anchor, 1)).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(Anniversaries.monthly(anchor, 2)).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThat(Anniversaries.monthly(LocalDate.of(2028, 1, 31), 1)).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(Anniversaries.monthlyTermStart(anchor, LocalDate.of(2027, 3, 30))).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(Anniversaries.monthlyTermStart(anchor, LocalDate.of(2027, 3, 31))).isEqualTo(LocalDate.of(2027, 3, 31));
        // across the year boundary
        assertThat(Anniversaries.monthlyTermStart(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 15))).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(Anniversaries.monthly(LocalDate.of(2026, 12, 31), 2)).isEqualTo(LocalDate.of(2027, 2, 28));
    }

    @Test
    void anAnnualTermFromTheTwentyNinthOfFebruaryKeepsItsDayInLeapYears() {
        LocalDate anchor = LocalDate.of(2028, 2, 29);
        assertThat(Anniversaries.yearly(anchor, 1)).isEqualTo(LocalDate.of(2029, 2, 28));
        assertThat(Anniversaries.yearly(anchor, 4)).isEqualTo(LocalDate.of(2032, 2, 29));
        assertThat(Anniversaries.yearlyTermStart(anchor, LocalDate.of(2029, 2, 27))).isEqualTo(anchor);
        assertThat(Anniversaries.yearlyTermStart(anchor, LocalDate.of(2029, 2, 28))).isEqualTo(LocalDate.of(2029, 2, 28));
        assertThat(Anniversaries.yearlyTerm(anchor, LocalDate.of(2029, 2, 28))).as("the second term, ending 28 Feb 2030").isEqualTo(1);
        assertThat(Anniversaries.yearly(anchor, Anniversaries.yearlyTerm(anchor, LocalDate.of(2029, 2, 28)) + 1)).isEqualTo(LocalDate.of(2030, 2, 28));
        assertThat(Anniversaries.yearlyTermStart(anchor, LocalDate.of(2032, 3, 1))).isEqualTo(LocalDate.of(2032, 2, 29));
        // an annual renewal on 31 January stays on the 31st
        assertThat(Anniversaries.yearlyTermStart(LocalDate.of(2025, 1, 31), LocalDate.of(2027, 1, 31))).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(Anniversaries.yearlyTermStart(LocalDate.of(2025, 1, 31), LocalDate.of(2027, 1, 30))).isEqualTo(LocalDate.of(2026, 1, 31));
    }

    @Test
    void aDayBeforeTheAnchorBelongsToTheFirstTerm() {
        assertThat(Anniversaries.yearlyTermStart(LocalDate.of(2027, 6, 1), LocalDate.of(2027, 1, 1))).isEqualTo(LocalDate.of(2027, 6, 1));
    }
}
