package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void addsAndSubtractsExactlyInMinorUnits() {
        Money a = Money.of(150_000, "usd");
        assertThat(a.currency()).isEqualTo("USD");
        assertThat(a.plus(Money.of(10_000, "USD"))).isEqualTo(Money.of(160_000, "USD"));
        assertThat(a.minus(Money.of(150_001, "USD")).isNegative()).isTrue();
        assertThat(Money.of(17_500, "USD").times(3).minor()).isEqualTo(52_500);
    }

    @Test
    void formatsWithTheCurrencysDigits() {
        assertThat(Money.of(150_000, "USD").format()).isEqualTo("$1,500.00");
        assertThat(Money.of(5, "USD").format()).isEqualTo("$0.05");
        assertThat(Money.of(1500, "JPY").format()).isEqualTo("\u00a51,500");
        assertThat(Money.of(-2550, "USD").toMajor().toPlainString()).isEqualTo("-25.50");
    }

    @Test
    void refusesToMixCurrenciesOrOverflow() {
        assertThatThrownBy(() -> Money.of(1, "USD").plus(Money.of(1, "EUR"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "USD").plus(Money.of(1, "USD"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(1, "US")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sumOfLinesIsOrderIndependent() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            long[] lines = r.longs(1 + r.nextInt(40), -1_000_000, 10_000_000).toArray();
            Money forward = Money.zero("USD");
            for (long l : lines) {
                forward = forward.plus(Money.of(l, "USD"));
            }
            Money backward = Money.zero("USD");
            for (int i = lines.length - 1; i >= 0; i--) {
                backward = backward.plus(Money.of(lines[i], "USD"));
            }
            assertThat(forward).isEqualTo(backward);
            assertThat(forward.minor()).isEqualTo(java.util.Arrays.stream(lines).sum());
        }
    }

    @Test
    void amountsTypedInMajorUnitsBecomeExactMinorUnitsOrAPlainReason() {
        org.assertj.core.api.Assertions.assertThat(Money.parseMajor("1,500.00", "USD")).isEqualTo(150_000L);
        org.assertj.core.api.Assertions.assertThat(Money.parseMajor(" $20 ", "USD")).isEqualTo(2_000L);
        org.assertj.core.api.Assertions.assertThat(Money.parseMajor("-5.5", "USD")).isEqualTo(-550L);
        org.assertj.core.api.Assertions.assertThat(Money.parseMajor("1200", "JPY")).isEqualTo(1_200L);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parseMajor("1.005", "USD")).hasMessage("more decimals than USD has");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parseMajor("12.5", "JPY")).hasMessage("more decimals than JPY has");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parseMajor("lots", "USD")).hasMessage("'lots' is not an amount");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parseMajor("99999999999999999999", "USD")).hasMessage("too large");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Money.parseMajor("", "USD")).hasMessage("'' is not an amount");
    }
}
