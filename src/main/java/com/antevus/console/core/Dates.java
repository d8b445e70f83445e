package com.antevus.console.core;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;
import javafx.util.StringConverter;

/**
 * The one way the screens write a date: the day in the user's locale's medium style ("Dec 2, 2026" in the US,
 * "2 Dec 2026" in Britain), times in UTC beside it, the zone named. Files (CSV, JSON) keep ISO-8601 and never come here.
 */
public final class Dates {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm 'UTC'");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'");

    private Dates() {
    }

    /** The locale screens format dates in: the JVM's format locale (the operating system's, unless -Duser.* says otherwise). */
    public static Locale locale() {
        return Locale.getDefault(Locale.Category.FORMAT);
    }

    private static DateTimeFormatter dayFormat() {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale());
    }

    /** A day; empty for none. */
    public static String day(LocalDate day) {
        return day == null ? "" : dayFormat().format(day);
    }

    /** The UTC day of an instant; empty for none. */
    public static String day(Instant at) {
        return at == null ? "" : day(at.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** An instant to the minute, in UTC: "Dec 2, 2026 18:47 UTC". */
    public static String minute(Instant at) {
        return at == null ? "" : day(at) + " " + MINUTE.format(at.atZone(ZoneOffset.UTC));
    }

    /** An instant to the second, in UTC (the audit trail): "Dec 2, 2026 18:47:21 UTC". */
    public static String second(Instant at) {
        return at == null ? "" : day(at) + " " + SECOND.format(at.atZone(ZoneOffset.UTC));
    }

    /** The same for a moment with an offset (database timestamps). */
    public static String minute(java.time.OffsetDateTime at) {
        return at == null ? "" : minute(at.toInstant());
    }

    public static String second(java.time.OffsetDateTime at) {
        return at == null ? "" : second(at.toInstant());
    }

    public static String day(java.time.OffsetDateTime at) {
        return at == null ? "" : day(at.toInstant());
    }

    /** A time of day alone, in UTC: "18:47 UTC" (when the day is already said). */
    public static String time(Instant at) {
        return at == null ? "" : MINUTE.format(at.atZone(ZoneOffset.UTC));
    }

    /** A calendar month: "December 2026". */
    public static String month(YearMonth month) {
        return month == null ? "" : DateTimeFormatter.ofPattern("MMMM yyyy", locale()).format(month);
    }

    /** A month's name alone: "December". */
    public static String monthName(YearMonth month) {
        return month == null ? "" : DateTimeFormatter.ofPattern("MMMM", locale()).format(month);
    }

    /**
     * For every DatePicker: shows the day as {@link #day(LocalDate)} does and reads it back the same way, or as ISO
     * (2026-12-02), which people paste; anything else is refused (the picker keeps its value).
     */
    public static StringConverter<LocalDate> pickerConverter() {
        return new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return day(d);
            }

            @Override
            public LocalDate fromString(String text) {
                if (text == null || text.isBlank()) {
                    return null;
                }
                String t = text.trim();
                try {
                    return LocalDate.parse(t, dayFormat());
                } catch (DateTimeParseException notLocal) {
                    return LocalDate.parse(t); // ISO, or the DateTimeParseException the picker turns into "keep the value"
                }
            }
        };
    }
}
