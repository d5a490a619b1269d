package io.interlock.scenarios.clients.nfs.wire;

/** createmode3 (RFC 1813 §3.3.8). */
public enum Nfs3CreateMode {
    /** Create, or open an existing file and apply the attributes. */
    UNCHECKED(0),
    /** NFS3ERR_EXIST when the name exists. */
    GUARDED(1),
    /** Idempotent create keyed by a client verifier; no attributes. */
    EXCLUSIVE(2);

    private final int value;

    Nfs3CreateMode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Nfs3CreateMode of(int value) {
        Nfs3CreateMode[] all = values();
        if (value < 0 || value >= all.length) {
            throw new IllegalArgumentException("createmode3 " + value);
        }
        return all[value];
    }
}
