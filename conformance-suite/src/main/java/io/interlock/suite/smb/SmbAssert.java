package io.interlock.suite.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.interlock.suite.SuiteClock;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.opentest4j.AssertionFailedError;

/** Assertions and small steps the SMB suites share. */
public final class SmbAssert {
    public static final Duration EVENT = SuiteClock.EVENT;

    private SmbAssert() {}

    /** Opens (OPEN_IF, read/write, share all) {@code path} with a v1 lease request. */
    public static Smb2Open lease(Smb2Client c, String path, UUID key, int state) throws IOException {
        return c.create(Smb2Create.file(path).lease(Lease.v1(key, state)));
    }

    /** As {@link #lease} with a v2 request carrying {@code epoch}. */
    public static Smb2Open leaseV2(Smb2Client c, String path, UUID key, int state, int epoch) throws IOException {
        return c.create(Smb2Create.file(path).lease(Lease.v2(key, state, epoch)));
    }

    /** Opens with a traditional oplock request. */
    public static Smb2Open oplock(Smb2Client c, String path, int level) throws IOException {
        return c.create(Smb2Create.file(path).oplock(level));
    }

    /** Creates {@code path} (OPEN_IF, no lease) and closes it again. */
    public static void touch(Smb2Client c, String path) throws IOException {
        Smb2Open o = c.create(Smb2Create.file(path));
        c.close(o.fileId());
    }

    /**
     * Asserts that {@code c} receives no break notification: an ECHO round trip on its connection
     * first (a server that breaks synchronously has queued the break before answering it), then a
     * short watch for one delivered late.
     */
    public static void assertNoBreak(Smb2Client c, String why) throws IOException {
        c.echo();
        SuiteClock.watchReal(SuiteClock.QUIET, () -> !c.pendingNotifications().isEmpty(), why + ": a break was sent");
        List<Smb2Message> got = c.pendingNotifications();
        if (!got.isEmpty()) {
            fail(why + ": got " + got);
        }
    }

    /** The next lease break of {@code c}, checked against the expected transition. */
    public static LeaseBreak expectLeaseBreak(Smb2Client c, UUID key, int from, int to) throws IOException {
        LeaseBreak b;
        try {
            b = c.awaitLeaseBreak(EVENT);
        } catch (Smb2Client.Smb2Timeout e) {
            throw new AssertionFailedError("expected a lease break " + Lease.bits(from) + "->" + Lease.bits(to) + " to "
                    + c.name() + ": none within " + EVENT);
        }
        assertEquals(key, b.key(), "the broken lease's key");
        assertEquals(
                Lease.bits(from) + "->" + Lease.bits(to),
                Lease.bits(b.current()) + "->" + Lease.bits(b.newState()),
                "lease break transition");
        return b;
    }

    /** Asserts that a pending request is still waiting (no final response after a short watch). */
    public static void assertHeld(Smb2Client.Pending p, String what) {
        SuiteClock.watchReal(SuiteClock.QUIET, p::isDone, what + " must wait for the break acknowledgment");
    }

    /** The final response of a pending request. */
    public static Smb2Message completes(Smb2Client.Pending p, String what) throws IOException {
        Smb2Message m;
        try {
            m = p.await(EVENT);
        } catch (Smb2Client.Smb2Timeout e) {
            throw new AssertionFailedError(what + ": still waiting after " + EVENT);
        }
        assertNotNull(m, what);
        return m;
    }

    /** Asserts an NTSTATUS by name. */
    public static void assertStatus(long expected, long actual, String what) {
        assertEquals(Smb2Status.name(expected), Smb2Status.name(actual), what);
    }

    /** Asserts a lease state by its letters. */
    public static void assertLease(int expected, int actual, String what) {
        assertEquals(Lease.bits(expected), Lease.bits(actual), what);
    }

    /** Asserts an oplock level by name. */
    public static void assertOplock(int expected, int actual, String what) {
        assertEquals(Smb2Open.oplockName(expected), Smb2Open.oplockName(actual), what);
    }
}
