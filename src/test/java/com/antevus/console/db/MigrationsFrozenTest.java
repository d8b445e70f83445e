package com.antevus.console.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Migrations that have landed are never edited: every schema change is a new migration. The SHA-256 of each landed
 * file is written here as it stood on main (commit 218a510); a changed byte fails the build. A new migration adds its
 * line here once it lands.
 */
class MigrationsFrozenTest {
    static final Map<String, String> LANDED = new LinkedHashMap<>();

    static {
        LANDED.put("V1__billing_schema.sql", "2d926bf8b3f50d4499e658752138e0b15bb765c7be4ef94b305e41d4223af9d2");
        LANDED.put("V2__stripe_sandbox.sql", "8d1dcbdb7b36b74a5429e739e1646f8252430daf9e2b730eb2298d6f0824fe6e");
        LANDED.put("V3__catalog_versions_and_stripe.sql", "7f7eb287de6e72a75e96e0839ab13263ca3f50003c8a165a33b16861098efacc");
        LANDED.put("V4__usage_rollups.sql", "d94158b1d8fac6b3f835e6db04ca9b7b846b808c8aedd759d0f80e935374a51c");
        LANDED.put("V5__invoicing.sql", "7d914cbcf3a4476559c1607edfdabe6d357cc025be0527628d283acc28bd5be2");
        LANDED.put("V6__contracts.sql", "f1e1bd43a0b360f180aa1914c1f55a6c1a0ef11557d3a3838f403cfd54f9fffe");
        LANDED.put("V7__published_catalog_immutable_both_ways.sql", "39fc534e953d2171173465eedd33ef8535f72077c4694a3f9802bedcddcdc11e"); // issue 16
        LANDED.put("V8__grants_that_mean_what_they_say.sql", "b060f9bbc97e8f0f9889f6247718cf3c74a801250f0014bec826f5c3a369de61"); // issue 16
        LANDED.put("V9__unique_keys_hold_the_organization.sql", "94b91a5c4b0f50bca43023de22c8042ef02749742b7cfd25b10d05c2fca59684"); // issue 16
        LANDED.put("V10__late_usage_adjustments.sql", "60fd071686370461b74a810457396918923e3963b5a2d93006c53487b1fc9478"); // issue 16
        LANDED.put("V11__one_definition_of_mrr.sql", "06b1c9a8dc065d1f8ac37d371cb61071e48cb209f1f3ec7e9c93571c8aaf9be9"); // issue 16
        LANDED.put("V12__the_database_stamps_updated_at.sql", "0aeea78e6cfb9625bf5efe4e614df61fbe44fc7e694bd90a94ca83fe4a32bea9"); // issue 17
        LANDED.put("V13__audit_rows_know_their_transaction.sql", "9147f9f107bd80385a317cf56d8318a97dd71d903c9ef72104af0483f191cca4"); // issue 18
        LANDED.put("V14__credits_ledger.sql", "7d5af74cd9d49dae4d8be5095081dc95661c668835f5abdfb879a1bca97e5e14"); // issue 19
        LANDED.put("V15__credit_notes.sql", "ecee4ca41fd1f6f43a689ef6adcc0092a7f05a100e40216a8e48a8322a971bd5"); // issue 19
        LANDED.put("V16__contract_commitments.sql", "a749dc3abd47dc8116f380a8b0232c1dc0efcfaffce644faedc0612202a21390"); // issue 19
        LANDED.put("V17__coupons.sql", "786b68f57f8e818f730299e36bfa085006c47bc0c46f0ff763cff7dc2158cfb6"); // issue 19
        LANDED.put("V18__coupon_applications.sql", "f68f22988ddac41e7d37746d6525cd06a92e1b822c1d7e89320656c87792f84c"); // issue 19
        LANDED.put("V19__credit_sales.sql", "542a69fd64fece617b2ed8ca281573d0056e0834c2f5ea7aced362dde5354630"); // issue 19
    }

    @Test
    void noLandedMigrationHasChangedByAByte() throws Exception {
        for (Map.Entry<String, String> e : LANDED.entrySet()) {
            try (InputStream in = getClass().getResourceAsStream("/db/migration/" + e.getKey())) {
                assertThat(in).as(e.getKey() + " is still shipped").isNotNull();
                String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
                assertThat(sha).as(e.getKey() + " has landed and must not change: write a new migration instead").isEqualTo(e.getValue());
            }
        }
    }
}
