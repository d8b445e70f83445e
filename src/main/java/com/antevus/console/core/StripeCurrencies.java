package com.antevus.console.core;

import java.util.Locale;
import java.util.Set;

/**
 * The console's one table of how Stripe writes amounts (docs.stripe.com/currencies), used by {@link Money} for what
 * people see and by the Stripe gateway for what goes over the wire:
 * <ul>
 *   <li>zero-decimal currencies (BIF, CLP, DJF, GNF, JPY, KMF, KRW, MGA, PYG, RWF, UGX, VND, VUV, XAF, XOF, XPF): the
 *       amount is whole units. MGA is among them although ISO 4217 gives it two decimals;</li>
 *   <li>three-decimal currencies (BHD, JOD, KWD, OMR, TND): thousandths, and Stripe requires the last digit to be 0, so
 *       an amount that is not a whole number of hundredths is refused before it is sent;</li>
 *   <li>ISK is zero-decimal, but Stripe's API keeps two decimals for it (always 00): 5 ISK is sent as 500;</li>
 *   <li>every other currency: two decimals. (HUF and TWD charge with two decimals; only their payouts are whole
 *       units, which the console does not make.)</li>
 * </ul>
 */
public final class StripeCurrencies {
    static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX",
            "VND", "VUV", "XAF", "XOF", "XPF");
    static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");
    /** Zero-decimal for people, two decimals (always 00) in Stripe's API. */
    static final Set<String> TWO_DECIMALS_IN_THE_API = Set.of("ISK");

    private StripeCurrencies() {
    }

    private static String code(String currency) {
        return currency == null ? "" : currency.toUpperCase(Locale.ROOT);
    }

    /** Decimals of the currency's minor unit as the console stores and shows it (0 for JPY and ISK, 3 for KWD). */
    public static int digits(String currency) {
        String c = code(currency);
        if (ZERO_DECIMAL.contains(c) || TWO_DECIMALS_IN_THE_API.contains(c)) {
            return 0;
        }
        return THREE_DECIMAL.contains(c) ? 3 : 2;
    }

    /** The console's minor units as Stripe's API expects the amount; one sentence when Stripe would refuse it. */
    public static long toStripe(Money amount) {
        String c = code(amount.currency());
        if (TWO_DECIMALS_IN_THE_API.contains(c)) {
            return Math.multiplyExact(amount.minor(), 100L);
        }
        if (THREE_DECIMAL.contains(c) && amount.minor() % 10 != 0) {
            throw new UserFacingException(amount.format() + " cannot be charged through Stripe: " + c + " amounts must end in 0 "
                    + "(a whole number of hundredths). Round the line to the nearest ten, then try again.");
        }
        return amount.minor();
    }

    /** An amount Stripe returned, in the console's minor units. */
    public static Money fromStripe(long stripeAmount, String currency) {
        String c = code(currency);
        return Money.of(TWO_DECIMALS_IN_THE_API.contains(c) ? stripeAmount / 100 : stripeAmount, c);
    }
}
