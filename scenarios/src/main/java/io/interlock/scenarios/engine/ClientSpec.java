package io.interlock.scenarios.engine;

import java.time.Duration;

/**
 * A client a scenario uses. Each SMB client is its own connection with its own ClientGuid.
 *
 * @param protocol "smb", "nfs" or "nlm" (our NLM v4 client; caller_name = the client's name, its
 *     GRANTED callbacks arrive on a listener the engine registers with the target's portmapper)
 * @param caching SMB only: behave like the Windows redirector ({@code CachingSmbClient}): keep
 *     writes in memory while holding W, serve reads from memory while holding R, flush and ack on
 *     a break by itself
 * @param flushDelay SMB caching only: how long the client takes between receiving a break and
 *     flushing (a slow or busy redirector); default 0
 */
public record ClientSpec(String protocol, Boolean caching, Duration flushDelay) {
    public static final String SMB = "smb";
    public static final String NFS = "nfs";
    public static final String NLM = "nlm";

    public ClientSpec {
        if (!SMB.equals(protocol) && !NFS.equals(protocol) && !NLM.equals(protocol)) {
            throw new IllegalArgumentException("client protocol must be smb, nfs or nlm, got " + protocol);
        }
        if ((caching != null || flushDelay != null) && !SMB.equals(protocol)) {
            throw new IllegalArgumentException("caching and flushDelay apply to smb clients only");
        }
        if (flushDelay != null && flushDelay.isNegative()) {
            throw new IllegalArgumentException("negative flushDelay " + flushDelay);
        }
        flushDelay = flushDelay == null ? Duration.ZERO : flushDelay;
        if (!flushDelay.isZero() && !Boolean.TRUE.equals(caching)) {
            throw new IllegalArgumentException("flushDelay needs caching: true");
        }
    }

    public ClientSpec(String protocol) {
        this(protocol, null, null);
    }

    public boolean isCaching() {
        return Boolean.TRUE.equals(caching);
    }
}
