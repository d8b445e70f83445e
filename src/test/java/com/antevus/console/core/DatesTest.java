package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One date format on every screen, from the user's locale; the pickers read back what they show, or ISO. */
class DatesTest {
    private final Locale before = Locale.getDefault(Locale.Category.FORMAT);

    @AfterEach
    void restore() {
        Locale.setDefault(Locale.Category.FORMAT, before);
    }

    @Test
    void daysTimesAndMonthsFollowTheLocaleWithTheZoneNamed() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        Instant lastMinute = Instant.parse("2027-01-31T23:59:30Z");
        assertThat(Dates.day(LocalDate.of(2027, 1, 31))).isEqualTo("Jan 31, 2027");
        assertThat(Dates.minute(lastMinute)).isEqualTo("Jan 31, 2027 23:59 UTC");
        assertThat(Dates.second(lastMinute)).isEqualTo("Jan 31, 2027 23:59:30 UTC");
        assertThat(Dates.month(YearMonth.of(2027, 1))).isEqualTo("January 2027");
        assertThat(Dates.day((LocalDate) null)).isEmpty();

        Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
        assertThat(Dates.day(LocalDate.of(2027, 1, 31))).isEqualTo("31 Jan 2027");
        assertThat(Dates.minute(lastMinute)).as("the day is UTC's, whatever the locale").isEqualTo("31 Jan 2027 23:59 UTC");
    }

    @Test
    void aPickerReadsBackWhatItShowsOrIsoAndRefusesTheRest() {
        Locale.setDefault(Locale.Category.FORMAT, Locale.US);
        var converter = Dates.pickerConverter();
        LocalDate leap = LocalDate.of(2028, 2, 29);
        assertThat(converter.fromString(converter.toString(leap))).isEqualTo(leap);
        assertThat(converter.fromString(" 2028-02-29 ")).isEqualTo(leap);
        assertThat(converter.fromString("")).isNull();
        assertThatThrownBy(() -> converter.fromString("31/02/2028")).isInstanceOf(java.time.format.DateTimeParseException.class);
    }
}
