package io.interlock.scenarios.engine;

import java.util.OptionalLong;

/**
 * The engine's time: the step timeouts, the clients' reaction delays and the quiet windows run on
 * it. Virtual on a target whose server runs on a virtual clock (one timer queue for the server and
 * the engine: 35 s of protocol time costs nothing), real elsewhere. Timers run on the scheduler's
 * thread, inside {@link #runDue} or {@link #advanceTo}, never concurrently with a decision.
 */
interface EngineClock {

    /** Now, in nanoseconds of this clock (monotonic). */
    long nanos();

    /** Runs {@code task} once this clock reaches {@code now + delayNanos}. */
    Cancel schedule(long delayNanos, Runnable task);

    /** When the next timer (the engine's, and the server's on a virtual clock) falls due. */
    OptionalLong nextDue();

    /** Runs the timers that are due now (real time: those whose time has come); whether any ran. */
    boolean runDue();

    /** Whether time moves only when the scheduler advances it. */
    boolean isVirtual();

    /** Moves virtual time to {@code nanos}, running every timer due on the way. */
    void advanceTo(long nanos);

    /** A scheduled timer. */
    interface Cancel {
        void cancel();
    }
}
