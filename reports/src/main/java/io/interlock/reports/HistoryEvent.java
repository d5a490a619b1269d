package io.interlock.reports;

import java.time.Instant;

/**
 * One entry of a scenario's history.
 *
 * @param index position in the history (0-based, in recording order)
 * @param client the client that acted or received (e.g. "A", "B"); "engine" for the runner
 * @param kind what happened
 * @param op the operation, e.g. "smb.open", "nfs.write", "break"
 * @param detail arguments or result, human readable (e.g. "f RWH", "RWH->NONE ACK_REQUIRED")
 * @param step the scenario step this belongs to, or null
 * @param nanos monotonic time ({@link System#nanoTime()}) when recorded
 * @param wallTime wall-clock time when recorded
 */
public record HistoryEvent(
        long index,
        String client,
        EventKind kind,
        String op,
        String detail,
        String step,
        long nanos,
        Instant wallTime) {}
