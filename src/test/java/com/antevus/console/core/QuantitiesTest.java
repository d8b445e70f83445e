package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuantitiesTest {
    @Test
    void readsWhatPeopleType() {
        assertThat(Quantities.parse("1600000")).isEqualTo(1_600_000L);
        assertThat(Quantities.parse("1,600,000")).isEqualTo(1_600_000L);
        assertThat(Quantities.parse("1_600_000")).isEqualTo(1_600_000L);
        assertThat(Quantities.parse("1.6M")).isEqualTo(1_600_000L);
        assertThat(Quantities.parse("250k")).isEqualTo(250_000L);
        assertThat(Quantities.parse("2B")).isEqualTo(2_000_000_000L);
        assertThat(Quantities.parse("-5")).isEqualTo(-5L);
        assertThat(Quantities.parse("1.5")).isNull();
        assertThat(Quantities.parse("abc")).isNull();
        assertThat(Quantities.parse("")).isNull();
        assertThat(Quantities.parse("99999999999999999999")).isNull();
    }
}
