package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.CatalogDiff;
import com.antevus.console.pricing.CatalogRules;
import com.antevus.console.pricing.CatalogYaml;
import com.antevus.console.core.ConsoleConfig;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Database;
import com.antevus.console.db.Jdbc;
import com.antevus.console.rating.Rating;
import com.antevus.console.rating.RatingEngine;
import com.antevus.console.rating.RatingFacts;
import com.antevus.console.stripe.StripeAccess;
import com.antevus.console.stripe.StripeGateway;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The plan catalog for the views and the command line: versions, drafts, import and export, publishing (to the
 * database, then to Stripe) and rating. Owns its transactions; every write is audited with a reason.
 */
public final class CatalogService implements AutoCloseable {
    private final Jdbc jdbc;
    private final CatalogRepository repository = new CatalogRepository();
    private final CatalogPublisher publisher;
    private final Runnable onClose;
    private final java.time.Clock clock;

    private final CouponService coupons;

    public CatalogService(DataSource dataSource, Supplier<StripeGateway> stripe, java.time.Clock clock) {
        this(dataSource, stripe, clock, () -> { });
    }

    private CatalogService(DataSource dataSource, Supplier<StripeGateway> stripe, java.time.Clock clock, Runnable onClose) {
        this.clock = clock;
        this.coupons = new CouponService(dataSource, stripe, clock);
        this.jdbc = new Jdbc(dataSource);
        this.publisher = new CatalogPublisher(jdbc, stripe, repository);
        this.onClose = onClose;
    }

    /** For the command line: Stripe (or the local sandbox) is opened only if a command publishes. */
    public static CatalogService open(Database db, ConsoleConfig config) {
        StripeAccess[] access = new StripeAccess[1];
        return new CatalogService(db.dataSource(), () -> {
            if (access[0] == null) {
                access[0] = StripeAccess.open(config, db.ownerDataSource());
            }
            return access[0].gateway();
        }, config.clock(), () -> {
            if (access[0] != null) {
                access[0].close();
            }
        });
    }

    @Override
    public void close() {
        onClose.run();
    }

    /** The catalog's rules were broken; nothing was saved. */
    public static final class InvalidCatalogException extends UserFacingException {
        private final transient List<CatalogRules.Problem> problems;

        public InvalidCatalogException(List<CatalogRules.Problem> problems) {
            super("The catalog has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "; nothing was saved: "
                    + String.join("; ", problems.stream().limit(5).map(CatalogRules.Problem::toString).toList())
                    + (problems.size() > 5 ? "; …" : "."));
            this.problems = List.copyOf(problems);
        }

        public List<CatalogRules.Problem> problems() {
            return problems;
        }
    }

    // ---- reading ----------------------------------------------------------------------------------------
    public List<CatalogVersion> versions() {
        return jdbc.read("loading the catalog versions", repository::versions);
    }

    public Optional<CatalogVersion> current() {
        return jdbc.read("loading the current catalog", c -> repository.current(c, today()));
    }

    public Optional<CatalogVersion> draft() {
        return jdbc.read("loading the draft catalog", repository::draft);
    }

    public CatalogVersion version(int number) {
        return jdbc.read("loading the catalog version", c -> repository.byNumber(c, number))
                .orElseThrow(() -> new UserFacingException("There is no catalog version " + number + ". See 'catalog versions'."));
    }

    public Catalog load(long versionId) {
        return jdbc.read("loading the catalog", c -> repository.load(c, versionId));
    }

    /** The catalog in force today; an empty one before anything was published. */
    public Catalog currentCatalog() {
        return current().map(v -> load(v.id())).orElseGet(() -> new Catalog(List.of(), List.of(), List.of(), List.of()));
    }

    public String export(CatalogVersion v) {
        return CatalogYaml.write(load(v.id()), "Billing Console catalog " + v.isoTitle()
                + (v.publishedBy() == null ? "" : ", published by " + v.publishedBy()) + ".");
    }

    public List<CatalogDiff.Change> diff(CatalogVersion from, CatalogVersion to) {
        return CatalogDiff.between(load(from.id()), load(to.id()));
    }

    // ---- import and drafts -----------------------------------------------------------------------------
    /** A parsed file and how it differs from the catalog in force. */
    public record ImportPreview(Catalog catalog, List<CatalogDiff.Change> changes, Optional<CatalogVersion> against) {
    }

    /** Reads and validates a catalog file and diffs it against the current catalog; changes nothing. */
    public ImportPreview preview(String yaml, String source) {
        Catalog parsed = CatalogYaml.parse(yaml, source);
        Optional<CatalogVersion> current = current();
        Catalog now = current.map(v -> load(v.id())).orElseGet(() -> new Catalog(List.of(), List.of(), List.of(), List.of()));
        return new ImportPreview(parsed, CatalogDiff.between(now, parsed), current);
    }

    /** Applies a previewed catalog as a new draft version (or over the existing draft when {@code replaceDraft}). */
    public CatalogVersion importAsDraft(ImportPreview preview, String source, boolean replaceDraft) {
        String reason = "Imported catalog from " + source;
        Optional<CatalogVersion> draft = draft();
        if (draft.isPresent() && replaceDraft) {
            return saveDraft(draft.get(), preview.catalog(), reason);
        }
        return jdbc.write("creating the draft catalog version", reason, null, c -> {
            long id = repository.createDraft(c, preview.catalog(), reason, preview.against().map(CatalogVersion::id).orElse(null));
            return repository.version(c, id).orElseThrow();
        });
    }

    /** Starts editing: a new draft holding a copy of the given version (the current one when null). */
    public CatalogVersion startDraft(CatalogVersion from) {
        CatalogVersion base = from != null ? from : current().orElseThrow(() ->
                new UserFacingException("There is no published catalog to edit yet; import one first."));
        Catalog copy = load(base.id());
        return jdbc.write("creating the draft catalog version", "Started editing from v" + base.number(), null, c -> {
            long id = repository.createDraft(c, copy, "Edited from v" + base.number(), base.id());
            return repository.version(c, id).orElseThrow();
        });
    }

    /** Saves the draft's new contents, validated, if nobody else changed it since it was loaded. */
    public CatalogVersion saveDraft(CatalogVersion draft, Catalog catalog, String reason) {
        List<CatalogRules.Problem> problems = CatalogRules.validate(catalog);
        if (!problems.isEmpty()) {
            throw new InvalidCatalogException(problems);
        }
        return jdbc.write("saving the draft catalog", reason, null, c -> {
            repository.saveDraft(c, draft.id(), draft.rowVersion(), catalog, draft.notes());
            return repository.version(c, draft.id()).orElseThrow();
        });
    }

    public void discardDraft(CatalogVersion draft, String reason) {
        jdbc.write("discarding the draft catalog", reason, null, c -> {
            repository.discardDraft(c, draft.id(), draft.rowVersion());
            return null;
        });
    }

    // ---- publishing -------------------------------------------------------------------------------------
    public PublishImpact impact(CatalogVersion version) {
        return jdbc.read("working out the publish impact", c -> repository.impact(c, version.id()));
    }

    /** What publishing did: in the database, then in Stripe (null when the Stripe step failed; publish again to resume). */
    public record PublishResult(CatalogVersion version, PublishOutcome outcome, StripeSync stripe) {
    }

    /**
     * Publishes a draft: marks it published (immutable) and applies the move decision in one transaction, then
     * creates or links its Stripe products and prices. Publishing an already published version only completes
     * its Stripe step, creating nothing that exists.
     */
    public PublishResult publish(CatalogVersion version, LocalDate effectiveFrom, PublishOutcome.Decision decision, String by) {
        PublishOutcome outcome = null;
        CatalogVersion v = version;
        if (version.isDraft()) {
            List<CatalogRules.Problem> problems = CatalogRules.validate(load(version.id()));
            if (!problems.isEmpty()) {
                throw new InvalidCatalogException(problems);
            }
            String reason = "Published catalog v" + version.number() + " effective " + effectiveFrom + " ("
                    + (decision == PublishOutcome.Decision.MOVE_AT_RENEWAL ? "changed plans move at renewal" : "changed plans grandfathered") + ")";
            outcome = jdbc.write("publishing the catalog version", reason, null,
                    c -> repository.publish(c, version.id(), version.rowVersion(), effectiveFrom, by, decision));
            v = jdbc.read("reading the catalog version", c -> repository.version(c, version.id())).orElseThrow();
        }
        StripeSync sync = publisher.sync(v);
        CatalogVersion after = jdbc.read("reading the catalog version", c -> repository.version(c, version.id())).orElseThrow();
        return new PublishResult(after, outcome, sync);
    }

    /** Moves subscriptions scheduled to move at renewal whose renewal has come; their entitlements follow. */
    public int applyDueMoves(LocalDate asOf) {
        return jdbc.write("moving subscriptions to their new plans", "Scheduled plan moves due by " + asOf, null,
                c -> repository.applyDueMoves(c, asOf));
    }

    // ---- rating -----------------------------------------------------------------------------------------
    /** Rates a plan of the current catalog for usage someone typed (the editor's preview, the CLI's rate --plan). */
    public static Rating ratePlan(Catalog catalog, String planCode, RatingFacts facts, Map<String, Long> usage) {
        Catalog.PlanSpec plan = catalog.plan(planCode).orElseThrow(() -> new UserFacingException("There is no plan '" + planCode
                + "' in the catalog; it has " + String.join(", ", catalog.plans().stream().map(Catalog.PlanSpec::code).toList()) + "."));
        return RatingEngine.rate(plan, catalog.addOnsByCode(), facts, usage);
    }

    /** Today on the console's clock (a UTC day). */
    public LocalDate today() {
        return com.antevus.console.core.ConsoleClock.today(clock);
    }

    /** The console's clock, for the views and services built on this one. */
    /** Coupons and promotion codes, through the same Stripe gateway. */
    public CouponService coupons() {
        return coupons;
    }

    public java.time.Clock clock() {
        return clock;
    }
}
