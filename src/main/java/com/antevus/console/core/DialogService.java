package com.antevus.console.core;

import java.util.List;

/**
 * The one way a view asks a person to confirm a consequential action (void, mark paid, an invoice run, apply,
 * bulk approve, publish): what will happen, in words and amounts, and what Stripe will do. In live mode the person
 * also types a word. The window's implementation is {@link FxDialogService}; view tests pass a recording fake.
 */
public interface DialogService {
    /**
     * @param title       the action, as the dialog's title ("Void invoice")
     * @param summary     one sentence: who, what, how much ("Void AV-202610-00042 of Harbor Pharma for $1,200.00.")
     * @param details     what follows from it, one line each (what Stripe will do, what cannot be undone)
     * @param actionLabel the button that goes ahead ("Void invoice")
     * @param typedWord   the word to type first, in live mode; null otherwise
     */
    record Confirmation(String title, String summary, List<String> details, String actionLabel, String typedWord) {
        public Confirmation {
            details = List.copyOf(details);
        }

        /** The same confirmation, asking for {@code word} to be typed when Stripe is live. */
        public Confirmation typedIn(StripeMode mode, String word) {
            return new Confirmation(title, summary, details, actionLabel, mode == StripeMode.LIVE ? word : null);
        }
    }

    /** True only when the person chose to go ahead (and typed the word when one is asked). */
    boolean confirm(Confirmation confirmation);
}
