package com.antevus.console.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Clocks for tests, each built from an instant the test names: no test reads the wall clock. */
public final class TestClocks {
    /** The instant most tests live at: a Sunday late in November 2026, mid-day UTC, mid-month. */
    public static final Instant NOV_22_2026_NOON = Instant.parse("2026-11-22T12:00:00Z");

    private TestClocks() {
    }

    /** A clock that always reads {@code instant} (ISO-8601, e.g. 2027-01-31T23:52:00Z). */
    public static Clock at(String instant) {
        return at(Instant.parse(instant));
    }

    public static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    /** A clock a test moves by hand (idle locks, key windows). */
    public static Settable settable(Instant start) {
        return new Settable(start);
    }

    /** A clock that reads what the test last set. Thread-safe. */
    public static final class Settable extends Clock {
        private volatile Instant now;

        Settable(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the console's clock is UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
