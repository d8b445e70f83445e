package com.antevus.console.catalog;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.Catalog.AddOn;
import com.antevus.console.pricing.Catalog.PlanSpec;
import com.antevus.console.pricing.CatalogRules;
import com.antevus.console.core.Money;
import com.antevus.console.core.UserFacingException;
import com.antevus.console.db.Jdbc;
import com.antevus.console.stripe.IdempotencyKey;
import com.antevus.console.stripe.StripeGateway;
import com.antevus.console.stripe.StripeModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts a published catalog version's prices in Stripe: one product per plan or add-on code (shared by every
 * version), one price per item and interval. An unchanged amount links the previous version's price; a changed
 * amount creates a new price, moves the lookup key to it and archives the old one (subscriptions already on it
 * keep it). Each step is recorded in the database right after Stripe confirmed it, and every POST carries a key
 * derived from the version, item and step: publishing again resumes where a failure stopped and creates nothing twice.
 */
final class CatalogPublisher {
    private final Jdbc jdbc;
    private final Supplier<StripeGateway> stripe;
    private final CatalogRepository repository;

    CatalogPublisher(Jdbc jdbc, Supplier<StripeGateway> stripe, CatalogRepository repository) {
        this.jdbc = jdbc;
        this.stripe = stripe;
        this.repository = repository;
    }

    record Item(String kind, String code, String name, String interval, String currency, long amountMinor) {
        String lookupKey() {
            return kind + "_" + code + "_" + interval;
        }
    }

    /** The priced items of a catalog: plans with a base fee (monthly, and annual when set) and add-ons (monthly). */
    static List<Item> items(Catalog catalog) {
        List<Item> out = new ArrayList<>();
        for (PlanSpec p : catalog.plans()) {
            if (!CatalogRules.hasBaseFee(p) || p.monthlyMinor() == null) {
                continue; // pay-as-you-go and custom plans have no base price; overage is invoiced from the rating engine
            }
            out.add(new Item("plan", p.code(), p.name(), "month", p.currency(), p.monthlyMinor()));
            if (p.annualMinor() != null) {
                out.add(new Item("plan", p.code(), p.name(), "year", p.currency(), p.annualMinor()));
            }
        }
        for (AddOn a : catalog.addOns()) {
            out.add(new Item("add_on", a.code(), a.name(), "month", a.currency(), a.monthlyMinor()));
        }
        return out;
    }

    StripeSync sync(CatalogVersion version) {
        if (version.isDraft()) {
            throw new UserFacingException("Version " + version.number() + " is a draft; publish it first.");
        }
        Catalog catalog = jdbc.read("reading the catalog version", c -> repository.load(c, version.id()));
        String reason = "Published catalog v" + version.number() + " to Stripe";
        int products = 0;
        int created = 0;
        int linked = 0;
        int archived = 0;
        int inPlace = 0;
        StripeGateway gateway = stripe.get();
        for (Item item : items(catalog)) {
            Optional<CatalogRepository.StripePriceRow> mine = jdbc.read("reading the Stripe mapping",
                    c -> repository.stripePrice(c, version.id(), item.kind(), item.code(), item.interval(), false));
            if (mine.isPresent()) {
                CatalogRepository.StripePriceRow row = mine.get();
                if (row.replacedPriceId() != null && !row.replacedArchived()) {
                    archive(gateway, version, item, row.replacedPriceId(), reason);
                    archived++;
                } else {
                    inPlace++;
                }
                continue;
            }
            Optional<CatalogRepository.StripePriceRow> previous = jdbc.read("reading the Stripe mapping",
                    c -> repository.stripePrice(c, version.id(), item.kind(), item.code(), item.interval(), true));
            if (previous.isPresent() && previous.get().amountMinor() == item.amountMinor()
                    && previous.get().currency().equals(item.currency())) {
                CatalogRepository.StripePriceRow prev = previous.get();
                jdbc.write("recording the Stripe price", reason, null, c -> {
                    repository.recordPrice(c, version.id(), item.kind(), item.code(), item.interval(), item.currency(),
                            item.amountMinor(), item.lookupKey(), prev.priceId(), "linked", null);
                    return null;
                });
                linked++;
                continue;
            }
            String[] productId = new String[1];
            boolean madeProduct = ensureProduct(gateway, item, reason, productId);
            products += madeProduct ? 1 : 0;
            Money amount = Money.of(item.amountMinor(), item.currency());
            // After a crash past Stripe's 24 h key window, the price this version made already holds the lookup key.
            Optional<StripeModels.Price> holder = gateway.findPriceByLookupKey(item.lookupKey())
                    .filter(p -> previous.map(r -> !r.priceId().equals(p.id())).orElse(true))
                    .filter(p -> p.unitAmount().equals(amount) && item.interval().equals(p.interval()));
            StripeModels.Price price = holder.orElseGet(() -> gateway.createPrice(
                    IdempotencyKey.of("catalog-price", version.id() + ":" + item.kind() + ":" + item.code() + ":" + item.interval(), "create"),
                    productId[0], amount, item.interval(), item.lookupKey(),
                    Map.of("catalog_version", String.valueOf(version.number()), "console_item", item.kind() + ":" + item.code())));
            String replaced = previous.map(CatalogRepository.StripePriceRow::priceId).orElse(null);
            jdbc.write("recording the Stripe price", reason, null, c -> {
                repository.recordPrice(c, version.id(), item.kind(), item.code(), item.interval(), item.currency(), item.amountMinor(),
                        item.lookupKey(), price.id(), "created", replaced);
                return null;
            });
            created++;
            if (replaced != null) {
                archive(gateway, version, item, replaced, reason);
                archived++;
            }
        }
        jdbc.write("recording the Stripe sync", reason, null, c -> {
            repository.markSynced(c, version.id());
            return null;
        });
        return new StripeSync(products, created, linked, archived, inPlace);
    }

    private boolean ensureProduct(StripeGateway gateway, Item item, String reason, String[] productId) {
        Optional<String> known = jdbc.read("reading the Stripe mapping", c -> repository.stripeProduct(c, item.kind(), item.code()));
        if (known.isPresent()) {
            productId[0] = known.get();
            return false;
        }
        StripeModels.Product product = gateway.createProduct(IdempotencyKey.of("catalog-product", item.kind() + ":" + item.code(), "create"),
                item.name(), Map.of("console_item", item.kind() + ":" + item.code()));
        jdbc.write("recording the Stripe product", reason, null, c -> {
            repository.recordProduct(c, item.kind(), item.code(), product.id());
            return null;
        });
        productId[0] = product.id();
        return true;
    }

    private void archive(StripeGateway gateway, CatalogVersion version, Item item, String priceId, String reason) {
        gateway.archivePrice(IdempotencyKey.of("catalog-price", version.id() + ":" + item.kind() + ":" + item.code() + ":" + item.interval(),
                "archive-replaced"), priceId);
        jdbc.write("recording the archived Stripe price", reason, null, c -> {
            repository.markReplacedArchived(c, version.id(), item.kind(), item.code(), item.interval());
            return null;
        });
    }
}
