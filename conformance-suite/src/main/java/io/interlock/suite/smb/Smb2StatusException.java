package io.interlock.suite.smb;

import java.io.IOException;

/** An SMB2 request answered with a failure status. */
public final class Smb2StatusException extends IOException {
    private final long status;

    public Smb2StatusException(String what, long status) {
        super(what + ": " + Smb2Status.name(status));
        this.status = status;
    }

    public long status() {
        return status;
    }
}
