package com.antevus.console.contracts;

import com.antevus.console.core.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What makes a contract valid, what deserves a warning, and what changed between two versions of one. Pure: no
 * database, no clock (today is passed in), so the editor, the service and the command line agree.
 */
public final class ContractRules {
    private ContractRules() {
    }

    /**
     * Field errors, keyed like the editor's fields ({@code annualValue}, {@code endsOn}, {@code documents.2.expiresOn}
     * …); empty when the contract can be saved.
     */
    public static Map<String, String> validate(Contract c) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (c.organizationId() == null) {
            errors.put("organization", "Choose the organization this contract is with.");
        }
        if (c.currency() == null || !c.currency().matches("[A-Z]{3}")) {
            errors.put("currency", "A currency is three capital letters, like USD.");
        }
        if (c.annualValueMinor() < 0) {
            errors.put("annualValue", "The annual value cannot be negative.");
        }
        if (c.startsOn() == null) {
            errors.put("startsOn", "Give the date the contract starts.");
        }
        if (c.endsOn() == null) {
            errors.put("endsOn", "Give the date the contract ends.");
        }
        if (c.startsOn() != null && c.endsOn() != null) {
            if (!c.endsOn().isAfter(c.startsOn())) {
                errors.put("endsOn", "The contract must end after it starts.");
            } else {
                Integer months = wholeMonths(c.startsOn(), c.endsOn());
                if (months == null) {
                    errors.put("endsOn", "A contract runs whole months: end it on " + c.startsOn().plusYears(1)
                            + " (or the day before) for one year.");
                } else if (months % c.schedule().months() != 0) {
                    errors.put("schedule", String.format("%s billing needs a term in multiples of %d months; this one is %d.",
                            c.schedule().label(), c.schedule().months(), months));
                }
                if (c.noticeDays() >= ChronoUnit.DAYS.between(c.startsOn(), c.endsOn())) {
                    errors.put("noticeDays", "The notice period must be shorter than the contract.");
                }
            }
        }
        if (c.noticeDays() < 0) {
            errors.put("noticeDays", "The notice period cannot be negative.");
        }
        if (c.schedule() == Contract.Schedule.MONTHLY && c.paymentTerms().days() > 30) {
            errors.put("paymentTerms", "Monthly billing allows Net 30 at most: with " + c.paymentTerms()
                    + " each invoice would fall due after the next one is sent.");
        }
        if (c.discountPct().signum() < 0 || c.discountPct().compareTo(BigDecimal.valueOf(100)) > 0) {
            errors.put("discount", "A discount is between 0 and 100%.");
        } else if (c.discountPct().stripTrailingZeros().scale() > 2) {
            errors.put("discount", "A discount has at most two decimals (12.5 or 12.25, not 12.125).");
        }
        Set<ContractDocument.Kind> seen = EnumSet.noneOf(ContractDocument.Kind.class);
        for (int i = 0; i < c.documents().size(); i++) {
            ContractDocument d = c.documents().get(i);
            String key = "documents." + i;
            if (!seen.add(d.kind())) {
                errors.put(key + ".kind", "The contract already has a " + d.kind() + "; edit that one instead.");
            }
            if (d.status() == ContractDocument.Status.SIGNED && d.signedOn() == null) {
                errors.put(key + ".signedOn", "A signed " + d.kind() + " needs the date it was signed.");
            }
            if (d.status() != ContractDocument.Status.SIGNED && d.signedOn() != null) {
                errors.put(key + ".signedOn", "Only a signed " + d.kind() + " has a signature date; set its status to Signed.");
            }
            if (d.signedOn() != null && d.expiresOn() != null && !d.expiresOn().isAfter(d.signedOn())) {
                errors.put(key + ".expiresOn", "The " + d.kind() + " must expire after it was signed (" + d.signedOn() + ").");
            }
            if (d.filePath() != null && !d.filePath().isBlank() && (d.sha256() == null || d.sha256().length() != 64)) {
                errors.put(key + ".file", "Attach the " + d.kind() + " file again so its content hash is recorded.");
            }
        }
        c.overrides().quotas().forEach((metric, v) -> {
            if (v != null && v < 0) {
                errors.put("overrides." + metric, "An included amount cannot be negative.");
            }
        });
        return errors;
    }

    /** Months from start to end when the end is a month boundary (or the day before one); null otherwise. */
    static Integer wholeMonths(LocalDate start, LocalDate end) {
        long months = ChronoUnit.MONTHS.between(start, end.plusDays(1));
        for (long m = Math.max(1, months - 1); m <= months + 1; m++) {
            LocalDate boundary = start.plusMonths(m);
            if (boundary.equals(end) || boundary.minusDays(1).equals(end)) {
                return (int) m;
            }
        }
        return null;
    }

    /** What a sales rep or finance should look at on this contract today: its documents first, then its renewal. */
    public static List<String> warnings(Contract c, LocalDate today) {
        List<String> out = new ArrayList<>(documentWarnings(c, today));
        out.addAll(renewalWarnings(c, today));
        return out;
    }

    /** Missing or expiring paperwork: a BAA for health data, the DPA, a signed MSA and order form once active. */
    public static List<String> documentWarnings(Contract c, LocalDate today) {
        List<String> out = new ArrayList<>();
        if (c.status() != Contract.Status.ACTIVE && c.status() != Contract.Status.DRAFT) {
            return out;
        }
        if (c.handlesHealthData() && !c.signed(ContractDocument.Kind.BAA)) {
            out.add("Handles health data without a signed BAA");
        }
        if (!c.signed(ContractDocument.Kind.DPA)) {
            out.add("No signed DPA");
        }
        if (c.status() == Contract.Status.ACTIVE) {
            for (ContractDocument.Kind k : List.of(ContractDocument.Kind.MSA, ContractDocument.Kind.ORDER_FORM)) {
                if (!c.signed(k)) {
                    out.add("No signed " + k);
                }
            }
        }
        for (ContractDocument d : c.documents()) {
            if (d.expiresOn() != null && d.expiresOn().isBefore(today)) {
                out.add("The " + d.kind() + " expired on " + d.expiresOn());
            } else if (d.expiresOn() != null && c.endsOn() != null && d.expiresOn().isBefore(c.endsOn())) {
                out.add("The " + d.kind() + " expires on " + d.expiresOn() + ", before the contract ends");
            }
        }
        return out;
    }

    /** What the end of an active contract asks for within the next 90 days (or now, once past its end). */
    public static List<String> renewalWarnings(Contract c, LocalDate today) {
        List<String> out = new ArrayList<>();
        if (c.status() != Contract.Status.ACTIVE || c.endsOn() == null) {
            return out;
        }
        long left = c.daysLeft(today);
        long toNotice = ChronoUnit.DAYS.between(today, c.noticeDeadline());
        if (left < 0) {
            out.add("Ended " + (-left) + " days ago and is still active: renew it or mark it ended");
        } else if (left <= 90 && !c.autoRenew()) {
            out.add("Does not renew automatically: agree the renewal before " + com.antevus.console.core.Dates.day(c.endsOn()));
        } else if (left <= 90 && toNotice < 0) {
            out.add("Renews automatically on " + c.endsOn() + "; the notice date (" + c.noticeDeadline() + ") has passed");
        } else if (c.autoRenew() && toNotice >= 0 && toNotice <= 30) {
            out.add("Renews automatically unless notice is given by " + com.antevus.console.core.Dates.day(c.noticeDeadline()));
        }
        return out;
    }

    /** One field that differs between two versions of a contract, in words. */
    public record FieldChange(String field, String label, String before, String after) {
        @Override
        public String toString() {
            return label + ": " + before + " → " + after;
        }
    }

    /** The fields that differ from {@code a} to {@code b}, in the editor's order. */
    public static List<FieldChange> changes(Contract a, Contract b) {
        List<FieldChange> out = new ArrayList<>();
        add(out, "status", "Status", a.status().label(), b.status().label());
        add(out, "currency", "Currency", a.currency(), b.currency());
        add(out, "annualValue", "Annual value", Money.of(a.annualValueMinor(), a.currency()).format(),
                Money.of(b.annualValueMinor(), b.currency()).format());
        add(out, "schedule", "Billing schedule", a.schedule().label(), b.schedule().label());
        add(out, "paymentTerms", "Payment terms", a.paymentTerms().toString(), b.paymentTerms().toString());
        add(out, "startsOn", "Starts", String.valueOf(a.startsOn()), String.valueOf(b.startsOn()));
        add(out, "endsOn", "Ends", String.valueOf(a.endsOn()), String.valueOf(b.endsOn()));
        add(out, "autoRenew", "Auto-renewal", a.autoRenew() ? "yes" : "no", b.autoRenew() ? "yes" : "no");
        add(out, "noticeDays", "Notice period", a.noticeDays() + " days", b.noticeDays() + " days");
        add(out, "discount", "Discount", a.discountPct().toPlainString() + "%", b.discountPct().toPlainString() + "%");
        add(out, "overrides", "Custom quotas and rates", describe(a), describe(b));
        add(out, "notes", "Notes", a.notes(), b.notes());
        add(out, "documents", "Documents", documents(a), documents(b));
        return out;
    }

    private static void add(List<FieldChange> out, String field, String label, String before, String after) {
        if (!Objects.equals(before, after)) {
            out.add(new FieldChange(field, label, before, after));
        }
    }

    static String describe(Contract c) {
        List<String> parts = new ArrayList<>();
        c.overrides().quotas().forEach((k, v) -> parts.add(k + " " + (v == null ? "unlimited" : String.format("%,d", v))));
        c.overrides().rates().forEach((k, v) -> parts.add(k + " " + com.antevus.console.pricing.CatalogDiff.metered(v, c.currency())));
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    private static String documents(Contract c) {
        List<String> parts = new ArrayList<>();
        for (ContractDocument d : c.documents()) {
            parts.add(d.kind() + " " + d.status().toString().toLowerCase(java.util.Locale.ROOT)
                    + (d.signedOn() == null ? "" : " " + d.signedOn()) + (d.expiresOn() == null ? "" : " until " + d.expiresOn())
                    + (d.location().isEmpty() ? "" : " · " + d.location()));
        }
        return parts.isEmpty() ? "none" : String.join("; ", parts);
    }

    /**
     * A three-way merge for a save that lost the race: the fields I changed since I opened the contract, put on
     * top of what is saved now. Fields only they changed keep their value; status is never the editor's to set.
     */
    public static Contract merge(Contract opened, Contract mine, Contract theirs) {
        Set<String> m = new java.util.HashSet<>();
        changes(opened, mine).forEach(f -> m.add(f.field()));
        return new Contract(theirs.id(), theirs.organizationId(), theirs.organizationName(), theirs.handlesHealthData(),
                theirs.status(), m.contains("currency") ? mine.currency() : theirs.currency(),
                m.contains("annualValue") || m.contains("currency") ? mine.annualValueMinor() : theirs.annualValueMinor(),
                m.contains("schedule") ? mine.schedule() : theirs.schedule(),
                m.contains("paymentTerms") ? mine.paymentTerms() : theirs.paymentTerms(),
                m.contains("startsOn") ? mine.startsOn() : theirs.startsOn(),
                m.contains("endsOn") ? mine.endsOn() : theirs.endsOn(),
                m.contains("autoRenew") ? mine.autoRenew() : theirs.autoRenew(),
                m.contains("noticeDays") ? mine.noticeDays() : theirs.noticeDays(),
                m.contains("discount") ? mine.discountPct() : theirs.discountPct(),
                m.contains("overrides") ? mine.overrides() : theirs.overrides(),
                m.contains("notes") ? mine.notes() : theirs.notes(),
                m.contains("documents") ? mergeDocuments(opened, mine, theirs) : theirs.documents(), theirs.version());
    }

    /** Per document: mine where I added, changed or removed it; theirs otherwise (so their new documents stay). */
    private static List<ContractDocument> mergeDocuments(Contract opened, Contract mine, Contract theirs) {
        Map<java.util.UUID, ContractDocument> before = new LinkedHashMap<>();
        opened.documents().forEach(d -> before.put(d.id(), d));
        Map<java.util.UUID, ContractDocument> mineById = new LinkedHashMap<>();
        mine.documents().stream().filter(d -> d.id() != null).forEach(d -> mineById.put(d.id(), d));
        List<ContractDocument> out = new ArrayList<>();
        for (ContractDocument t : theirs.documents()) {
            if (before.containsKey(t.id()) && !mineById.containsKey(t.id())) {
                continue; // I removed it
            }
            ContractDocument m = mineById.get(t.id());
            out.add(m != null && !m.equals(before.get(t.id())) ? m : t);
        }
        mine.documents().stream().filter(d -> d.id() == null).forEach(out::add);
        return out;
    }
}
