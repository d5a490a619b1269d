package io.interlock.scenarios.proxy;

/**
 * A snapshot of one direction of one connection, for the scheduler's quiescence test. All values
 * are taken together under the proxy's lock.
 *
 * <p>Invariants: {@code receivedBytes + partialBytes} = every byte read from the sender so far;
 * {@code receivedFrames = deliveredFrames + droppedFrames + queuedFrames} (a frame being written
 * counts as queued until its write completed).
 *
 * @param receivedFrames complete frames read from the sender
 * @param receivedBytes their bytes (headers included); a frame counts only once complete
 * @param partialBytes bytes read from the sender that do not yet form a complete frame: a frame
 *     is still arriving when this is not 0
 * @param deliveredFrames frames whose write to the receiver completed (handed to the kernel)
 * @param deliveredBytes their bytes
 * @param droppedFrames frames discarded (connection dropped or closed while they were queued)
 * @param droppedBytes their bytes
 * @param queuedFrames frames waiting (HOLD) or being written
 * @param senderClosed the sender closed its side (end of stream or error)
 */
public record PipeStats(
        long receivedFrames,
        long receivedBytes,
        int partialBytes,
        long deliveredFrames,
        long deliveredBytes,
        long droppedFrames,
        long droppedBytes,
        int queuedFrames,
        boolean senderClosed) {}
