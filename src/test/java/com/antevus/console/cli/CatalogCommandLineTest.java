package com.antevus.console.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.pricing.ShippedCatalogs;
import com.antevus.console.cli.CommandLineTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 4's acceptance, driven the way a script would on a fresh --home: export, dry run, import, rate, publish. */
class CatalogCommandLineTest {
    @TempDir
    Path home;
    @TempDir
    Path files;

    private Run run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--home";
        all[1] = home.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CommandLineTest.run(all);
    }

    @Test
    void exportImportRateAndPublishOnAFreshHome() throws Exception {
        Path exported = files.resolve("catalog.yaml");
        Run export = run("catalog", "export", exported.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.err()).contains("loaded the demo data");
        assertThat(Files.readString(exported)).contains("code: core-academic").contains("monthly: 900.00");

        Run dry = run("catalog", "import", exported.toString(), "--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("no changes").contains("Dry run: nothing was written.");

        // a broken file names its line and writes nothing
        Path broken = files.resolve("broken.yaml");
        Files.writeString(broken, Files.readString(exported).replace("monthly: 4000.00", "monthly: -4000.00")
                .replace("storage_gb: {model: per_gb_month, price: 0.012}", "storage_tb: {model: per_gb_month, price: 0.012}"));
        Run bad = run("catalog", "import", broken.toString());
        assertThat(bad.code()).isEqualTo(1);
        int negativeLine = lineOf(Files.readString(broken), "monthly: -4000.00");
        int unknownLine = lineOf(Files.readString(broken), "storage_tb:");
        assertThat(bad.err()).contains("nothing was changed").contains("broken.yaml, line " + negativeLine + ", column")
                .contains("a price cannot be negative").contains("line " + unknownLine).contains("unknown metric 'storage_tb'");
        Run versions = run("catalog", "versions");
        assertThat(versions.out().lines().filter(l -> l.startsWith("v"))).hasSize(1);

        Path seed002 = files.resolve("seed-002-example.yaml");
        Files.writeString(seed002, ShippedCatalogs.text(ShippedCatalogs.SEED_002));
        Run imported = run("catalog", "import", seed002.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("+ plan standard").contains("Saved as draft v2");

        Run rated = run("rate", "--plan", "standard", "--usage",
                "llm_tokens=1500000,agent_executions=5500,api_calls=120000,storage_gb=105,user_seats=27", "--json");
        assertThat(rated.code()).as(rated.err()).isZero();
        assertThat(rated.out()).contains("\"total_minor\": 18650");
        JsonNode json = new ObjectMapper().readTree(rated.out());
        assertThat(json.get("currency").asText()).isEqualTo("USD");
        long sum = 0;
        for (JsonNode line : json.get("lines")) {
            sum += line.get("amount_minor").asLong();
            assertThat(line.has("kind") && line.has("code") && line.has("description") && line.has("quantity")).isTrue();
        }
        assertThat(sum).isEqualTo(json.get("total_minor").asLong());

        Run core = run("rate", "--plan", "core", "--usage", "events=1.6M", "--json");
        assertThat(new ObjectMapper().readTree(core.out()).get("total_minor").asLong()).isEqualTo(1500_00 + 300_00);
        Run negative = run("rate", "--plan", "core", "--usage", "events=-5");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains("cannot be negative");

        Run publish = run("catalog", "publish", "--version", "2", "--existing", "grandfather");
        assertThat(publish.code()).as(publish.err()).isZero();
        assertThat(publish.out()).contains("Published v2").containsPattern("Stripe: \\d+ products and [1-9]\\d* prices created");
        Run again = run("catalog", "publish", "--version", "2", "--existing", "grandfather");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Stripe: 0 products and 0 prices created").doesNotContain("Published v2");
    }

    private static int lineOf(String text, String fragment) {
        int idx = text.indexOf(fragment);
        assertThat(idx).isNotNegative();
        return (int) text.substring(0, idx).chars().filter(ch -> ch == '\n').count() + 1;
    }
}
