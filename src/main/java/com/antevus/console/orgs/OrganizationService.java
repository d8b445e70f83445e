package com.antevus.console.orgs;

import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Hibernate;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Organization queries for the views and the command line. Owns its transactions; returns records. */
public final class OrganizationService {
    private final Jdbc jdbc;
    private final Hibernate hibernate;
    private final StripeGateway stripe;
    private final OrganizationRepository repository = new OrganizationRepository();

    /** For tests and the command line: bootstraps its own SessionFactory over the organization entity, in the background. */
    public OrganizationService(DataSource dataSource, StripeGateway stripe) {
        this(dataSource, Hibernate.start(dataSource, entities(), java.util.concurrent.ForkJoinPool.commonPool()), stripe);
    }

    public OrganizationService(DataSource dataSource, Hibernate hibernate, StripeGateway stripe) {
        this.jdbc = new Jdbc(dataSource);
        this.hibernate = hibernate;
        this.stripe = stripe;
    }

    /**
     * Links the organization to a Stripe customer: finds one already tagged with its id (a retry after a crash,
     * even beyond Stripe's 24 h idempotency window), else creates it with a key derived from the organization,
     * then records the id with optimistic locking. Returns the customer id.
     */
    public String linkStripeCustomer(UUID organizationId) {
        OrganizationRepository.StripeIdentity org = hibernate.read("reading the organization",
                s -> repository.stripeIdentity(s, organizationId));
        if (org == null) {
            throw new UserFacingException("This organization no longer exists. Reload the list.");
        }
        if (org.stripeCustomerId() != null) {
            throw new UserFacingException(org.name() + " is already linked to Stripe customer " + org.stripeCustomerId() + ".");
        }
        Optional<StripeModels.Customer> existing = stripe.findCustomerByMetadata("organization_id", organizationId.toString());
        StripeModels.Customer customer = existing.orElseGet(() -> stripe.createCustomer(
                IdempotencyKey.of("organization", organizationId, "create-customer"), org.name(), org.billingEmail(),
                Map.of("organization_id", organizationId.toString())));
        try {
            hibernate.write("linking the organization to Stripe", "Linked to Stripe customer " + customer.id(), customer.requestId(),
                    s -> {
                        repository.linkStripeCustomer(s, organizationId, org.version(), customer.id());
                        return null;
                    });
        } catch (Hibernate.StaleException stale) {
            String last = jdbc.read("reading the audit log", c -> repository.lastChange(c, organizationId));
            throw new UserFacingException("Someone else changed " + org.name() + " since it was loaded"
                    + (last == null ? "" : ": " + last) + ". Nothing was saved; reload the list. The Stripe customer "
                    + customer.id() + " is kept and will be reused, not duplicated.");
        }
        return customer.id();
    }

    /** Every organization with its live subscription, ordered by name. */
    public List<OrganizationSummary> listOrganizations() {
        List<OrganizationSummary> list = jdbc.read("loading the organizations", repository::listSummaries);
        hibernate.warmUp(); // the first screen has its data: Hibernate's bootstrap no longer competes with it
        return list;
    }

    /** The entity classes this feature maps, for the Hibernate bootstrap. */
    public static List<Class<?>> entities() {
        return List.of(Organization.class);
    }

    /** Everything about one organization, for its page; its latest 50 changes. */
    public OrganizationProfile profile(UUID org) {
        return jdbc.read("loading the organization", c -> {
            OrganizationSummary summary = repository.summary(c, org).orElseThrow(() ->
                    new com.antevus.console.core.UserFacingException("This organization no longer exists."));
            String[] contact = OrganizationProfileRepository.contact(c, org).orElseThrow();
            return new OrganizationProfile(summary, contact[0], contact[1], OrganizationProfileRepository.subscription(c, org).orElse(null),
                    OrganizationProfileRepository.entitlements(c, org), OrganizationProfileRepository.invoices(c, org),
                    OrganizationProfileRepository.contracts(c, org), OrganizationProfileRepository.documents(c, org),
                    OrganizationProfileRepository.verifications(c, org), OrganizationProfileRepository.activity(c, org, 50),
                    com.antevus.console.credits.CreditLedger.of(com.antevus.console.credits.CreditRepository.entries(c, org)),
                    com.antevus.console.credits.CreditRepository.settings(c).lowBalanceThreshold());
        });
    }

    /** An organization a search found, and how (by name, domain, Stripe customer or invoice number). */
    public record Match(UUID id, String name, String how) {
        @Override
        public String toString() {
            return "name".equals(how) ? name : name + " · " + how;
        }
    }

    /** Up to 12 organizations matching {@code query} (at least two characters); none for a shorter one. */
    public List<Match> search(String query) {
        String q = query == null ? "" : query.strip();
        if (q.length() < 2) {
            return List.of();
        }
        java.util.Map<UUID, Match> best = new java.util.LinkedHashMap<>(); // one line per organization: its best match
        for (Match m : jdbc.read("searching organizations", c -> OrganizationProfileRepository.search(c, q, 24))) {
            best.putIfAbsent(m.id(), m);
        }
        return best.values().stream().limit(12).toList();
    }
}
