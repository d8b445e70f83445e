package com.antevus.console;

import com.antevus.console.cli.ConsoleCommand;

/**
 * Entry point of the jar. A plain class (not the JavaFX Application), so the shaded jar can start JavaFX
 * from the classpath. No arguments opens the window; a subcommand runs on the command line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = ConsoleCommand.execute(args);
        if (code != ConsoleCommand.WINDOW_CLOSED) {
            System.exit(code);
        }
        // after the window closes, let the JavaFX toolkit and shutdown hooks finish normally
        System.exit(0);
    }
}
