package io.interlock.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Switches log verbosity at run time (logback.xml keeps everything quiet by default). */
final class Logging {
    private Logging() {}

    static void verbose(boolean on) {
        if (on) {
            ((Logger) LoggerFactory.getLogger("io.interlock")).setLevel(Level.DEBUG);
        }
    }

    /**
     * Lifecycle messages of the server (listeners up, shares) are useful when serving, and so is
     * every connection the server closes with its reason (limits, timeouts: io.interlock.server.net).
     */
    static void serving() {
        ((Logger) LoggerFactory.getLogger("io.interlock.server.app")).setLevel(Level.INFO);
        ((Logger) LoggerFactory.getLogger("io.interlock.server.net")).setLevel(Level.INFO);
    }
}
