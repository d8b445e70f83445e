package com.antevus.console.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.verification.AcademicDomains.Verdict;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AcademicDomainsTest {
    private final AcademicDomains shipped = AcademicDomains.shipped();

    @Test
    void theShippedListMatchesInstitutionsIncludingSubdomains() {
        assertThat(shipped.size()).isGreaterThan(20_000);
        AcademicDomains.Check mit = shipped.check("J.Doe@MIT.edu");
        assertThat(mit.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(mit.institution()).isEqualTo("Massachusetts Institute of Technology");
        assertThat(mit.domain()).isEqualTo("mit.edu");
        AcademicDomains.Check cs = shipped.check("lreilly@soft-eng.strath.ac.uk");
        assertThat(cs.verdict()).isEqualTo(Verdict.LISTED);
        assertThat(cs.institution()).isEqualTo("University of Strathclyde");
        assertThat(cs.explanation()).contains("through strath.ac.uk");
        assertThat(mit.autoApprovable()).isTrue();
    }

    @Test
    void heuristicsFreeMailDisposableStoplistAndMalformed() {
        // a small, hand-made data set, so each rule is seen on its own
        AcademicDomains d = new AcademicDomains(Map.of("uni-x.de", "Universität X"), Set.of("ac.be"), Set.of("fake.edu"),
                Set.of("gmail.com"), Set.of("mailinator.com"));
        assertThat(d.check("a@new-college.edu").verdict()).isEqualTo(Verdict.HEURISTIC);
        assertThat(d.check("a@lab.ac.jp").verdict()).isEqualTo(Verdict.HEURISTIC);
        assertThat(d.check("a@dept.uni.edu.au").explanation()).contains(".edu.au");
        assertThat(d.check("a@school.ac.be").verdict()).isEqualTo(Verdict.HEURISTIC);
        assertThat(d.check("a@gmail.com").verdict()).isEqualTo(Verdict.FREE_MAIL);
        assertThat(d.check("a@x.mailinator.com").verdict()).isEqualTo(Verdict.DISPOSABLE);
        assertThat(d.check("a@fake.edu").verdict()).isEqualTo(Verdict.STOPLISTED);
        assertThat(d.check("a@biolab-research.org").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(d.check("a@physik.uni-x.de").institution()).isEqualTo("Universität X");
        for (String bad : new String[]{"", "   ", "@", "nobody", "a@b", "a@-bad-.com", "a@exa mple.com", "a@.edu", "a@x..edu", null}) {
            assertThat(d.check(bad).verdict()).as(String.valueOf(bad)).isEqualTo(Verdict.MALFORMED);
        }
        assertThat(d.check("a@gmail.com").verdict().academic()).isFalse();
    }

    @Test
    void commonProvidersInTheShippedListsAreFlagged() {
        assertThat(shipped.check("someone@gmail.com").verdict()).isEqualTo(Verdict.FREE_MAIL);
        assertThat(shipped.check("someone@outlook.com").verdict()).isEqualTo(Verdict.FREE_MAIL);
        assertThat(shipped.check("someone@mailinator.com").verdict()).isIn(Verdict.DISPOSABLE, Verdict.FREE_MAIL);
    }
}
