package com.antevus.console.demo;

import com.antevus.console.db.CopyWriter;
import com.antevus.console.rating.RatedLine;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import com.antevus.console.rating.RatingFacts;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The invoice history up to two months back: base fees, add-ons, overage priced by the rating engine, contract installments. */
final class InvoicesDemo extends DemoFamily {
    private int invoiceSeq;

    InvoicesDemo(DemoRun run) {
        super(run);
    }

    private record Line(String kind, String description, String metric, long quantity, Long unitMinor, long amount) {
    }

    int[] write(List<DemoOrg> orgs) throws SQLException {
        int invoices = 0;
        int lines = 0;
        // one COPY at a time per connection: invoices first, their lines buffered and copied after
        List<Object[]> lineRows = new ArrayList<>();
        try (CopyWriter inv = new CopyWriter(c, "invoices", "organization_id, id, number, kind, status, currency, "
                + "period_start, period_end, subtotal_minor, discount_minor, tax_minor, total_minor, amount_paid_minor, "
                + "days_until_due, due_date, finalized_at, paid_at, voided_at, payment_method, created_at")) {
            for (DemoOrg org : orgs) {
                YearMonth first = YearMonth.from(org.createdOn.isAfter(usageStart) ? org.createdOn : usageStart);
                // the last full month is left for finance to invoice (the demo's invoice run)
                YearMonth lastInvoiced = YearMonth.from(o.today()).minusMonths(2);
                for (YearMonth ym = first; !ym.isAfter(lastInvoiced); ym = ym.plusMonths(1)) {
                    List<Line> ls = new ArrayList<>();
                    String kind;
                    if (org.enterprise) {
                        kind = "contract";
                        long installment = contractInstallment(org, ym);
                        if (installment > 0) {
                            ls.add(new Line("contract", "Enterprise agreement, " + org.contractSchedule.replace('_', ' ')
                                    + " installment", null, 1, installment, installment));
                        }
                    } else {
                        kind = "subscription";
                        long monthly = org.academic ? org.tier.monthly() * 6 / 10 : org.tier.monthly();
                        boolean annualDue = org.interval.equals("year") && ym.getMonthValue() == org.createdOn.getMonthValue();
                        if (org.interval.equals("month")) {
                            ls.add(new Line("base_fee", planName(org) + " (monthly)", null, 1, monthly, monthly));
                        } else if (annualDue) {
                            long annual = monthly * 12 * 8 / 10;
                            ls.add(new Line("base_fee", planName(org) + " (annual, 20% off)", null, 1, annual, annual));
                        }
                        if (org.interval.equals("month") || annualDue) {
                            int months = org.interval.equals("month") ? 1 : 12;
                            for (AddOn a : org.addOns) {
                                int qty = org.addOnQuantity.getOrDefault(a.code(), 1);
                                ls.add(new Line("add_on", a.name() + (qty > 1 ? " × " + qty : "") + (months == 12 ? " (12 months)" : ""),
                                        null, (long) qty * months, a.monthly(), a.monthly() * qty * months));
                            }
                        }
                        ls.addAll(overageLines(org, ym));
                        if (ls.isEmpty()) {
                            continue;
                        }
                        if (ls.stream().allMatch(l -> l.kind.equals("overage"))) {
                            kind = "overage";
                        }
                    }
                    if (ls.isEmpty()) {
                        continue;
                    }
                    long subtotal = ls.stream().mapToLong(Line::amount).sum();
                    LocalDate issued = ym.plusMonths(1).atDay(1);
                    int days = org.enterprise ? Integer.parseInt(org.paymentTerms.substring(3)) : 30;
                    LocalDate due = issued.plusDays(days);
                    String status;
                    double draw = rnd.nextDouble();
                    boolean overdue = due.isBefore(o.today());
                    if (!overdue) {
                        status = draw < 0.35 ? "paid" : "open";
                    } else if ("past_due".equals(org.status) && ym.equals(lastInvoiced)) {
                        status = "open";
                    } else {
                        status = draw < 0.955 ? "paid" : draw < 0.975 ? "open" : draw < 0.99 ? "void" : "uncollectible";
                    }
                    UUID id = uuid();
                    OffsetDateTime finalized = issued.atTime(6, 0).atOffset(ZoneOffset.UTC);
                    long daysSinceIssue = java.time.temporal.ChronoUnit.DAYS.between(issued, o.today());
                    if (daysSinceIssue < 1) {
                        status = "open"; // issued today: nobody has paid yet
                    }
                    OffsetDateTime paidAt = null;
                    if (status.equals("paid")) {
                        long window = Math.max(1, Math.min(days + 5L, daysSinceIssue - 1));
                        paidAt = finalized.plusDays(rnd.nextInt((int) window) + 1L).withHour(8 + rnd.nextInt(9));
                        if (!paidAt.toLocalDate().isBefore(o.today())) {
                            paidAt = finalized.plusHours(4);
                        }
                    }
                    String number = "AV-" + ym.format(MONTH) + "-" + String.format("%05d", ++invoiceSeq);
                    inv.value(org.id).value(id).value(number).value(kind).value(status).value(CURRENCY)
                            .value(ym.atDay(1)).value(ym.plusMonths(1).atDay(1))
                            .value(subtotal).value(0L).value(0L).value(subtotal).value(status.equals("paid") ? subtotal : 0L)
                            .value(days).value(due).value(finalized).value(paidAt)
                            .value(status.equals("void") ? finalized.plusDays(3) : null)
                            .value(status.equals("paid") ? (org.enterprise ? pick(new String[]{"wire", "ach"}) : pick(new String[]{"card", "card", "ach"})) : null)
                            .value(finalized);
                    inv.endRow();
                    invoices++;
                    int no = 0;
                    for (Line l : ls) {
                        lineRows.add(new Object[]{org.id, id, ++no, l.kind, l.description, l.metric, l.quantity,
                                l.unitMinor, l.amount, CURRENCY});
                    }
                }
            }
        }
        try (CopyWriter ln = new CopyWriter(c, "invoice_lines", "organization_id, invoice_id, line_no, kind, description, "
                + "metric, quantity, unit_amount_minor, amount_minor, currency")) {
            for (Object[] row : lineRows) {
                for (Object v : row) {
                    ln.value(v);
                }
                ln.endRow();
                lines++;
            }
        }
        return new int[]{invoices, lines};
    }

    private long contractInstallment(DemoOrg org, YearMonth ym) {
        YearMonth start = YearMonth.from(org.contractStart);
        if (ym.isBefore(start)) {
            return 0;
        }
        long monthsIn = start.until(ym, java.time.temporal.ChronoUnit.MONTHS);
        return switch (org.contractSchedule) {
            case "annual_upfront" -> monthsIn % 12 == 0 ? org.contractAnnual : 0;
            case "quarterly" -> monthsIn % 3 == 0 ? org.contractAnnual / 4 : 0;
            default -> org.contractAnnual / 12;
        };
    }

    /** Overage lines for the demo's invoice history, priced by the rating engine from the demo catalog. */
    private List<Line> overageLines(DemoOrg org, YearMonth ym) {
        long[] t = org.monthTotals.get(ym);
        List<Line> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        Map<String, Long> usage = new HashMap<>();
        usage.put("events", t[0]);
        usage.put("ai_tokens", t[1]);
        if (t[3] > 0) {
            usage.put("storage_gb", t[2] / t[3]); // the month's average of daily snapshots, whole GB
        }
        RatingFacts facts = new RatingFacts(RatingFacts.Interval.MONTH, null, Map.of(), org.byoLlm, null, BigDecimal.ZERO, 0);
        Rating r = RatingEngine.rate(run.catalog.plan(planCode(org)).orElseThrow(), run.catalog.addOnsByCode(), facts, usage);
        for (RatedLine l : r.lines()) {
            if (l.kind() == RatedLine.Kind.OVERAGE && l.amountMinor() > 0) {
                out.add(new Line("overage", l.description(), l.code(), l.quantity(), null, l.amountMinor()));
            }
        }
        return out;
    }
}
