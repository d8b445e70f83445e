package com.antevus.console.core;

/**
 * Asks the person to type a word before an action that moves real money in live mode (finalize and send, void, an
 * invoice run). The window's implementation is {@link TypedConfirmDialog}; tests give their own answer.
 */
@FunctionalInterface
public interface LiveConfirmation {
    /**
     * @param action what will happen, in a sentence ("Void invoice INV-0042 for $1,200.00 in live Stripe.")
     * @param word   what the person must type to go ahead
     * @return true only when they typed it exactly
     */
    boolean confirm(String action, String word);

    /** Outside live mode nothing needs typing. */
    LiveConfirmation NOT_NEEDED = (action, word) -> true;
}
