package com.antevus.console.orgs;

import com.antevus.console.db.Transactions;
import java.util.List;
import org.hibernate.SessionFactory;

/** Organization queries for the views and the command line. Owns its transactions; returns records. */
public final class OrganizationService {
    private final Transactions tx;
    private final OrganizationRepository repository = new OrganizationRepository();

    public OrganizationService(SessionFactory sessionFactory) {
        this.tx = new Transactions(sessionFactory);
    }

    /** Every organization with its live subscription, ordered by name. */
    public List<OrganizationSummary> listOrganizations() {
        return tx.read("loading the organizations", repository::listSummaries);
    }

    /** The entity classes this feature maps, for the Hibernate bootstrap. */
    public static List<Class<?>> entities() {
        return List.of(Organization.class, Subscription.class);
    }
}
