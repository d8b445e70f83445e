package com.antevus.console.orgs;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.ConfigLoader;
import com.antevus.console.core.InlineTaskExecutor;
import com.antevus.console.demo.DemoData;
import com.antevus.console.shell.ConsoleContext;
import com.antevus.console.shell.Startup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database goes away, the list says so in one sentence and keeps what it showed. */
class LostConnectionTest {
    @TempDir
    Path home;

    @Test
    void aLostServerGivesAPlainMessageAndKeepsTheRowsAlreadyShown() throws Exception {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres";
        var config = new ConfigLoader(Map.of(), Map.of("os.name", "Linux")).load(new ConfigLoader.Overrides(home, url, "postgres", null));
        try (ConsoleContext ctx = Startup.start(config, m -> { }, Runnable::run)) {
            DemoData.load(ctx.database(), new DemoData.Options(25, 1, 9, java.time.Instant.parse("2026-11-22T12:00:00Z"), 1), false);
            OrganizationsViewModel vm = new OrganizationsViewModel(ctx.organizations(), new InlineTaskExecutor());
            vm.load();
            assertThat(vm.rows()).hasSize(25);
            assertThat(vm.errorProperty().get()).isEmpty();

            server.close(); // the server goes away under the console
            vm.load();
            assertThat(vm.busyProperty().get()).isFalse();
            assertThat(vm.errorProperty().get())
                    .startsWith("Lost the connection to the database while loading the organizations.")
                    .doesNotContain("Exception")
                    // a read that fails after a write that completed must not say the write was lost (issue 16, item 6)
                    .doesNotContain("Nothing was saved").contains("anything you saved before this was kept");
            assertThat(vm.rows()).hasSize(25);
            assertThat(ctx.database().isReachable()).isFalse();
        } finally {
            server.close();
        }
    }
}
