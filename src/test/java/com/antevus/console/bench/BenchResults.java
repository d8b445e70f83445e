package com.antevus.console.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Prints a benchmark figure and appends it to target/bench/results.json (one named figure per entry). */
public final class BenchResults {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchResults() {
    }

    public static synchronized void record(String name, double value, String unit, String note) {
        System.out.printf("BENCH %-48s %14.2f %-10s %s%n", name, value, unit, note);
        Path file = Path.of(System.getProperty("bench.output", "target/bench/results.json"));
        try {
            Files.createDirectories(file.getParent());
            ObjectNode root = Files.exists(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
            ArrayNode entries = root.has("results") ? (ArrayNode) root.get("results") : root.putArray("results");
            ObjectNode e = entries.addObject();
            e.put("name", name);
            e.put("value", value);
            e.put("unit", unit);
            e.put("note", note);
            e.put("at", Instant.now().toString());
            e.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max heap");
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
