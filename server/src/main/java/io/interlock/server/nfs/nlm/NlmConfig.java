package io.interlock.server.nfs.nlm;

import java.nio.file.Path;
import java.time.Duration;

/**
 * NLM and NSM settings.
 *
 * <p><b>How the server finds a client's NLM service</b> for GRANTED and the _RES calls: like lockd,
 * it asks the portmapper on the client's host (the transport source address of the request) for
 * ({@code callbackProgram}, the request's NLM version, TCP), at the port where portmappers listen
 * (our own portmapper's port when we run one, else the configured portmap port, normally 111).
 * With the default {@code callbackProgram} 100021 this is exactly what Linux and BSD clients
 * register. A client on the server's own host cannot register 100021 there (the server's own
 * mapping holds it), so test clients register their callback listener under a separate program
 * number, e.g. {@link #INTERLOCK_CALLBACK_PROGRAM}, and the server is configured with the same
 * number. A lookup that yields our own NLM listener is refused, so the server never calls itself.
 * SM_NOTIFY at start goes the same way to NSM (100024 v1) on each registrant's host.
 *
 * @param grace the grace period after start (R-NLM-9; 90 s by default, zero for none)
 * @param maxBlockedPerFile blocked LOCK requests queued per file before DENIED_NOLOCKS (R-NLM-11)
 * @param callbackTimeout bound on one callback: portmapper lookup, connect and reply (R-NLM-4)
 * @param leaseBreakWait how long LOCK waits for conflicting SMB leases to break before it goes on
 *     (R-XP-8)
 * @param callbackProgram the RPC program number the client's callback service is registered as
 * @param nsmStateFile where the NSM state number survives restarts, or null to derive it from the
 *     wall clock (see {@code NsmState}); the SM_MON registrations are kept beside it ({@code
 *     <file>.monitors}) and notified at the next start (R-NSM-1)
 * @param nsmName the mon_name our SM_NOTIFY carries (how peers know this host); null → the local
 *     host name
 * @param denyUnbrokenLease R-XP-9: when true, a <em>non-blocking</em> LOCK whose conflicting SMB
 *     leases did not finish breaking within {@code leaseBreakWait} (no acknowledgement: the wait ran
 *     out, or the lock manager reports the break {@code timedOut}) is answered NLM4_DENIED and takes
 *     nothing; the lease break goes on. When false (the default, DittoFS and R-XP-8 behaviour) the
 *     lock proceeds after the wait. Blocking LOCKs always proceed (they queue behind byte-range
 *     conflicts anyway).
 */
public record NlmConfig(
        Duration grace,
        int maxBlockedPerFile,
        Duration callbackTimeout,
        Duration leaseBreakWait,
        int callbackProgram,
        Path nsmStateFile,
        String nsmName,
        boolean denyUnbrokenLease) {

    public static final int NLM_PROGRAM = 100021;
    /** A program number in the user-defined range (RFC 5531 §7.3) for same-host test clients. */
    public static final int INTERLOCK_CALLBACK_PROGRAM = 0x20000021;

    public NlmConfig {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must be zero or positive");
        }
        if (maxBlockedPerFile < 0) {
            throw new IllegalArgumentException("negative blocking queue limit");
        }
        callbackTimeout = callbackTimeout == null ? Duration.ofSeconds(5) : callbackTimeout;
        leaseBreakWait = leaseBreakWait == null ? Duration.ofSeconds(5) : leaseBreakWait;
    }

    /** With no NSM name and lease-wait-then-proceed (R-XP-8). */
    public NlmConfig(
            Duration grace,
            int maxBlockedPerFile,
            Duration callbackTimeout,
            Duration leaseBreakWait,
            int callbackProgram,
            Path nsmStateFile) {
        this(grace, maxBlockedPerFile, callbackTimeout, leaseBreakWait, callbackProgram, nsmStateFile, null, false);
    }

    /** Grace 90 s, 100 blocked requests per file, 5 s callbacks, 5 s lease wait, program 100021. */
    public static NlmConfig defaults() {
        return new NlmConfig(
                Duration.ofSeconds(90), 100, Duration.ofSeconds(5), Duration.ofSeconds(5), NLM_PROGRAM, null);
    }

    public NlmConfig withGrace(Duration g) {
        return new NlmConfig(
                g,
                maxBlockedPerFile,
                callbackTimeout,
                leaseBreakWait,
                callbackProgram,
                nsmStateFile,
                nsmName,
                denyUnbrokenLease);
    }

    public NlmConfig withCallbackProgram(int program) {
        return new NlmConfig(
                grace,
                maxBlockedPerFile,
                callbackTimeout,
                leaseBreakWait,
                program,
                nsmStateFile,
                nsmName,
                denyUnbrokenLease);
    }

    public NlmConfig withMaxBlockedPerFile(int max) {
        return new NlmConfig(
                grace, max, callbackTimeout, leaseBreakWait, callbackProgram, nsmStateFile, nsmName, denyUnbrokenLease);
    }

    public NlmConfig withLeaseBreakWait(Duration wait) {
        return new NlmConfig(
                grace,
                maxBlockedPerFile,
                callbackTimeout,
                wait,
                callbackProgram,
                nsmStateFile,
                nsmName,
                denyUnbrokenLease);
    }

    public NlmConfig withNsmStateFile(Path file) {
        return new NlmConfig(
                grace,
                maxBlockedPerFile,
                callbackTimeout,
                leaseBreakWait,
                callbackProgram,
                file,
                nsmName,
                denyUnbrokenLease);
    }

    public NlmConfig withNsmName(String name) {
        return new NlmConfig(
                grace,
                maxBlockedPerFile,
                callbackTimeout,
                leaseBreakWait,
                callbackProgram,
                nsmStateFile,
                name,
                denyUnbrokenLease);
    }

    public NlmConfig withDenyUnbrokenLease(boolean deny) {
        return new NlmConfig(
                grace,
                maxBlockedPerFile,
                callbackTimeout,
                leaseBreakWait,
                callbackProgram,
                nsmStateFile,
                nsmName,
                deny);
    }

    public NlmConfig withCallbackTimeout(Duration timeout) {
        return new NlmConfig(
                grace,
                maxBlockedPerFile,
                timeout,
                leaseBreakWait,
                callbackProgram,
                nsmStateFile,
                nsmName,
                denyUnbrokenLease);
    }
}
