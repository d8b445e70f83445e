package com.antevus.console.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.antevus.console.pricing.CatalogYaml.CatalogFileException;
import com.antevus.console.pricing.CatalogYaml.FileProblem;
import com.antevus.console.rating.Catalogs;
import org.junit.jupiter.api.Test;

class CatalogYamlTest {

    @Test
    void theShippedCatalogsReadBackEqualAfterExport() {
        for (Catalog c : new Catalog[]{Catalogs.antevus(), Catalogs.seed002()}) {
            String yaml = CatalogYaml.write(c, "exported");
            Catalog again = CatalogYaml.parse(yaml, "exported.yaml");
            assertThat(again).isEqualTo(c);
            assertThat(CatalogYaml.write(again, "exported")).isEqualTo(yaml);
        }
    }

    @Test
    void academicVariantsInheritTheBasePlansQuotasAndMeteredPrices() {
        Catalog c = Catalogs.antevus();
        Catalog.PlanSpec core = c.plan("core").orElseThrow();
        Catalog.PlanSpec academic = c.plan("core-academic").orElseThrow();
        assertThat(academic.academicOf()).isEqualTo("core");
        assertThat(academic.quotas()).isEqualTo(core.quotas());
        assertThat(academic.metered()).isEqualTo(core.metered());
        assertThat(academic.monthlyMinor()).isEqualTo(90_000L);
        // per_tb 20.00 is read as 2 cents per GB-month
        assertThat(core.meteredPrice("storage_gb").orElseThrow().unitAmount()).isEqualByComparingTo("2");
    }

    @Test
    void badIndentationNamesItsLine() {
        String yaml = Catalogs.text("antevus.yaml").replace("    name: Core\n    family: core", "    name: Core\n   family: core");
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogYaml.parse(yaml, "broken.yaml"));
        assertThat(e.problems()).isNotEmpty();
        int expectedLine = lineOf(yaml, "   family: core");
        assertThat(e.problems().get(0).line()).isBetween(expectedLine - 1, expectedLine);
        assertThat(e.getMessage()).startsWith("broken.yaml has 1 problem; nothing was changed").contains("not valid YAML");
    }

    @Test
    void aNegativePriceIsReportedAtItsLineAndColumn() {
        String yaml = Catalogs.text("antevus.yaml").replace("monthly: 4000.00", "monthly: -4000.00");
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogYaml.parse(yaml, "c.yaml"));
        FileProblem p = e.problems().get(0);
        assertThat(p.line()).isEqualTo(lineOf(yaml, "monthly: -4000.00"));
        assertThat(p.column()).isEqualTo(yaml.lines().toList().get(p.line() - 1).indexOf("-4000.00") + 1);
        assertThat(p.message()).contains("cannot be negative");
    }

    @Test
    void anUnknownMetricIsReportedAtItsLine() {
        String yaml = Catalogs.text("seed-002-example.yaml").replace("      api_calls: {model: per_unit, price: 0.001}",
                "      api_callz: {model: per_unit, price: 0.001}");
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogYaml.parse(yaml, "c.yaml"));
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(lineOf(yaml, "api_callz:"));
            assertThat(p.message()).contains("unknown metric 'api_callz'");
        });
    }

    @Test
    void theEditorsRulesAreEnforcedOnImport() {
        String base = Catalogs.text("antevus.yaml");
        assertProblem(base.replace("annual: 14400.00", "annual: 18000.01"), "annual: 18000.01", "above twelve monthly prices");
        assertProblem(base.replace("block: 250000", "block: 0"), "block: 0", "block size must be at least 1");
        assertProblem(base.replace("monthly: 900.00", "monthly: 1600.00"), "monthly: 1600.00", "academic price is above");
        assertProblem(base.replace("- code: team\n", "- code: core\n"), "- code: core\n    name: Team", "used twice");
        assertProblem(base.replace("monthly: 1500.00", "monthly: 99999999999999999999.00"), "monthly: 9999", "too large");
        assertProblem(base.replace("monthly: 1500.00", "monthly: 1500.005"), "monthly: 1500.005", "more decimals");
        assertProblem(base.replace("montly", "x").replace("    monthly: 7500.00", "    montly: 7500.00"), "montly", "unknown key 'montly'");
        // a key given twice is a problem at the second, never "the last one wins" ($1,400 where $1,500 was meant first)
        String twice = base.replaceFirst("(\\n(\\s+)monthly: 1500\\.00)", "$1\n$2monthly: 1400.00");
        assertProblem(twice, "monthly: 1400.00", "'monthly' appears twice");
    }

    @Test
    void emptyAndNonCatalogFilesAreRefused() {
        assertThatThrownBy(() -> CatalogYaml.parse("", "e.yaml")).isInstanceOf(CatalogFileException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CatalogYaml.parse("- just\n- a list\n", "l.yaml")).hasMessageContaining("should be a mapping");
        assertThatThrownBy(() -> CatalogYaml.parse("plans: [ {code: x\n", "u.yaml")).hasMessageContaining("line 2");
    }

    private static void assertProblem(String yaml, String at, String message) {
        CatalogFileException e = catchThrowableOfType(CatalogFileException.class, () -> CatalogYaml.parse(yaml, "c.yaml"));
        assertThat(e).as("expected a problem: " + message).isNotNull();
        int line = lineOf(yaml, at);
        assertThat(e.problems()).as(e.getMessage()).anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.message()).contains(message);
        });
    }

    private static int lineOf(String text, String fragment) {
        int idx = text.indexOf(fragment);
        assertThat(idx).as("fragment in text: " + fragment).isNotNegative();
        return (int) text.substring(0, idx).chars().filter(ch -> ch == '\n').count() + 1;
    }
}
