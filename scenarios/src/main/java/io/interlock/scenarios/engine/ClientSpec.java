package io.interlock.scenarios.engine;

import java.time.Duration;
import java.util.Locale;

/**
 * A client a program uses. Each SMB client is its own connection with its own ClientGuid.
 *
 * @param protocol "smb", "nfs" or "nlm" (our NLM v4 client; caller_name = the client's name)
 * @param caching SMB only: behave like the Windows redirector ({@code CachingSmbClient}): keep
 *     writes in memory while holding W, serve reads from memory while holding R, flush and ack on
 *     a break by itself
 * @param flushDelay SMB caching only: how long after a break arrives the client handles it (a slow
 *     or busy redirector); default 0
 * @param ack SMB only: how a client handles its breaks: {@code manual} (the default for a client
 *     that does not cache: the program's {@code smb.ack} steps acknowledge), {@code auto} (the
 *     client acknowledges by itself {@code ackDelay} after the break arrived; a caching client always
 *     does, after {@code flushDelay}) or {@code never} (it never acknowledges, nor flushes)
 * @param ackDelay SMB auto only: the delay before the client acknowledges
 */
public record ClientSpec(String protocol, Boolean caching, Duration flushDelay, String ack, Duration ackDelay) {
    public static final String SMB = "smb";
    public static final String NFS = "nfs";
    public static final String NLM = "nlm";
    public static final String MANUAL = "manual";
    public static final String AUTO = "auto";
    public static final String NEVER = "never";

    public ClientSpec {
        if (!SMB.equals(protocol) && !NFS.equals(protocol) && !NLM.equals(protocol)) {
            throw new IllegalArgumentException("client protocol must be smb, nfs or nlm, got " + protocol);
        }
        if ((caching != null || flushDelay != null || ack != null || ackDelay != null) && !SMB.equals(protocol)) {
            throw new IllegalArgumentException("caching, flushDelay, ack and ackDelay apply to smb clients only");
        }
        if (flushDelay != null && flushDelay.isNegative() || ackDelay != null && ackDelay.isNegative()) {
            throw new IllegalArgumentException("negative delay");
        }
        flushDelay = flushDelay == null ? Duration.ZERO : flushDelay;
        ackDelay = ackDelay == null ? Duration.ZERO : ackDelay;
        if (!flushDelay.isZero() && !Boolean.TRUE.equals(caching)) {
            throw new IllegalArgumentException("flushDelay needs caching: true");
        }
        if (ack != null) {
            ack = ack.toLowerCase(Locale.ROOT);
            if (!MANUAL.equals(ack) && !AUTO.equals(ack) && !NEVER.equals(ack)) {
                throw new IllegalArgumentException("ack must be manual, auto or never, got " + ack);
            }
            if (MANUAL.equals(ack) && Boolean.TRUE.equals(caching)) {
                throw new IllegalArgumentException("a caching client handles its breaks itself: ack auto or never");
            }
        }
    }

    public ClientSpec(String protocol) {
        this(protocol, null, null, null, null);
    }

    public boolean isCaching() {
        return Boolean.TRUE.equals(caching);
    }

    /** How this SMB client handles breaks: manual, auto or never. */
    public String ackMode() {
        if (ack != null) {
            return ack;
        }
        return isCaching() ? AUTO : MANUAL;
    }

    /** Whether the client handles breaks itself (the engine runs its handling when it is due). */
    public boolean reacts() {
        return SMB.equals(protocol) && !MANUAL.equals(ackMode());
    }

    /** How long after a break arrives the client handles it. */
    public Duration reactionDelay() {
        return isCaching() ? flushDelay : ackDelay;
    }
}
