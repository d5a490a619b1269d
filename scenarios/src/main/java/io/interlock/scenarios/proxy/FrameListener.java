package io.interlock.scenarios.proxy;

/**
 * Observes a {@link WireProxy}: connections, and every frame's arrival and fate.
 *
 * <p>Calls are made under the proxy's lock, one at a time, in the order the events happened (the
 * order of {@link WireProxy#changes()}): for one frame, {@link #arrived} comes before {@link
 * #delivered} or {@link #dropped}; for one connection, {@link #opened} first and {@link #closed}
 * last; frames of one connection and direction in their order on the wire. Because of that lock a
 * listener must be quick, must not block, and must not call {@link WireProxy#deliver}, {@link
 * WireProxy#deliverAll}, {@link WireProxy#drop}, {@link Connection#mode(ProxyMode)} or {@link
 * WireProxy#close}; reading ({@link WireProxy#deliverable}, stats) is fine. An exception it throws
 * is logged and otherwise ignored.
 */
public interface FrameListener {
    /** A client connected and the proxy connected upstream for it. */
    default void opened(Connection connection) {}

    /**
     * A frame is complete. In HOLD mode it is queued (and visible to {@link WireProxy#deliverable}
     * from now on); in PASS mode it is about to be forwarded.
     */
    default void arrived(Frame frame) {}

    /** The frame's write to the receiver completed. */
    default void delivered(Frame frame) {}

    /** The frame was discarded: its connection was dropped or closed before it was delivered. */
    default void dropped(Frame frame) {}

    /** The connection is closed on both sides; no frame of it arrives or is delivered any more. */
    default void closed(Connection connection) {}
}
