package io.interlock.server.nfs.v3;

import io.interlock.server.rpc.XdrEncodable;

/**
 * A procedure ends with a non-OK nfsstat3. {@code resfail} encodes what follows the status (the
 * attribute / wcc blocks of the procedure's resfail arm); null lets the procedure table write them
 * as absent.
 */
public final class Nfs3Exception extends Exception {
    private static final long serialVersionUID = 1L;

    private final Nfs3Status status;
    private final String detail;
    private final transient XdrEncodable resfail;

    public Nfs3Exception(Nfs3Status status, String detail) {
        this(status, detail, null);
    }

    public Nfs3Exception(Nfs3Status status, String detail, XdrEncodable resfail) {
        super(status + ": " + detail, null, false, false);
        this.status = status;
        this.detail = detail;
        this.resfail = resfail;
    }

    public Nfs3Status status() {
        return status;
    }

    /** The reason without the status prefix (for re-wrapping with another resfail body). */
    public String detail() {
        return detail;
    }

    public XdrEncodable resfail() {
        return resfail;
    }
}
