package io.interlock.server.nfs.v3.xdr;

import io.interlock.server.rpc.XdrException;
import io.interlock.server.rpc.XdrReader;
import io.interlock.server.rpc.XdrWriter;
import java.time.Instant;

/**
 * nfstime3 (RFC 1813 §2.5): seconds and nanoseconds since the epoch, both uint32.
 *
 * @param seconds seconds since 1970-01-01 (unsigned; the wire carries them mod 2^32)
 * @param nseconds nanoseconds, below 10^9
 */
public record Nfstime3(long seconds, int nseconds) {
    public static Nfstime3 of(Instant t) {
        return new Nfstime3(t.getEpochSecond() & 0xFFFFFFFFL, t.getNano());
    }

    public Instant toInstant() {
        return Instant.ofEpochSecond(seconds, nseconds);
    }

    /** Whether a stored time equals this wire time as the wire carries it (seconds mod 2^32). */
    public boolean matches(Instant stored) {
        return equals(of(stored));
    }

    public static Nfstime3 decode(XdrReader r) {
        // seconds (4 bytes)
        long s = r.readUnsignedInt();
        // nseconds (4 bytes)
        long ns = r.readUnsignedInt();
        if (ns >= 1_000_000_000L) {
            throw new XdrException("nseconds " + ns);
        }
        return new Nfstime3(s, (int) ns);
    }

    public void encode(XdrWriter w) {
        w.writeInt((int) seconds).writeInt(nseconds);
    }
}
