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
        noClasses().that().resideInAnyPackage("com.antevus.console.rating..", "com.antevus.console.catalog.model..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.hibernate..", "jakarta.persistence..",
                        "com.antevus.console.db..", "com.antevus.console.stripe..", "com.stripe..", "javafx..",
                        "com.antevus.console.shell..", "com.antevus.console.orgs..")
                .check(classes);
        noClasses().that().resideInAnyPackage("com.antevus.console.rating..", "com.antevus.console.catalog.model..")
                .should().dependOnClassesThat().resideInAPackage("com.antevus.console.catalog")
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
                        "com.antevus.console.contracts..", "com.antevus.console.shell..")
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
}
