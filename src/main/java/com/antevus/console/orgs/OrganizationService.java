package com.antevus.console.orgs;

import com.antevus.console.core.UserFacingException;
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
    private final StripeGateway stripe;
    private final OrganizationRepository repository = new OrganizationRepository();

    public OrganizationService(DataSource dataSource, StripeGateway stripe) {
        this.jdbc = new Jdbc(dataSource);
        this.stripe = stripe;
    }

    /**
     * Links the organization to a Stripe customer: finds one already tagged with its id (a retry after a crash,
     * even beyond Stripe's 24 h idempotency window), else creates it with a key derived from the organization,
     * then records the id with optimistic locking. Returns the customer id.
     */
    public String linkStripeCustomer(UUID organizationId) {
        OrganizationRepository.StripeIdentity org = jdbc.read("reading the organization",
                c -> repository.stripeIdentity(c, organizationId));
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
        boolean linked = jdbc.write("linking the organization to Stripe", "Linked to Stripe customer " + customer.id(),
                customer.requestId(),
                c -> repository.linkStripeCustomer(c, organizationId, org.version(), customer.id()));
        if (!linked) {
            throw new UserFacingException("Someone else changed " + org.name() + " since it was loaded; reload the list. "
                    + "The Stripe customer " + customer.id() + " is kept and will be reused, not duplicated.");
        }
        return customer.id();
    }

    /** Every organization with its live subscription, ordered by name. */
    public List<OrganizationSummary> listOrganizations() {
        return jdbc.read("loading the organizations", repository::listSummaries);
    }

    /** The entity classes this feature maps, for the Hibernate bootstrap. */
    public static List<Class<?>> entities() {
        return List.of(Organization.class, Subscription.class);
    }
}
