package com.antevus.console.demo;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One demo organization as the generator builds it; each table family writes its part. */
final class DemoOrg {
    UUID id;
    String name;
    String domain;
    String email;
    String country;
    DemoFamily.Tier tier; // null for enterprise
    boolean academic;
    boolean enterprise;
    boolean healthData;
    boolean byoLlm;
    LocalDate createdOn;
    String status;
    String interval;
    UUID subscriptionId;
    UUID contractId;
    long contractAnnual;
    String contractSchedule;
    String paymentTerms;
    LocalDate contractStart;
    final List<DemoFamily.AddOn> addOns = new ArrayList<>();
    /** How many of each add-on the subscription has (an organization may buy two Extra Edge Agents). */
    final Map<String, Integer> addOnQuantity = new HashMap<>();
    final double[] utilization = new double[3];
    double growth;
    final Map<YearMonth, long[]> monthTotals = new HashMap<>(); // sum, sum, (sum of daily GB, days)
}

