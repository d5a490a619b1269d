package io.interlock.server.nfs.nlm;

/** nlm4_stats (RFC 1813 §6.1; XNFS ch. 10). */
public enum Nlm4Stats {
    NLM4_GRANTED(0),
    NLM4_DENIED(1),
    NLM4_DENIED_NOLOCKS(2),
    NLM4_BLOCKED(3),
    NLM4_DENIED_GRACE_PERIOD(4),
    NLM4_DEADLCK(5),
    NLM4_ROFS(6),
    NLM4_STALE_FH(7),
    NLM4_FBIG(8),
    NLM4_FAILED(9);

    private static final Nlm4Stats[] BY_CODE = values();

    private final int code;

    Nlm4Stats(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status with this wire value, or null. Values are dense from 0, so the ordinal is the code. */
    public static Nlm4Stats of(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
