package com.antevus.console.core;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * An amount of money as integer minor units (cents for USD) plus an ISO 4217 currency. Never a double.
 * Arithmetic is exact and refuses to mix currencies or overflow silently.
 */
public record Money(long minor, String currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (currency.length() != 3) {
            throw new IllegalArgumentException("Currency must be a three-letter ISO code, got '" + currency + "'");
        }
        currency = currency.toUpperCase(Locale.ROOT);
    }

    public static Money of(long minor, String currency) {
        return new Money(minor, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minor, factor), currency);
    }

    public boolean isNegative() {
        return minor < 0;
    }

    /** Digits after the decimal point for this currency (2 for USD, 0 for JPY), from {@link StripeCurrencies}. */
    public int fractionDigits() {
        return StripeCurrencies.digits(currency);
    }

    /** Digits after the decimal point for a currency code; 2 when the code is not a currency (forms mid-typing). */
    public static int digits(String currency) {
        try {
            return zero(currency).fractionDigits();
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }

    /**
     * An amount as a person types it in major units ("1,500.00", "$20", "-5") to minor units of {@code currency}.
     *
     * @throws IllegalArgumentException with a sentence for the person: not a number, more decimals than the currency
     *                                  has, or too large
     */
    public static long parseMajor(String text, String currency) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "").replace("$", "");
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + (text == null ? "" : text.strip()) + "' is not an amount");
        }
        int digits = digits(currency);
        if (v.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException("more decimals than " + currency + " has");
        }
        try {
            return v.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too large");
        }
    }

    /**
     * A fractional rate given in minor units, written in major units with at least the currency's decimals and
     * as many more as it needs: 0.1 cent is "0.001", 2 cents "0.02".
     */
    public static String rateText(BigDecimal minor, String currency) {
        int digits = digits(currency);
        BigDecimal major = minor.movePointLeft(digits).stripTrailingZeros();
        return (major.scale() < digits ? major.setScale(digits) : major).toPlainString();
    }

    /** The amount in major units, exact (scale = the currency's fraction digits). For display and export only. */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(minor, fractionDigits());
    }

    /** "$1,500.00" in US English; the console formats money in one place. */
    public String format() {
        NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
        f.setCurrency(Currency.getInstance(currency));
        f.setMinimumFractionDigits(fractionDigits());
        f.setMaximumFractionDigits(fractionDigits());
        return f.format(toMajor());
    }

    @Override
    public int compareTo(Money o) {
        requireSameCurrency(o);
        return Long.compare(minor, o.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return toMajor().toPlainString() + " " + currency;
    }
}
