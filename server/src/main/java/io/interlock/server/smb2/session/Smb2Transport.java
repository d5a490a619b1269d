package io.interlock.server.smb2.session;

import io.interlock.server.core.io.PayloadAllocator;

/**
 * How session-level code sends bytes on a connection without seeing the network stack. Thread-safe:
 * break notifications are sent from lock-manager threads.
 */
public interface Smb2Transport {
    /** Sends one SMB2 message (or compound chain) without the 4-byte transport header. */
    void send(byte[] message);

    /**
     * Sends one message or chain given in parts, taking over its payloads. By default joined into
     * one array; a transport with buffers of its own sends the parts as they are.
     */
    default void send(Smb2OutFrame frame) {
        send(frame.toBytes());
    }

    /** Where handlers get memory for bulk reply data that {@link #send(Smb2OutFrame)} will carry. */
    default PayloadAllocator payloads() {
        return PayloadAllocator.HEAP;
    }

    /** Closes the connection. */
    void close();

    boolean isActive();

    /** Peer address for logs. */
    String remote();

    /** A session on this connection logged in: the transport's pre-login limits end. */
    default void loggedIn() {}

    /** Closes the connection and logs why (a protocol violation, a limit). */
    default void closeFor(String reason) {
        close();
    }
}
