package io.interlock.scenarios.clients.nfs;

import java.io.IOException;

/**
 * An NFS procedure answered a status other than NFS3_OK (RFC 1813 §2.6). Both {@link NfsClient}
 * implementations fail this way, so the engine reads one status name whatever the client.
 */
public final class Nfs3StatusException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the nfsstat3 value
     * @param what the operation, e.g. "WRITE f"
     */
    public Nfs3StatusException(int status, String what) {
        this(status, what, null);
    }

    public Nfs3StatusException(int status, String what, Throwable cause) {
        super(what + ": " + Nfs3Status.nameOf(status), cause);
        this.status = status;
    }

    /** The nfsstat3 value. */
    public int status() {
        return status;
    }

    /** The nfsstat3 name, e.g. {@code NFS3ERR_NOENT}. */
    public String statusName() {
        return Nfs3Status.nameOf(status);
    }
}
