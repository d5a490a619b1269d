package io.interlock.scenarios.ops;

import io.interlock.scenarios.clients.smb.LeaseBits;
import io.interlock.scenarios.clients.smb.LeaseBreakEvent;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The detail text of a BREAK history event, e.g. {@code "RWH->NONE ACK_REQUIRED epoch=2 key=..."}.
 * One format, written by the runner and read by the checks, so checks can run over a history
 * loaded back from run.json.
 *
 * @param from state before the break
 * @param to state broken to
 * @param ackRequired whether the notification asked for an ack
 */
public record BreakDetail(int from, int to, boolean ackRequired) {
    private static final Pattern FORMAT = Pattern.compile("^(\\S+)->(\\S+)( ACK_REQUIRED)?");

    public static String format(LeaseBreakEvent e) {
        return LeaseBits.format(e.currentState()) + "->" + LeaseBits.format(e.newState())
                + (e.ackRequired() ? " ACK_REQUIRED" : "") + " epoch=" + e.epoch() + " key=" + e.leaseKey();
    }

    /** Parses what {@link #format} wrote. */
    public static BreakDetail parse(String detail) {
        Matcher m = FORMAT.matcher(detail == null ? "" : detail);
        if (!m.find()) {
            throw new IllegalArgumentException("not a break detail: " + detail);
        }
        return new BreakDetail(LeaseBits.parse(m.group(1)), LeaseBits.parse(m.group(2)), m.group(3) != null);
    }

    @Override
    public String toString() {
        return LeaseBits.format(from) + "->" + LeaseBits.format(to) + (ackRequired ? " ACK_REQUIRED" : "");
    }
}
