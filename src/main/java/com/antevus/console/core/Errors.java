package com.antevus.console.core;

/** Turns any failure into the one plain sentence the UI or the command line shows. */
public final class Errors {
    private Errors() {
    }

    public static String plainMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserFacingException) {
                return c.getMessage();
            }
        }
        return "Something went wrong that the console did not expect (" + t.getClass().getSimpleName()
                + "). Details are in the log file; try again, and report it if it repeats.";
    }
}
