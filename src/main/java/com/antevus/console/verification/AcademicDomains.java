package com.antevus.console.verification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Is this e-mail domain an academic institution's? Checks the shipped JetBrains/swot list (domains with their
 * institution, academic TLDs, a stoplist of domains that are not), then heuristics ({@code .edu}, {@code .edu.xx},
 * {@code .ac.xx}), and flags free-mail and disposable domains. Pure: no I/O after loading the shipped data once.
 * The data lives in {@code src/main/resources/academic/} with its licences; {@code src/tools/refresh-academic-domains.sh}
 * refreshes it from the npm registry.
 */
public final class AcademicDomains {
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static volatile AcademicDomains shipped;

    private final Map<String, String> institutions;
    private final Set<String> academicTlds;
    private final Set<String> stoplist;
    private final Set<String> freeMail;
    private final Set<String> disposable;

    /** How a domain was judged. */
    public enum Verdict {
        /** In the academic list, with the matched institution. */
        LISTED(true),
        /** Not listed, but an academic suffix (.edu, .ac.xx, .edu.xx, an academic TLD). */
        HEURISTIC(true),
        /** Looks like a company or organization domain; needs evidence. */
        UNKNOWN(false),
        /** A free mail provider: says nothing about the person. */
        FREE_MAIL(false),
        /** A throwaway address. */
        DISPOSABLE(false),
        /** On swot's stoplist: under an academic suffix but known not to be an institution. */
        STOPLISTED(false),
        /** Not a domain at all. */
        MALFORMED(false);

        private final boolean academic;

        Verdict(boolean academic) {
            this.academic = academic;
        }

        public boolean academic() {
            return academic;
        }
    }

    /** The check's answer: the normalized domain, the verdict, the matched institution (if any) and why, in words. */
    public record Check(String domain, Verdict verdict, String institution, String explanation) {
        public boolean autoApprovable() {
            return verdict == Verdict.LISTED;
        }
    }

    AcademicDomains(Map<String, String> institutions, Set<String> academicTlds, Set<String> stoplist, Set<String> freeMail,
                    Set<String> disposable) {
        this.institutions = institutions;
        this.academicTlds = academicTlds;
        this.stoplist = stoplist;
        this.freeMail = freeMail;
        this.disposable = disposable;
    }

    /** The shipped data, loaded once (about 24,000 academic and 135,000 free-mail or disposable domains). */
    public static AcademicDomains shipped() {
        AcademicDomains d = shipped;
        if (d == null) {
            synchronized (AcademicDomains.class) {
                d = shipped;
                if (d == null) {
                    Map<String, String> inst = new HashMap<>(40_000);
                    lines("swot-domains.tsv.gz", line -> {
                        int tab = line.indexOf('\t');
                        if (tab > 0) {
                            inst.put(line.substring(0, tab), line.substring(tab + 1));
                        }
                    });
                    d = new AcademicDomains(inst, set("swot-tlds.txt"), set("swot-stoplist.txt"), set("free-mail-domains.txt"),
                            set("disposable-domains.txt.gz"));
                    shipped = d;
                }
            }
        }
        return d;
    }

    public int size() {
        return institutions.size();
    }

    /** Checks an e-mail address or a bare domain. */
    public Check check(String emailOrDomain) {
        String raw = emailOrDomain == null ? "" : emailOrDomain.strip().toLowerCase(Locale.ROOT);
        int at = raw.lastIndexOf('@');
        String domain = at >= 0 ? raw.substring(at + 1) : raw;
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.isEmpty() || !DOMAIN.matcher(domain).matches() || (at >= 0 && at == 0)) {
            return new Check(domain, Verdict.MALFORMED, null, "'" + (emailOrDomain == null ? "" : emailOrDomain.strip())
                    + "' is not an e-mail domain.");
        }
        if (within(domain, disposable)) {
            return new Check(domain, Verdict.DISPOSABLE, null, domain + " is a disposable (throwaway) mail domain.");
        }
        if (within(domain, freeMail)) {
            return new Check(domain, Verdict.FREE_MAIL, null, domain + " is a free mail provider; it does not show an affiliation.");
        }
        if (within(domain, stoplist)) {
            return new Check(domain, Verdict.STOPLISTED, null, domain + " is on the academic list's stoplist: not an institution.");
        }
        for (String d = domain; d != null; d = parent(d)) {
            String name = institutions.get(d);
            if (name != null) {
                return new Check(domain, Verdict.LISTED, name, d.equals(domain) ? "Listed: " + name + "."
                        : "Listed through " + d + ": " + name + ".");
            }
        }
        String suffix = academicSuffix(domain);
        if (suffix != null) {
            return new Check(domain, Verdict.HEURISTIC, null, "Not listed, but under the academic suffix ." + suffix
                    + "; check the institution.");
        }
        return new Check(domain, Verdict.UNKNOWN, null, domain + " is not a known academic domain; approve only with evidence.");
    }

    /** The academic suffix the domain is under: edu, edu.xx, ac.xx, or one of swot's academic TLDs; null if none. */
    private String academicSuffix(String domain) {
        String[] labels = domain.split("\\.");
        int n = labels.length;
        if (labels[n - 1].equals("edu")) {
            return "edu";
        }
        if (n >= 3 && labels[n - 1].length() == 2 && (labels[n - 2].equals("edu") || labels[n - 2].equals("ac"))) {
            return labels[n - 2] + "." + labels[n - 1];
        }
        for (String d = parent(domain); d != null; d = parent(d)) {
            if (academicTlds.contains(d)) {
                return d;
            }
        }
        return null;
    }

    private static boolean within(String domain, Set<String> set) {
        for (String d = domain; d != null; d = parent(d)) {
            if (set.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** "cs.mit.edu" → "mit.edu" → "edu" → null. */
    private static String parent(String domain) {
        int dot = domain.indexOf('.');
        return dot < 0 ? null : domain.substring(dot + 1);
    }

    private static Set<String> set(String resource) {
        Set<String> out = new HashSet<>();
        lines(resource, out::add);
        return out;
    }

    private static void lines(String resource, java.util.function.Consumer<String> each) {
        try (InputStream raw = AcademicDomains.class.getResourceAsStream("/academic/" + resource)) {
            if (raw == null) {
                throw new IllegalStateException("The shipped academic-domain data is missing: /academic/" + resource);
            }
            InputStream in = resource.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
                for (String line; (line = r.readLine()) != null; ) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        each.accept(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
