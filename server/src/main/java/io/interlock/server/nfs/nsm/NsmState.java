package io.interlock.server.nfs.nsm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NSM state number (XNFS 11.1; R-NSM-1): odd while the server is up, and larger after every
 * restart. With a state file it is the stored value's next odd number (the file is rewritten at
 * start). Without one it is derived from the wall clock, 2 × (seconds since 2024-01-01) + 1, which
 * grows across restarts that are at least a second apart and fits an int32 until 2058.
 */
public final class NsmState {
    private static final Logger log = LoggerFactory.getLogger(NsmState.class);
    private static final long EPOCH_2024 = 1_704_067_200L;

    private final int state;

    private NsmState(int state) {
        this.state = state;
    }

    /** Starts the server's NSM: reads, bumps and writes the state file if one is given. */
    public static NsmState start(Path file, Instant now) {
        int fromClock = (int) (2 * Math.max(0, now.getEpochSecond() - EPOCH_2024) + 1);
        if (file == null) {
            return new NsmState(fromClock);
        }
        int previous = 0;
        try {
            if (Files.isRegularFile(file)) {
                previous = Integer.parseInt(
                        Files.readString(file, StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            log.warn("NSM state file {} unreadable ({}), starting over", file, e.toString());
        }
        int next = (previous | 1) + 2;
        try {
            Files.writeString(file, Integer.toString(next), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            log.warn("NSM state file {} not written: {}", file, e.toString());
        }
        return new NsmState(next);
    }

    /** The current state number: odd. */
    public int value() {
        return state;
    }
}
