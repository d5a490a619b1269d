package io.interlock.scenarios.proxy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One direction of one connection: the socket frames are read from, the socket they are written
 * to, the queue between them, and the counters. Fields marked "guarded by the proxy lock" are read
 * and written only under {@code WireProxy.lock}.
 *
 * <p>{@link #writeLock} serialises writes to {@link #sink} (a PASS forward on the reader thread, a
 * {@code deliver} on the scheduler's thread, a mode switch waiting for an in-flight write) and is
 * held from "peek the head" to "count it delivered", so frames leave in queue order. Lock order:
 * a write lock before the proxy lock, never the reverse; no thread holds two write locks except a
 * switch to HOLD, which takes TO_SERVER's before TO_CLIENT's.
 */
final class Pipe {
    final Connection connection;
    final Direction direction;
    /** Where this direction's bytes come from. */
    final Socket source;
    /** Where they go. */
    final Socket sink;

    final OutputStream out;
    final ReentrantLock writeLock = new ReentrantLock();

    // guarded by the proxy lock
    final ArrayDeque<Frame> queue = new ArrayDeque<>();
    long receivedFrames;
    long receivedBytes;
    int partialBytes;
    long deliveredFrames;
    long deliveredBytes;
    long droppedFrames;
    long droppedBytes;
    /** The source reached end of stream. */
    boolean senderClosed;
    /** We shut the sink's output down after the last queued frame (half close passed on). */
    boolean sinkShut;

    Pipe(Connection connection, Direction direction, Socket source, Socket sink) throws IOException {
        this.connection = connection;
        this.direction = direction;
        this.source = source;
        this.sink = sink;
        this.out = sink.getOutputStream();
    }

    /** Caller holds the proxy lock. */
    PipeStats stats() {
        return new PipeStats(
                receivedFrames,
                receivedBytes,
                partialBytes,
                deliveredFrames,
                deliveredBytes,
                droppedFrames,
                droppedBytes,
                queue.size(),
                senderClosed);
    }

    String name() {
        return "c" + connection.id() + " " + connection.route() + " " + direction;
    }
}
