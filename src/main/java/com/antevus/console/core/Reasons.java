package com.antevus.console.core;

/** The reason every staff write carries to the audit log: required, and stored as typed without surrounding blanks. */
public final class Reasons {
    /** What the person is told when the reason is missing. */
    public static final String MISSING = "Give a reason; it goes to the audit log with the change.";

    private Reasons() {
    }

    /** Whether {@code reason} says something. */
    public static boolean given(String reason) {
        return reason != null && !reason.isBlank();
    }

    /** The reason stripped of blanks; a {@link UserFacingException} with {@link #MISSING} when there is none. */
    public static String require(String reason) {
        if (!given(reason)) {
            throw new UserFacingException(MISSING);
        }
        return reason.strip();
    }
}
