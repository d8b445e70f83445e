package com.antevus.console.demo;

import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The enterprise organizations' contracts and their documents (MSA, order form, DPA, and a BAA for health data). */
final class ContractsDemo extends DemoFamily {
    ContractsDemo(DemoRun run) {
        super(run);
    }

    void write(List<DemoOrg> orgs) throws SQLException {
        try (CopyWriter w = new CopyWriter(c, "contracts", "organization_id, id, status, currency, annual_value_minor, "
                + "billing_schedule, payment_terms, starts_on, ends_on, auto_renew, notice_days, discount_pct, overrides")) {
            for (DemoOrg org : orgs) {
                if (!org.enterprise) {
                    continue;
                }
                int years = 1 + rnd.nextInt(3);
                LocalDate ends = org.contractStart.plusYears(years);
                while (!ends.isAfter(o.today())) {
                    ends = ends.plusYears(1); // renewed for whole years, as the contract rules require
                }
                w.value(org.id).value(org.contractId).value("active").value(CURRENCY).value(org.contractAnnual)
                        .value(org.contractSchedule).value(org.paymentTerms).value(org.contractStart).value(ends)
                        .value(rnd.nextDouble() < 0.6).value(pick(new String[]{"30", "60", "90"}))
                        .value(pick(new String[]{"0", "5", "10", "15"}))
                        .value("{\"quotas\": {\"instruments\": 200, \"seats\": 150, \"sites\": 6, \"agents\": 12, "
                                + "\"events\": 20000000, \"ai_tokens\": 5000000, \"storage_gb\": 12000}}");
                w.endRow();
            }
        }
        try (CopyWriter w = new CopyWriter(c, "contract_documents", "organization_id, id, contract_id, kind, status, "
                + "signed_on, expires_on, url")) {
            for (DemoOrg org : orgs) {
                if (!org.enterprise) {
                    continue;
                }
                List<String> kinds = new ArrayList<>(List.of("msa", "order_form", "dpa"));
                if (org.healthData) {
                    kinds.add("baa");
                }
                for (String kind : kinds) {
                    boolean signed = switch (kind) {
                        case "msa", "order_form" -> true;
                        case "dpa" -> rnd.nextDouble() < 0.9;
                        default -> rnd.nextDouble() < 0.7; // some health-data customers lack a signed BAA
                    };
                    LocalDate signedOn = org.contractStart.minusDays(rnd.nextInt(20));
                    w.value(org.id).value(uuid()).value(org.contractId).value(kind)
                            .value(signed ? "signed" : rnd.nextBoolean() ? "sent" : "draft");
                    if (signed) {
                        w.value(signedOn).value(kind.equals("msa") ? signedOn.plusYears(5) : null);
                    } else {
                        w.nullValue().nullValue();
                    }
                    w.value("https://contracts.example.com/" + org.domain + "/" + kind + ".pdf");
                    w.endRow();
                }
            }
        }
    }
}
