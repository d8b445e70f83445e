package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void commandLineBeatsEnvironmentWhichBeatsTheHomeFile() throws Exception {
        Files.writeString(tmp.resolve("console.properties"),
                "db.url=jdbc:postgresql://file-host/billing\ndb.user=file-user\ndb.password=file-pw\n"
                        + "stripe.api_key=sk_test_fromfile1234\nstripe.api_base=http://file-base\n");
        ownerOnly(tmp.resolve("console.properties"));
        Map<String, String> env = Map.of("CONSOLE_HOME", tmp.toString(),
                "CONSOLE_DB_URL", "jdbc:postgresql://env-host/billing", "CONSOLE_DB_USER", "env-user");
        ConfigLoader loader = new ConfigLoader(env, Map.of("os.name", "Linux", "user.home", "/home/x"));

        ConsoleConfig fromEnvAndFile = loader.load(ConfigLoader.Overrides.NONE);
        assertThat(fromEnvAndFile.dbUrl()).isEqualTo("jdbc:postgresql://env-host/billing");
        assertThat(fromEnvAndFile.dbUser()).isEqualTo("env-user");
        assertThat(fromEnvAndFile.dbPassword().reveal()).isEqualTo("file-pw");
        assertThat(fromEnvAndFile.stripeKey().reveal()).isEqualTo("sk_test_fromfile1234");
        assertThat(fromEnvAndFile.stripeApiBase()).isEqualTo("http://file-base");

        ConsoleConfig withCli = loader.load(new ConfigLoader.Overrides(null, "jdbc:postgresql://cli-host/billing", "cli-user", "cli-pw"));
        assertThat(withCli.dbUrl()).isEqualTo("jdbc:postgresql://cli-host/billing");
        assertThat(withCli.dbUser()).isEqualTo("cli-user");
        assertThat(withCli.dbPassword().reveal()).isEqualTo("cli-pw");
        assertThat(withCli.embeddedDatabase()).isFalse();
    }

    @Test
    void theClockCanBeSetFromTheEnvironmentOrTheCommandLineButNeverWithALiveKey() {
        Map<String, String> env = Map.of("CONSOLE_HOME", tmp.toString(), "CONSOLE_AS_OF", "2027-01-31T23:50:00Z");
        ConsoleConfig fromEnv = new ConfigLoader(env, Map.of("os.name", "Linux")).load(ConfigLoader.Overrides.NONE);
        java.time.Instant set = java.time.Instant.parse("2027-01-31T23:50:00Z");
        assertThat(fromEnv.asOf()).isEqualTo(set);
        // the clock starts at the instant and runs on from there
        assertThat(fromEnv.clock().instant()).isBetween(set, set.plusSeconds(60));
        ConsoleConfig fromCli = new ConfigLoader(env, Map.of("os.name", "Linux"))
                .load(new ConfigLoader.Overrides(null, null, null, null, "2028-02-29"));
        assertThat(fromCli.asOf()).as("a day is noon UTC; the command line wins").isEqualTo(java.time.Instant.parse("2028-02-29T12:00:00Z"));
        assertThat(ConsoleClock.parseAsOf("2027-01-31T23:50:00+01:00")).isEqualTo(java.time.Instant.parse("2027-01-31T22:50:00Z"));
        assertThat(ConsoleClock.parseAsOf("2027-01-31T23:50")).isEqualTo(java.time.Instant.parse("2027-01-31T23:50:00Z"));
        assertThatThrownBy(() -> ConsoleClock.parseAsOf("2027-02-30")).hasMessageContaining("'2027-02-30' is not a time");
        assertThat(new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString()), Map.of("os.name", "Linux"))
                .load(ConfigLoader.Overrides.NONE).clockSet()).isFalse();

        Map<String, String> live = Map.of("CONSOLE_HOME", tmp.toString(), "CONSOLE_AS_OF", "2027-01-31T23:50:00Z",
                "STRIPE_API_KEY", "sk_live_notreal0000000000000000");
        assertThatThrownBy(() -> new ConfigLoader(live, Map.of("os.name", "Linux")).load(ConfigLoader.Overrides.NONE))
                .hasMessageContaining("cannot be set").hasMessageContaining("live Stripe key").hasMessageNotContaining("sk_live_");
    }

    private static void ownerOnly(Path file) throws Exception {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aConfigFileWithASecretThatOthersCanReadIsRefused() throws Exception {
        Path file = tmp.resolve("console.properties");
        Files.writeString(file, "stripe.environment=test\nstripe.test.api_key=sk_test_perm0042\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        ConfigLoader loader = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString()), Map.of("os.name", "Linux"));
        assertThatThrownBy(() -> loader.load(ConfigLoader.Overrides.NONE)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("other users on this machine can read it").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("sk_test_perm0042");
        ownerOnly(file);
        assertThat(loader.load(ConfigLoader.Overrides.NONE).stripeKey().reveal()).isEqualTo("sk_test_perm0042");

        // a password inside the URL makes the file a secret as well
        Files.writeString(file, "db.url=jdbc:postgresql://db.example.com/billing?user=fin&Password=inTheUrl77\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> loader.load(ConfigLoader.Overrides.NONE)).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("inTheUrl77");
    }

    @Test
    void stripeKeysArePerEnvironment() throws Exception {
        Path file = tmp.resolve("console.properties");
        Files.writeString(file, "stripe.environment=live\nstripe.test.api_key=sk_test_aaaa1111\nstripe.live.api_key=sk_live_bbbb2222\n");
        ownerOnly(file);
        ConfigLoader live = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString()), Map.of("os.name", "Linux"));
        assertThat(live.load(ConfigLoader.Overrides.NONE).stripeKey().reveal()).isEqualTo("sk_live_bbbb2222");
        assertThat(live.load(ConfigLoader.Overrides.NONE).stripeMode()).isEqualTo(StripeMode.LIVE);
        ConfigLoader test = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString(), "CONSOLE_STRIPE_ENV", "test"), Map.of("os.name", "Linux"));
        assertThat(test.load(ConfigLoader.Overrides.NONE).stripeKey().reveal()).isEqualTo("sk_test_aaaa1111");
        ConfigLoader sandbox = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString(), "CONSOLE_STRIPE_ENV", "sandbox"), Map.of("os.name", "Linux"));
        assertThat(sandbox.load(ConfigLoader.Overrides.NONE).stripeKey()).isNull();
        ConfigLoader wrong = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString(), "CONSOLE_STRIPE_ENV", "prod"), Map.of("os.name", "Linux"));
        assertThatThrownBy(() -> wrong.load(ConfigLoader.Overrides.NONE)).hasMessageContaining("use sandbox, test or live");
    }

    @Test
    void noUrlMeansTheEmbeddedDatabaseAndHomeDefaultsToXdgDataHome() {
        ConfigLoader loader = new ConfigLoader(Map.of("XDG_DATA_HOME", tmp.resolve("xdg").toString()),
                Map.of("os.name", "Linux", "user.home", "/home/x"));
        ConsoleConfig c = loader.load(ConfigLoader.Overrides.NONE);
        assertThat(c.embeddedDatabase()).isTrue();
        assertThat(c.home()).isEqualTo(tmp.resolve("xdg").resolve("billing-console"));
        assertThat(c.stripeMode()).isEqualTo(StripeMode.SANDBOX);
    }

    @Test
    void withoutXdgTheHomeIsUnderDotLocalShare() {
        ConfigLoader loader = new ConfigLoader(Map.of(), Map.of("os.name", "Linux", "user.home", "/home/fin"));
        assertThat(loader.load(ConfigLoader.Overrides.NONE).home()).isEqualTo(Path.of("/home/fin/.local/share/billing-console"));
    }

    @Test
    void secretsNeverAppearInToString() {
        ConfigLoader loader = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString(),
                "CONSOLE_DB_PASSWORD", "hunter2-secret", "STRIPE_API_KEY", "sk_live_abcdefgh9876"),
                Map.of("os.name", "Linux", "user.home", "/x"));
        ConsoleConfig c = loader.load(ConfigLoader.Overrides.NONE);
        assertThat(c.toString()).doesNotContain("hunter2-secret").doesNotContain("sk_live_abcdefgh9876");
        assertThat(c.dbPassword().toString()).isEqualTo("****");
        assertThat(c.stripeMode()).isEqualTo(StripeMode.LIVE);
        assertThat(StripeMode.describe(c.stripeKey())).isEqualTo("LIVE \u00b7\u00b7\u00b7\u00b79876").doesNotContain("abcdefgh");
    }

    @Test
    void aKeyThatIsNotAStripeKeyIsRefusedBeforeAnythingIsSent() {
        for (String bad : new String[]{"pk_test_publishable1234", "sk_prod_abcdef123456", "whsec_abcdef123456", "sk_test_x9", "sk_test_ab cd"}) {
            ConfigLoader loader = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString(), "STRIPE_API_KEY", bad), Map.of("os.name", "Linux"));
            assertThatThrownBy(() -> loader.load(ConfigLoader.Overrides.NONE)).as(bad)
                    .hasMessageContaining("does not look like a Stripe secret or restricted key").hasMessageNotContaining(bad);
        }
        assertThat(new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString(), "STRIPE_API_KEY", "rk_live_abcd1234"), Map.of("os.name", "Linux"))
                .load(ConfigLoader.Overrides.NONE).stripeMode()).isEqualTo(StripeMode.LIVE);
    }

    @Test
    void restrictedTestKeyIsTestMode() {
        assertThat(StripeMode.of(Secret.ofNullable("rk_test_123456"))).isEqualTo(StripeMode.TEST);
        assertThat(StripeMode.of(Secret.ofNullable("rk_live_123456"))).isEqualTo(StripeMode.LIVE);
        assertThat(StripeMode.of(Secret.ofNullable("   "))).isEqualTo(StripeMode.SANDBOX);
    }

    @Test
    void aBinaryPropertiesFileIsRefused() throws Exception {
        Files.write(tmp.resolve("console.properties"), new byte[]{'d', 'b', '.', 'u', 'r', 'l', '=', 0, 1, 2, (byte) 0xff, 'x'});
        ConfigLoader loader = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString()), Map.of("os.name", "Linux"));
        assertThatThrownBy(() -> loader.load(ConfigLoader.Overrides.NONE)).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("is not a text file");
    }

    @Test
    void anUnreadablePropertiesFileIsAPlainError() throws Exception {
        Files.createDirectories(tmp.resolve("console.properties")); // a directory where a file should be
        ConfigLoader loader = new ConfigLoader(Map.of("CONSOLE_HOME", tmp.toString()), Map.of("os.name", "Linux"));
        // a directory is not a regular file: ignored rather than crashing
        assertThat(loader.load(ConfigLoader.Overrides.NONE).dbUrl()).isNull();
        Files.delete(tmp.resolve("console.properties"));
        Files.writeString(tmp.resolve("console.properties"), "db.url=\\u00zz\n");
        assertThatThrownBy(() -> loader.load(ConfigLoader.Overrides.NONE))
                .isInstanceOf(UserFacingException.class).hasMessageContaining("console.properties");
    }
}
