package io.sixjoin.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the in-process JRC's, bridge's and emulator's per-event INFO lines down to warnings, for commands
 * ({@code demo}, {@code emulate}) that run them all in one process and print their own progress and summary:
 * a line per mote entering the routing table would bury the table the user came for. Warnings still show.
 */
final class QuietLogs {
    // java.util.logging keeps loggers weakly: hold the configured one for the life of the process
    private static final Logger EMULATOR = Logger.getLogger("io.sixjoin.emulator");

    private QuietLogs() {
    }

    /** Must run before the components create their loggers, i.e. before they are started. */
    static void apply() {
        // slf4j-simple reads a logger's level from system properties first, when the logger is created
        System.setProperty("org.slf4j.simpleLogger.log.io.sixjoin", "warn");
        EMULATOR.setLevel(Level.WARNING);
    }
}
