package io.interlock.scenarios.clients.nfs.wire;

import io.interlock.scenarios.clients.rpc.XdrIn;
import io.interlock.scenarios.clients.rpc.XdrOut;
import java.time.Instant;

/**
 * nfstime3 (RFC 1813 §2.5): seconds and nanoseconds since the epoch, both uint32.
 *
 * @param seconds uint32
 * @param nseconds uint32
 */
public record Nfs3Time(long seconds, long nseconds) {
    public static Nfs3Time decode(XdrIn in) {
        return new Nfs3Time(in.uint32(), in.uint32()); // seconds (4 bytes), nseconds (4 bytes)
    }

    public void encode(XdrOut o) {
        o.uint32(seconds); // seconds (4 bytes)
        o.uint32(nseconds); // nseconds (4 bytes)
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, nseconds);
    }
}
