package com.antevus.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering in shared/docs/style.md, kept by tests. */
class ArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.antevus.console");
        // a rule over no classes passes vacuously: make sure the console itself was imported
        org.assertj.core.api.Assertions.assertThat(classes.contain("com.antevus.console.stripe.StripeGateway")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.size()).isGreaterThan(50);
    }

    @Test
    void onlyTheStripePackageImportsStripe() {
        noClasses().that().resideOutsideOfPackage("com.antevus.console.stripe..")
                .should().dependOnClassesThat().resideInAPackage("com.stripe..")
                .allowEmptyShould(true).check(classes);
    }

    @Test
    void coreDependsOnNothingElseInTheConsole() {
        noClasses().that().resideInAPackage("com.antevus.console.core..")
                .should().dependOnClassesThat().resideInAnyPackage("com.antevus.console.db..", "com.antevus.console.orgs..",
                        "com.antevus.console.shell..", "com.antevus.console.cli..", "com.antevus.console.catalog..",
                        "com.antevus.console.stripe..", "com.antevus.console.rating..")
                .check(classes);
    }

    @Test
    void theRatingEngineAndCatalogModelArePureJava() {
        // no database, no Stripe, no UI: the same prices in a test, the CLI, the editor's preview and an invoice run
        noClasses().that().resideInAnyPackage("com.antevus.console.rating..", "com.antevus.console.pricing..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.hibernate..", "jakarta.persistence..",
                        "com.antevus.console.db..", "com.antevus.console.stripe..", "com.stripe..", "javafx..",
                        "com.antevus.console.shell..", "com.antevus.console.orgs..")
                .check(classes);
        noClasses().that().resideInAnyPackage("com.antevus.console.rating..", "com.antevus.console.pricing..")
                .should().dependOnClassesThat().resideInAPackage("com.antevus.console.catalog")
                .check(classes);
        // the engine takes values: how a contract stores its overrides (jsonb, through Jackson) is the contracts feature's
        noClasses().that().resideInAPackage("com.antevus.console.rating..")
                .should().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void viewsAndViewModelsNeverTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("View").or().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("org.hibernate..", "java.sql..", "javax.sql..",
                        "jakarta.persistence..", "com.antevus.console.db..", "org.postgresql..")
                .check(classes);
    }

    @Test
    void viewModelsNeverTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .check(classes);
    }

    @Test
    void commandLineCallsServicesNotViewsNorJdbc() {
        noClasses().that().resideInAPackage("com.antevus.console.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "java.sql..", "javax.sql..", "org.hibernate..")
                .check(classes);
    }

    @Test
    void hibernateEntitiesStayInsideTheirFeaturePackage() {
        classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("com.antevus.console.orgs..",
                        "com.antevus.console.contracts..", "com.antevus.console.verification..", "com.antevus.console.invoicing..",
                        "com.antevus.console.shell..")
                .check(classes);
    }

    /**
     * Background work goes through the one TaskExecutor (core). Exceptions: the Stripe sandbox is an HTTP
     * server with its own request threads, and the command line registers a JVM shutdown hook.
     */
    @Test
    void nobodyStartsRawThreads() {
        noClasses().that().resideOutsideOfPackages("com.antevus.console.core..", "com.antevus.console.stripe.sandbox..",
                        "com.antevus.console.cli..")
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .check(classes);
    }

    /** Calls that read the wall clock: the machine's "now" in every java.time shape, and the old millisecond clock. */
    static com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass> readTheWallClock() {
        com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass> c =
                com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(System.class, "currentTimeMillis");
        Class<?>[] types = {java.time.Instant.class, java.time.LocalDate.class, java.time.LocalDateTime.class, java.time.LocalTime.class,
                java.time.OffsetDateTime.class, java.time.OffsetTime.class, java.time.ZonedDateTime.class, java.time.YearMonth.class,
                java.time.Year.class, java.time.MonthDay.class};
        for (Class<?> t : types) {
            c = c.or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(t, "now"));
            if (t != java.time.Instant.class) {
                c = c.or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(t, "now", java.time.ZoneId.class));
            }
        }
        c = c.or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(java.time.Clock.class, "systemUTC"))
                .or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(java.time.Clock.class, "systemDefaultZone"))
                .or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(java.time.Clock.class, "system", java.time.ZoneId.class))
                .or(com.tngtech.archunit.lang.conditions.ArchConditions.callConstructor(java.util.Date.class))
                .or(com.tngtech.archunit.lang.conditions.ArchConditions.callConstructor(java.util.GregorianCalendar.class))
                .or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(java.util.Calendar.class, "getInstance"))
                .or(com.tngtech.archunit.lang.conditions.ArchConditions.callMethod(java.lang.management.RuntimeMXBean.class, "getUptime"));
        return c;
    }

    /**
     * Time is an input: only core.ConsoleClock reads the wall clock; everything else takes "now" from the Clock the
     * composition root hands it ({@code LocalDate.now(clock)} is fine, {@code LocalDate.now()} is not).
     */
    @Test
    void nothingButTheConsoleClockReadsTheWallClock() {
        noClasses().that().doNotHaveFullyQualifiedName(com.antevus.console.core.ConsoleClock.class.getName())
                .should(readTheWallClock()).check(classes);
    }

    /**
     * The console's days are UTC days: nothing reads the machine's time zone, and no LocalDateTime becomes an instant
     * through it (Timestamp.valueOf reads a LocalDateTime in the JVM's zone).
     */
    @Test
    void nothingReadsTheMachinesTimeZone() {
        noClasses().should().callMethod(java.time.ZoneId.class, "systemDefault")
                .orShould().callMethod(java.util.TimeZone.class, "getDefault")
                .orShould().callMethod(java.sql.Timestamp.class, "valueOf", java.time.LocalDateTime.class)
                .orShould().callMethod(java.sql.Timestamp.class, "valueOf", String.class)
                .check(classes);
    }

    /**
     * Every test names its instant: no test reads the wall clock. The benchmarks may stamp their results with the
     * time they ran; test support builds clocks from named instants only.
     */
    @Test
    void noTestReadsTheWallClock() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .importPackages("com.antevus.console");
        org.assertj.core.api.Assertions.assertThat(tests.contain(ArchitectureTest.class.getName())).isTrue();
        noClasses().that().resideOutsideOfPackage("com.antevus.console.bench..")
                .and().doNotHaveFullyQualifiedName("com.antevus.console.stripe.LiveStripeGatewayContractTest") // real Stripe, real clock
                .should(readTheWallClock()).check(tests);
    }

    /** No package cycles: every feature can be read, tested and moved without dragging the others along. */
    @Test
    void packagesAreFreeOfCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("com.antevus.console.(*)..")
                .should().beFreeOfCycles().check(classes);
    }

    /** db is infrastructure: it knows core and nothing of the features built on it. */
    @Test
    void theDatabasePackageDependsOnlyOnCore() {
        noClasses().that().resideInAPackage("com.antevus.console.db..")
                .should().dependOnClassesThat().resideInAnyPackage("com.antevus.console.access..", "com.antevus.console.catalog..",
                        "com.antevus.console.contracts..", "com.antevus.console.invoicing..", "com.antevus.console.orgs..",
                        "com.antevus.console.rating..", "com.antevus.console.usage..", "com.antevus.console.verification..",
                        "com.antevus.console.credits..", "com.antevus.console.charges..", "com.antevus.console.shell..", "com.antevus.console.cli..", "com.antevus.console.stripe..")
                .check(classes);
    }

    /** The layers of the README's Design section: core, then db, then the features, then the window and the command line. */
    @Test
    void layersOnlyPointDown() {
        String[] features = {"com.antevus.console.access..", "com.antevus.console.orgs..", "com.antevus.console.catalog..",
                "com.antevus.console.usage..", "com.antevus.console.invoicing..", "com.antevus.console.contracts..",
                "com.antevus.console.verification..", "com.antevus.console.charges..", "com.antevus.console.credits.."};
        com.tngtech.archunit.library.Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Entry").definedBy("com.antevus.console")
                .layer("Shell").definedBy("com.antevus.console.shell..", "com.antevus.console.cli..")
                .layer("Demo").definedBy("com.antevus.console.demo..")
                .layer("Features").definedBy(features)
                .layer("Stripe").definedBy("com.antevus.console.stripe..")
                .layer("Pure").definedBy("com.antevus.console.pricing..", "com.antevus.console.rating..")
                .layer("Db").definedBy("com.antevus.console.db..")
                .layer("Core").definedBy("com.antevus.console.core..")
                .whereLayer("Entry").mayNotBeAccessedByAnyLayer()
                .whereLayer("Shell").mayOnlyBeAccessedByLayers("Entry")
                .whereLayer("Demo").mayOnlyBeAccessedByLayers("Shell")
                .whereLayer("Features").mayOnlyBeAccessedByLayers("Shell", "Demo")
                .whereLayer("Stripe").mayOnlyBeAccessedByLayers("Features", "Shell", "Demo")
                .whereLayer("Pure").mayOnlyBeAccessedByLayers("Features", "Shell", "Demo")
                .whereLayer("Db").mayOnlyBeAccessedByLayers("Features", "Stripe", "Shell", "Demo")
                .check(classes);
    }

    /**
     * SQL belongs to repositories, db (the units of work, db.Sql, migrations), the demo generator (COPY into every
     * table) and the sandbox's own store. Services and view models hold rules and transactions, never a statement.
     */
    @Test
    void sqlLivesInRepositories() {
        noClasses().that().resideOutsideOfPackages("com.antevus.console.db..", "com.antevus.console.demo..",
                        "com.antevus.console.stripe.sandbox..")
                .and().haveSimpleNameNotEndingWith("Repository")
                .and().areNotAnnotatedWith(jakarta.persistence.Entity.class)
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.hibernate..", "jakarta.persistence..")
                .check(classes);
    }
}
