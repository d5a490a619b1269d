package io.interlock.scenarios.clients.nlm;

/** nlm4_stats as the client reads them (RFC 1813 §6.1; XNFS ch. 10). */
public enum NlmStat {
    GRANTED,
    DENIED,
    DENIED_NOLOCKS,
    BLOCKED,
    DENIED_GRACE_PERIOD,
    DEADLCK,
    ROFS,
    STALE_FH,
    FBIG,
    FAILED;

    static NlmStat of(int code) {
        NlmStat[] all = values();
        if (code < 0 || code >= all.length) {
            throw new NlmProtocolException("unknown nlm4_stats " + code);
        }
        return all[code];
    }

    int code() {
        return ordinal();
    }
}
