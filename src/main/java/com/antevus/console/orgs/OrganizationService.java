package com.antevus.console.orgs;

import com.antevus.console.db.Jdbc;
import java.util.List;
import javax.sql.DataSource;

/** Organization queries for the views and the command line. Owns its transactions; returns records. */
public final class OrganizationService {
    private final Jdbc jdbc;
    private final OrganizationRepository repository = new OrganizationRepository();

    public OrganizationService(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
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
