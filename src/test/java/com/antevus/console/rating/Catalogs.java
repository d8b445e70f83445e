package com.antevus.console.rating;

import com.antevus.console.pricing.Catalog;
import com.antevus.console.pricing.ShippedCatalogs;

/** The catalogs shipped as files, read the way an admin's import reads them. */
public final class Catalogs {
    private Catalogs() {
    }

    public static String text(String resource) {
        return ShippedCatalogs.text(resource);
    }

    public static Catalog antevus() {
        return ShippedCatalogs.read(ShippedCatalogs.ANTEVUS);
    }

    public static Catalog seed002() {
        return ShippedCatalogs.read(ShippedCatalogs.SEED_002);
    }
}
