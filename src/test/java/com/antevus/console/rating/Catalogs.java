package com.antevus.console.rating;

import com.antevus.console.catalog.model.Catalog;
import com.antevus.console.catalog.model.CatalogYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The catalogs shipped as files, read the way an admin's import reads them. */
public final class Catalogs {
    private Catalogs() {
    }

    public static String text(String resource) {
        try (InputStream in = Catalogs.class.getResourceAsStream("/catalogs/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource catalogs/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog antevus() {
        return CatalogYaml.parse(text("antevus.yaml"), "antevus.yaml");
    }

    public static Catalog seed002() {
        return CatalogYaml.parse(text("seed-002-example.yaml"), "seed-002-example.yaml");
    }
}
