package com.antevus.console.rating;

import java.util.List;

/** A period's price: the lines, and a total that is by construction their sum. */
public record Rating(String currency, List<RatedLine> lines) {
    public Rating {
        lines = List.copyOf(lines);
    }

    public long totalMinor() {
        return lines.stream().mapToLong(RatedLine::amountMinor).reduce(0L, Math::addExact);
    }

    /** The sum of the overage lines. */
    public long overageMinor() {
        return lines.stream().filter(l -> l.kind() == RatedLine.Kind.OVERAGE).mapToLong(RatedLine::amountMinor).sum();
    }
}
