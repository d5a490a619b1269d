package io.interlock.scenarios.clients;

import java.net.InetSocketAddress;
import java.util.concurrent.Future;

/**
 * What a client tells the engine's scheduler about its own activity, so that the scheduler knows
 * when every client is idle or blocked on the network (quiescence) before it takes its next
 * decision. Every engine client reports through one of these:
 *
 * <ul>
 *   <li>each byte it writes to a connection ({@link #wrote}) and each byte it has consumed from one
 *       ({@link #consumed}), keyed by the client's local socket address, so that the scheduler can
 *       compare them with what the wire proxy received and delivered;
 *   <li>each place where a thread blocks until the server answers ({@link #blocking} before,
 *       {@link #unblocked} after).
 * </ul>
 *
 * <p>Ordering contract (the scheduler relies on it): a receive path calls {@link #consumed} only
 * after it has handed the bytes on (completed the future a caller waits on, called its
 * listeners), and a thread calls {@link #unblocked} before it reports the bytes it consumed itself
 * through {@link #consumed}. Implementations are thread-safe; {@link #NONE} ignores everything (a
 * client used outside the engine).
 */
public interface ClientActivity {
    ClientActivity NONE = new ClientActivity() {};

    /** The calling thread opened a connection whose local end is {@code local} (before any byte). */
    default void connected(InetSocketAddress local) {}

    /**
     * As {@link #connected(InetSocketAddress)}, naming both ends: two connections to different
     * servers (or proxy routes) may share a local port, so only the pair names a connection. The
     * engine's clients report through these.
     */
    default void connected(InetSocketAddress local, InetSocketAddress remote) {
        connected(local);
    }

    /** As {@link #wrote(InetSocketAddress, int)}, naming both ends of the connection. */
    default void wrote(InetSocketAddress local, InetSocketAddress remote, int n) {
        wrote(local, n);
    }

    /** As {@link #consumed(InetSocketAddress, int)}, naming both ends of the connection. */
    default void consumed(InetSocketAddress local, InetSocketAddress remote, int n) {
        consumed(local, n);
    }

    /** {@code n} bytes were written on the connection whose local end is {@code local}. */
    default void wrote(InetSocketAddress local, int n) {}

    /** {@code n} bytes received on the connection whose local end is {@code local} were handled. */
    default void consumed(InetSocketAddress local, int n) {}

    /**
     * The calling thread is about to block until {@code awaited} completes (a response future), or,
     * with {@code awaited} null, until bytes arrive on a socket it reads itself.
     */
    default void blocking(Future<?> awaited) {}

    /** The calling thread runs again after {@link #blocking}. */
    default void unblocked() {}
}
