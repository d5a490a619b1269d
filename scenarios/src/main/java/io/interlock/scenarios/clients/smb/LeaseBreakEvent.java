package io.interlock.scenarios.clients.smb;

import java.time.Instant;
import java.util.UUID;

/**
 * A lease break notification as one client received it.
 *
 * @param leaseKey the broken lease
 * @param currentState state before the break ({@link LeaseBits})
 * @param newState the state the server breaks to
 * @param flags notification flags; 0x1 = ACK_REQUIRED
 * @param epoch NewEpoch (v2 leases), else 0
 * @param receivedNanos {@link System#nanoTime()} when the receive thread decoded it
 * @param receivedAt wall-clock time of the same moment
 */
public record LeaseBreakEvent(
        UUID leaseKey, int currentState, int newState, int flags, int epoch, long receivedNanos, Instant receivedAt) {

    public boolean ackRequired() {
        return (flags & Smb2LeaseBreakNotification.FLAG_ACK_REQUIRED) != 0;
    }

    @Override
    public String toString() {
        return "LeaseBreak{" + leaseKey + " " + LeaseBits.format(currentState) + "->" + LeaseBits.format(newState)
                + (ackRequired() ? " ACK_REQUIRED" : "") + " epoch=" + epoch + "}";
    }
}
