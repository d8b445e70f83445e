package com.antevus.console.demo;

import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Academic verifications: the approved ones behind academic organizations, and a queue of pending ones to decide. */
final class VerificationsDemo extends DemoFamily {
    VerificationsDemo(DemoRun run) {
        super(run);
    }

    private static final String[][] PENDING_DOMAINS = {
            {"Harvard University", "harvard.edu"}, {"University of Edinburgh", "ed.ac.uk"},
            {"Universidade de São Paulo", "usp.br"}, {"Seoul National University", "snu.ac.kr"},
            {"University of Cape Town", "uct.ac.za"}, {"Universität Heidelberg", "uni-heidelberg.de"},
            {"UC Berkeley", "berkeley.edu"}, {"Monash University", "monash.edu"},
            {null, "gmail.com"}, {null, "outlook.com"}, {"Institute of Technology (unverified)", "biolab-research.org"}};

    int write(List<DemoOrg> orgs) throws SQLException {
        int pending = 0;
        try (CopyWriter w = new CopyWriter(c, "academic_verifications", "organization_id, id, requester_email, institution, "
                + "email_domain, method, sheerid_reference, evidence, status, submitted_at, decided_at, decided_by, "
                + "decision_reason, reverify_due")) {
            for (DemoOrg org : orgs) {
                if (org.academic) {
                    OffsetDateTime submitted = org.createdOn.atTime(10, 0).atOffset(ZoneOffset.UTC);
                    String method = pick(new String[]{"auto", "auto", "manual", "sheerid"});
                    w.value(org.id).value(uuid()).value("pi@" + org.domain).value(org.name.substring(org.name.lastIndexOf(", ") + 2))
                            .value(org.domain).value(method)
                            .value(method.equals("sheerid") ? "SID-" + Long.toHexString(rnd.nextLong()).substring(0, 10) : null)
                            .value("{\"notes\": \"Verified against the institution's domain\"}")
                            .value("approved").value(submitted).value(submitted.plusDays(1))
                            .value(method.equals("auto") ? "auto-domain-match" : pick(new String[]{"maya.support", "li.support", "sam.support"}))
                            .nullValue().value(submitted.toLocalDate().plusMonths(12));
                    w.endRow();
                } else if (!org.enterprise && (org.tier == CORE || org.tier == TEAM) && rnd.nextDouble() < 0.07) {
                    String[] d = pick(PENDING_DOMAINS);
                    String method = d[0] == null ? "manual" : pick(new String[]{"auto", "manual", "sheerid"});
                    OffsetDateTime submitted = o.asOf().atOffset(ZoneOffset.UTC).minusHours(6 + rnd.nextInt(24 * 9));
                    boolean info = rnd.nextDouble() < 0.2;
                    w.value(org.id).value(uuid()).value(pick(new String[]{"pi", "lab.manager", "research.admin", "j.doe"}) + "@" + d[1])
                            .value(d[0]).value(d[1]).value(method)
                            .value(method.equals("sheerid") ? "SID-" + Long.toHexString(rnd.nextLong()).substring(0, 10) : null)
                            .value(d[0] == null ? "{\"notes\": \"Requester used a personal address\"}"
                                    : "{\"links\": [\"https://" + d[1] + "/research\"]}")
                            .value(info ? "info_requested" : "pending").value(submitted)
                            .nullValue().nullValue().value(info ? "Please send a faculty page that lists you" : null).nullValue();
                    w.endRow();
                    pending++;
                }
            }
        }
        return pending;
    }
}
