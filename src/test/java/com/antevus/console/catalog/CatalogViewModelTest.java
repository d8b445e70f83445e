package com.antevus.console.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.pricing.ShippedCatalogs;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.demo.DemoData;
import com.antevus.console.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog screen's state without a window: import from a file, a broken file, export. */
class CatalogViewModelTest {
    /** The instant this test lives at. */
    static final java.time.Clock CLOCK = com.antevus.console.support.TestClocks.at(com.antevus.console.support.TestClocks.NOV_22_2026_NOON);
    @TempDir
    Path dir;

    @Test
    void importFromTheWindowPreviewsThenSavesADraftAndABrokenFileChangesNothing() throws Exception {
        DataSource ds = TestPostgres.dataSource(TestPostgres.freshDatabase("catalogvm"), "postgres");
        DemoData.load(ds, new DemoData.Options(20, 1, 3, java.time.Instant.parse("2026-11-22T12:00:00Z"), 1), false);
        CatalogService service = new CatalogService(ds, () -> {
            throw new AssertionError("no Stripe call expected");
        }, CLOCK);
        CatalogViewModel vm = new CatalogViewModel(service, new InlineTaskExecutor());
        vm.load();
        assertThat(vm.versions()).hasSize(1);
        assertThat(vm.editableProperty().get()).isFalse();

        Path broken = dir.resolve("broken.yaml");
        Files.writeString(broken, ShippedCatalogs.text(ShippedCatalogs.SEED_002).replace("price: 0.10}", "price: -0.10}"));
        CatalogService.ImportPreview[] shown = new CatalogService.ImportPreview[1];
        vm.previewImport(broken, p -> shown[0] = p);
        assertThat(shown[0]).isNull();
        assertThat(vm.errorProperty().get()).contains("broken.yaml, line").contains("a price cannot be negative");
        assertThat(service.versions()).hasSize(1);

        Path good = dir.resolve("seed-002.yaml");
        Files.writeString(good, ShippedCatalogs.text(ShippedCatalogs.SEED_002));
        vm.previewImport(good, p -> shown[0] = p);
        assertThat(shown[0].changes()).anySatisfy(c -> assertThat(c.toString()).isEqualTo("+ plan standard: Standard, $99.00 a month"));
        vm.applyImport(shown[0], "seed-002.yaml", false);
        assertThat(vm.versions()).hasSize(2);
        assertThat(vm.versionProperty().get().isDraft()).isTrue();
        assertThat(vm.editableProperty().get()).isTrue();
        assertThat(vm.editor().plans()).extracting(p -> p.code()).containsExactly("free", "standard", "enterprise");

        Path out = dir.resolve("out.yaml");
        vm.export(out);
        assertThat(service.preview(Files.readString(out), "out.yaml").catalog()).isEqualTo(service.load(vm.versionProperty().get().id()));
    }
}
