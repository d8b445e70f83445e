package com.antevus.console.demo;

import com.antevus.console.db.CopyWriter;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Organizations across the tiers: companies named from word lists (a second of a name told apart by its city),
 * university labs on their institution's domain, some enterprise with a contract, and their add-ons.
 */
final class OrganizationsDemo extends DemoFamily {
    OrganizationsDemo(DemoRun run) {
        super(run);
    }

    private static final String[] PREFIX = {"Northwind", "Helix", "Cobalt", "Meridian", "Aurora", "Quantum", "Vireo",
            "Lumen", "Sable", "Granite", "Atlas", "Beacon", "Cedar", "Delta", "Ember", "Fathom", "Harbor", "Iris",
            "Juniper", "Keystone", "Larch", "Mosaic", "Nimbus", "Onyx", "Pioneer", "Quartz", "Redwood", "Summit",
            "Tidal", "Umber", "Vector", "Willow", "Zenith", "Alder", "Basalt", "Crescent", "Driftwood", "Evergreen",
            "Foundry", "Glacier", "Halcyon", "Indigo", "Kestrel", "Lattice", "Magnolia", "Northstar", "Obsidian", "Paragon",
            "Quill", "Riverbend", "Sequoia", "Tamarack", "Upland", "Verdant", "Westfield", "Yarrow", "Amberline",
            "Bluefin", "Copperleaf", "Dunmore", "Elmstead", "Fairhaven", "Greyfield", "Hawthorne", "Ironwood",
            "Jasper", "Kingsbridge", "Lodestar", "Marlow", "Newhaven", "Oakridge", "Pembroke", "Ridgeline",
            "Silverlake", "Thornbury", "Vantage", "Windmere", "Ashgrove"};
    private static final String[] SUFFIX = {"Labs", "Biosciences", "Diagnostics", "Therapeutics", "Analytics",
            "Genomics", "Instruments", "BioWorks", "Research", "Pharma", "Materials", "Clinical", "Sciences",
            "Biologics", "Chemistry", "Bio", "Laboratories", "Life Sciences", "Proteomics", "Biotech", "Labworks",
            "Scientific", "Medical", "Cell Systems", "Molecular"};
    private static final String[][] UNIVERSITIES = {
            {"Stanford University", "stanford.edu", "US"}, {"University of Oxford", "ox.ac.uk", "GB"},
            {"ETH Zurich", "ethz.ch", "CH"}, {"University of Toronto", "utoronto.ca", "CA"},
            {"MIT", "mit.edu", "US"}, {"University of Cambridge", "cam.ac.uk", "GB"},
            {"Karolinska Institutet", "ki.se", "SE"}, {"University of Melbourne", "unimelb.edu.au", "AU"},
            {"TU Munich", "tum.de", "DE"}, {"University of Michigan", "umich.edu", "US"},
            {"Imperial College London", "imperial.ac.uk", "GB"}, {"National University of Singapore", "nus.edu.sg", "SG"},
            {"University of Washington", "uw.edu", "US"}, {"McGill University", "mcgill.ca", "CA"},
            {"Kyoto University", "kyoto-u.ac.jp", "JP"}, {"Johns Hopkins University", "jhu.edu", "US"}};
    private static final String[] SURNAMES = {"Chen", "Okafor", "Nakamura", "Schmidt", "Patel", "Garcia", "Kowalski",
            "Andersson", "Haddad", "Moreau", "Rossi", "Kim", "Novak", "Oduya", "Fischer", "Silva", "Ivanova", "Murphy",
            "Tanaka", "Dubois", "Lindqvist", "Mensah", "Alvarez", "Singh", "Cohen", "Bauer", "Yilmaz", "Park", "Walsh", "Costa"};
    private static final String[] COUNTRIES = {"US", "US", "US", "US", "GB", "DE", "CA", "FR", "NL", "CH", "SE", "AU"};

    List<DemoOrg> makeOrganizations() {
        List<DemoOrg> orgs = new ArrayList<>(o.orgs());
        Map<String, Integer> seen = new HashMap<>();
        LocalDate earliest = usageStart.minusMonths(18);
        for (int i = 0; i < o.orgs(); i++) {
            DemoOrg org = new DemoOrg();
            org.id = uuid();
            double tierDraw = rnd.nextDouble();
            org.enterprise = tierDraw >= 0.92;
            org.tier = org.enterprise ? null : tierDraw < 0.50 ? CORE : tierDraw < 0.78 ? TEAM : SCALE;
            org.academic = !org.enterprise && org.tier != SCALE ? rnd.nextDouble() < 0.22 : !org.enterprise && rnd.nextDouble() < 0.08;
            if (org.academic) {
                String[] uni = pick(UNIVERSITIES);
                String base = pick(SURNAMES) + " Lab, " + uni[0];
                org.name = unique(seen, base);
                org.domain = uni[1];
                org.country = uni[2];
            } else {
                String base = pick(PREFIX) + " " + pick(SUFFIX);
                org.name = unique(seen, base);
                org.domain = org.name.toLowerCase().replaceAll("[^a-z0-9]+", "") + (rnd.nextInt(5) == 0 ? ".io" : ".com");
                org.country = pick(COUNTRIES);
            }
            org.email = (org.academic ? "lab-admin" : "billing") + "@" + org.domain;
            org.healthData = rnd.nextDouble() < (org.enterprise ? 0.45 : 0.12);
            org.byoLlm = rnd.nextDouble() < 0.1;
            // most customers predate the usage window; about one in eight joined during it
            org.createdOn = rnd.nextDouble() < 0.12
                    ? usageStart.plusDays(rnd.nextInt((int) Math.max(1, usageStart.until(usageEnd.minusDays(20), java.time.temporal.ChronoUnit.DAYS))))
                    : earliest.plusDays(rnd.nextInt((int) earliest.until(usageStart, java.time.temporal.ChronoUnit.DAYS)));
            double statusDraw = rnd.nextDouble();
            org.status = statusDraw < 0.03 ? "canceled" : statusDraw < 0.06 ? "past_due"
                    : statusDraw < 0.08 && org.createdOn.isAfter(usageEnd.minusDays(45)) ? "trialing" : "active";
            org.interval = org.enterprise || rnd.nextDouble() < 0.22 ? "year" : "month";
            org.growth = between(-0.02, 0.06);
            boolean over = !org.enterprise && !"canceled".equals(org.status) && rnd.nextDouble() < 0.165;
            int overMetric = rnd.nextDouble() < 0.6 ? 0 : rnd.nextDouble() < 0.6 ? 1 : 2;
            for (int m = 0; m < 3; m++) {
                org.utilization[m] = over && m == overMetric ? between(1.08, 1.9) : between(0.2, 0.9);
            }
            if (org.enterprise) {
                org.contractId = uuid();
                org.contractAnnual = (100 + rnd.nextInt(400)) * 120_000L; // multiples of $1,200, $120k to $600k
                org.contractSchedule = pick(new String[]{"annual_upfront", "quarterly", "monthly"});
                org.paymentTerms = pick(new String[]{"net30", "net45", "net60"});
                org.contractStart = o.today().minusMonths(1 + rnd.nextInt(30)).withDayOfMonth(1);
            }
            for (AddOn a : ADD_ONS) {
                double p = switch (a.code()) {
                    case "compliance-pack" -> org.enterprise || org.tier == SCALE ? 0.45 : 0.1;
                    case "premium-connector" -> 0.2;
                    case "extra-agent" -> 0.12;
                    case "extra-site" -> 0.08;
                    default -> org.tier == CORE ? 0.04 : 0.15;
                };
                if (rnd.nextDouble() < p) {
                    org.addOns.add(a);
                }
            }
            orgs.add(org);
        }
        return orgs;
    }

    private static String unique(Map<String, Integer> seen, String base) {
        int n = seen.merge(base, 1, Integer::sum);
        if (n == 1) {
            return base;
        }
        // a second company of the same name is told apart by its city, as people do
        String[] cities = {"Boston", "Basel", "San Diego", "Cambridge", "Munich", "Austin", "Leiden", "Toronto",
                "Durham", "Lyon", "Oslo", "Denver"};
        String candidate = base + " " + cities[(n - 2) % cities.length];
        return n - 2 < cities.length ? candidate : candidate + " " + ((n - 2) / cities.length + 1);
    }

    /** The organizations' rows. */
    void write(List<DemoOrg> orgs) throws SQLException {
        try (CopyWriter w = new CopyWriter(c, "organizations", "id, name, billing_email, domain, country, is_academic, "
                + "academic_verified_at, academic_domain, is_enterprise, handles_health_data, byo_llm, created_at, updated_at")) {
            for (DemoOrg org : orgs) {
                OffsetDateTime created = org.createdOn.atTime(9 + rnd.nextInt(8), rnd.nextInt(60)).atOffset(ZoneOffset.UTC);
                w.value(org.id).value(org.name).value(org.email).value(org.domain).value(org.country)
                        .value(org.academic);
                if (org.academic) {
                    w.value(created.plusDays(1 + rnd.nextInt(4))).value(org.domain);
                } else {
                    w.nullValue().nullValue();
                }
                w.value(org.enterprise).value(org.healthData).value(org.byoLlm).value(created).value(created);
                w.endRow();
            }
        }
    }
}
