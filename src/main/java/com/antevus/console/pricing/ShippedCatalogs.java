package com.antevus.console.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The catalog files shipped in the jar under catalogs/: the demo catalog and seed 002's example. */
public final class ShippedCatalogs {
    public static final String ANTEVUS = "antevus.yaml";
    public static final String SEED_002 = "seed-002-example.yaml";
    public static final List<String> ALL = List.of(ANTEVUS, SEED_002);

    private ShippedCatalogs() {
    }

    public static String text(String name) {
        try (InputStream in = ShippedCatalogs.class.getResourceAsStream("/catalogs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No shipped catalog named " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog read(String name) {
        return CatalogYaml.parse(text(name), name);
    }
}
