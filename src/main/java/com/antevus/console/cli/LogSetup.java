package com.antevus.console.cli;

import java.nio.file.Path;

/** Points the log file at the console's home before the first logger is created. */
final class LogSetup {
    private LogSetup() {
    }

    static void configure(Path logDirectory) {
        if (System.getProperty("console.log.dir") == null) {
            System.setProperty("console.log.dir", logDirectory.toString());
        }
    }
}
