package com.antevus.console.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Stripe's amount rules (docs.stripe.com/currencies), written out here by hand. */
class StripeCurrenciesTest {
    @Test
    void eachCurrencyHasStripesDecimalsAndItsSpecialCasesGoOverTheWireAsStripeExpects() {
        assertThat(StripeCurrencies.digits("USD")).isEqualTo(2);
        assertThat(StripeCurrencies.digits("jpy")).isZero();
        assertThat(StripeCurrencies.digits("MGA")).as("zero-decimal in Stripe although ISO 4217 says 2").isZero();
        assertThat(StripeCurrencies.digits("KWD")).isEqualTo(3);
        assertThat(StripeCurrencies.digits("ISK")).isZero();
        assertThat(StripeCurrencies.digits("HUF")).isEqualTo(2);
        assertThat(Money.of(150_000, "JPY").format()).doesNotContain(".").contains("150,000");
        assertThat(Money.of(5, "ISK").toMajor()).isEqualByComparingTo("5");

        assertThat(StripeCurrencies.toStripe(Money.of(1_000, "USD"))).isEqualTo(1_000);
        assertThat(StripeCurrencies.toStripe(Money.of(500, "JPY"))).isEqualTo(500);
        assertThat(StripeCurrencies.toStripe(Money.of(5, "ISK"))).as("5 ISK is sent as 500").isEqualTo(500);
        assertThat(StripeCurrencies.fromStripe(500, "isk")).isEqualTo(Money.of(5, "ISK"));
        assertThat(StripeCurrencies.toStripe(Money.of(5_120, "KWD"))).isEqualTo(5_120);
        assertThatThrownBy(() -> StripeCurrencies.toStripe(Money.of(5_124, "KWD"))).isInstanceOf(UserFacingException.class)
                .hasMessageContaining("must end in 0");
    }
}
