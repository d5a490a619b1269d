package io.interlock.server.nfs.nlm;

/** A request ends with a non-GRANTED nlm4_stats; the message says why (logged at DEBUG). */
public final class Nlm4Exception extends Exception {
    private static final long serialVersionUID = 1L;

    private final Nlm4Stats stat;

    public Nlm4Exception(Nlm4Stats stat, String detail) {
        super(stat + ": " + detail, null, false, false);
        this.stat = stat;
    }

    public Nlm4Stats stat() {
        return stat;
    }
}
