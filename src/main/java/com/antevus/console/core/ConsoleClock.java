package com.antevus.console.core;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one place the console reads the wall clock. Everything that depends on "now" (periods, month to date,
 * projections, overdue, renewals, the idle lock, the sandbox's timestamps, the demo data) takes its instant from
 * the {@link Clock} made here and handed down from the composition root; an ArchUnit rule keeps it so.
 *
 * <p>The console's days are UTC days: a period is a UTC calendar month, whatever the machine's time zone.
 */
public final class ConsoleClock {
    /** The environment variable that sets the clock, like {@code --as-of}. */
    public static final String ENV_AS_OF = "CONSOLE_AS_OF";

    private ConsoleClock() {
    }

    /** Today on the given clock (the injected one): a UTC day. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** This month on the given clock: a UTC calendar month. */
    public static java.time.YearMonth thisMonth(Clock clock) {
        return java.time.YearMonth.from(today(clock));
    }

    /**
     * How long this JVM has run, for start-up figures in the log and the status line: a duration the machine
     * measures, never a decision, so it is read here and nowhere else.
     */
    public static long uptimeMillis() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
    }

    /** The machine's clock, in UTC. */
    public static Clock system() {
        return Clock.systemUTC();
    }

    /**
     * A clock that reads {@code asOf} at the moment it is made and runs on from there at the machine's pace, so
     * a rehearsal of a month-end sees minutes pass as they do. Null gives the machine's clock.
     */
    public static Clock startingAt(Instant asOf) {
        if (asOf == null) {
            return system();
        }
        Clock wall = system();
        return Clock.offset(wall, Duration.between(wall.instant(), asOf));
    }

    /**
     * Reads what a person types for {@code --as-of}: an instant ({@code 2027-01-31T23:50:00Z}, an offset such as
     * {@code +01:00}, or no zone meaning UTC; seconds optional) or a day ({@code 2027-01-31}, read as noon UTC).
     *
     * @throws UserFacingException naming the accepted shapes
     */
    public static Instant parseAsOf(String text) {
        String t = text == null ? "" : text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atTime(12, 0).toInstant(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new UserFacingException("'" + t + "' is not a time the console can be set to; write it as "
                    + "2027-01-31T23:50:00Z (UTC), 2027-01-31T23:50:00+01:00, or a day such as 2027-01-31 (noon UTC).", e);
        }
    }
}
