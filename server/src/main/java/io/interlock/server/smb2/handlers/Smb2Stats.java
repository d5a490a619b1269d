package io.interlock.server.smb2.handlers;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one server, for logs and tests: what went through the transform and async paths. */
public final class Smb2Stats {
    final AtomicLong decryptedFrames = new AtomicLong();
    final AtomicLong encryptedFrames = new AtomicLong();
    final AtomicLong interimResponses = new AtomicLong();
    final AtomicLong cancelled = new AtomicLong();

    /** Frames received encrypted and decrypted. */
    public long decryptedFrames() {
        return decryptedFrames.get();
    }

    /** Frames sent encrypted. */
    public long encryptedFrames() {
        return encryptedFrames.get();
    }

    /** Interim STATUS_PENDING responses sent. */
    public long interimResponses() {
        return interimResponses.get();
    }

    /** Requests cancelled by CANCEL. */
    public long cancelled() {
        return cancelled.get();
    }
}
