package com.antevus.console.catalog;

/** What one publish to Stripe did: products and prices created, prices linked from the previous version, prices archived. */
public record StripeSync(int productsCreated, int pricesCreated, int pricesLinked, int pricesArchived, int alreadyInPlace) {
    public boolean createdNothing() {
        return productsCreated == 0 && pricesCreated == 0 && pricesArchived == 0;
    }
}
