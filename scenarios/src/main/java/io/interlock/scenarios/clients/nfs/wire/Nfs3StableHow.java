package io.interlock.scenarios.clients.nfs.wire;

/** stable_how (RFC 1813 §3.3.7); a reply's {@code committed} is never below what was asked. */
public enum Nfs3StableHow {
    UNSTABLE,
    DATA_SYNC,
    FILE_SYNC;

    public int value() {
        return ordinal();
    }

    public static Nfs3StableHow of(int value) {
        Nfs3StableHow[] all = values();
        if (value < 0 || value >= all.length) {
            throw new IllegalArgumentException("stable_how " + value);
        }
        return all[value];
    }
}
