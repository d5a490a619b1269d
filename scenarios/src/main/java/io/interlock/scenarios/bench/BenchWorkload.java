package io.interlock.scenarios.bench;

import java.util.Map;

/**
 * One workload of {@code interlock bench}. {@link BenchRun} declares its measures, opens a session
 * per target (clients connected, files prepared), then runs rounds alternating between the targets
 * (A B A B ...), so that slow drift of the machine (other load, thermal state) affects every target
 * alike.
 */
public interface BenchWorkload {
    /** data, rpc or break. */
    String name();

    /** Its settings, for the report. */
    Map<String, Object> parameters();

    /** Declares every measure on {@code rec}, in the order the report shows them. */
    void declare(BenchRecorder rec);

    /**
     * Runs before any target's session opens, untimed: a workload that times a client's first steps
     * warms the client's own code here, so that the first target opened does not carry it. Nothing by
     * default.
     */
    default void warmClient() {}

    /** Prepares {@code target}: connects clients, creates files. Failures of a protocol are noted, not thrown. */
    TargetSession open(BenchTarget target, BenchRecorder rec) throws Exception;

    /** A workload's state on one target. */
    interface TargetSession extends AutoCloseable {
        /** Runs round {@code round} (0-based) on this target, recording into the recorder. */
        void round(int round) throws Exception;

        /** Bytes of file data this session left on the target (for the memory line), 0 if unknown. */
        default long heldBytes() {
            return 0;
        }

        /** Removes what the session created where that is cheap, and disconnects. */
        @Override
        void close();
    }
}
