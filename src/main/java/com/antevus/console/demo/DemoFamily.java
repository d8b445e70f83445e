package com.antevus.console.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * What every demo table family shares: the one seeded random stream (drawn in a fixed order, so a seed always gives
 * the same rows), the load's connection and dates, and the demo catalog's tiers and add-ons.
 */
abstract class DemoFamily {
    static final String CURRENCY = "USD";
    static final String[] METRICS = {"events", "ai_tokens", "storage_gb"};
    static final String[] RESOURCES = {"instruments", "seats", "sites", "agents"};
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    // ---- the demo catalog (seed 000) ----------------------------------------------------------
    record Tier(String code, String name, long monthly, long events, long tokens, long storageGb,
                        int instruments, int seats, int sites, int agents) {
    }

    static final Tier CORE = new Tier("core", "Core", 150_000, 1_000_000, 200_000, 1_000, 10, 10, 1, 1);
    static final Tier TEAM = new Tier("team", "Team", 400_000, 3_000_000, 750_000, 3_000, 25, 25, 2, 3);
    static final Tier SCALE = new Tier("scale", "Scale", 750_000, 8_000_000, 2_000_000, 5_000, 50, 50, 3, 6);
    static final Tier[] TIERS = {CORE, TEAM, SCALE};

    record AddOn(String code, String name, long monthly, String raises, int by) {
    }

    static final AddOn[] ADD_ONS = {
            new AddOn("compliance-pack", "Compliance Pack", 150_000, null, 0),
            new AddOn("premium-connector", "Premium Connector", 50_000, null, 0),
            new AddOn("extra-agent", "Extra Edge Agent", 10_000, "agents", 1),
            new AddOn("extra-site", "Extra Site", 30_000, "sites", 1),
            new AddOn("priority-support", "Priority Support", 100_000, null, 0),
    };

    final DemoRun run;
    final java.sql.Connection c;
    final DemoData.Options o;
    final SplittableRandom rnd;
    final LocalDate usageStart;
    final LocalDate usageEnd; // exclusive for full days; its own usage runs to minuteOfToday
    final int minuteOfToday;
    final YearMonth referenceMonth;

    DemoFamily(DemoRun run) {
        this.run = run;
        this.c = run.connection;
        this.o = run.options;
        this.rnd = run.rnd;
        this.usageStart = run.usageStart;
        this.usageEnd = run.usageEnd;
        this.minuteOfToday = run.minuteOfToday;
        this.referenceMonth = run.referenceMonth;
    }

    /** A version 4 UUID from the seeded stream, so the same seed gives the same ids. */
    UUID uuid() {
        long hi = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    double between(double lo, double hi) {
        return between(rnd, lo, hi);
    }

    static double between(SplittableRandom r, double lo, double hi) {
        return lo + r.nextDouble() * (hi - lo);
    }

    <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }

    static String planCode(DemoOrg org) {
        if (org.enterprise) {
            return "enterprise";
        }
        return org.academic ? org.tier.code() + "-academic" : org.tier.code();
    }

    static String planName(DemoOrg org) {
        return org.academic ? org.tier.name() + " Academic" : org.tier.name();
    }

    /** The included events, AI tokens and GB of storage a month. */
    static long[] includedFor(DemoOrg org) {
        if (org.enterprise) {
            // custom contract quotas: sized like a large Scale customer
            return new long[]{20_000_000, 5_000_000, 12_000};
        }
        return new long[]{org.tier.events(), org.tier.tokens(), org.tier.storageGb()};
    }
}
