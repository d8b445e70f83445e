package com.antevus.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.antevus.console.core.ConfigLoader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A console killed with SIGKILL leaves its PostgreSQL running; the next start on that home stops it and carries on. */
class OrphanedServerTest {
    @TempDir
    Path home;

    @Test
    void theNextStartStopsTheServerAKilledConsoleLeftBehind() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process console = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "com.antevus.console.Main",
                "--home", home.toString(), "--as-of", "2026-11-22T12:00:00Z", "stripe-sandbox", "--port", "0").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("Stripe sandbox listening"));
            assertThat(line).as("the console started its embedded database").isNotNull();
        }
        long orphanPid = Long.parseLong(Files.readAllLines(home.resolve("pgdata/postmaster.pid")).get(0).strip());
        console.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("PostgreSQL outlives a killed console").hasValue(true);

        try (Database db = Database.open(new ConfigLoader(Map.of(), Map.of("os.name", "Linux"))
                .load(new ConfigLoader.Overrides(home, null, null, null)))) {
            assertThat(db.isReachable()).isTrue();
            assertThat(Migrations.migrate(db).applied()).isZero();
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        List<String> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(home.resolve("pgdata").toString())).map(p -> p.info().commandLine().orElse(""))
                .toList();
        assertThat(leftovers).as("no PostgreSQL left on this home").isEmpty();
    }
}
